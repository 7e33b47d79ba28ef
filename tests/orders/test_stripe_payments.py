"""Card payment through Stripe: checkout by card leads to the pay page, which
creates one PaymentIntent per order at a local fake of the Stripe API
(localstripe) and shows Stripe Elements; other companies get 404, and
without keys there is no card payment at all."""

import socket
from decimal import Decimal

import pytest
from django.urls import reverse
from oscar.core.loading import get_model
from stripe._payment_intent_service import PaymentIntentService

from orders.payments import PaymentError, amount_minor_units, payment_intent_create
from partner_portal.permissions import Role
from tests.factories import MembershipFactory
from tests.factories.orders import (
    DeliveryAddressFactory,
    basket_create,
    order_place,
    product_create,
)
from tests.helpers import assert_cross_company_404, snapshot
from tests.orders.stripe_fake import (  # noqa: F401  fixtures
    PUBLISHABLE_KEY,
    fixture_card_order,
    fixture_localstripe_url,
    fixture_no_stripe_keys,
    fixture_stripe_keys,
    intent_pay,
    stripe_test_client,
)

Order = get_model("order", "Order")
STRIPE_JS = "https://js.stripe.com/v3/"


def _pay_url(order):
    return reverse("orders:pay", args=[order.number])


def test_card_checkout_leads_to_pay_page_with_one_intent(
    client, stripe_keys, company, buyer
):
    product = product_create(title="Torque wrench", sku="WRENCH-1", price="12.34")
    address = DeliveryAddressFactory(company=company)
    basket = basket_create(user=buyer, company=company, lines=[(product, 2)])
    client.force_login(buyer)

    page = client.get(reverse("orders:checkout"))
    assert 'value="card"' in page.text
    assert STRIPE_JS not in page.text  # Stripe's script only on the pay page

    response = client.post(
        reverse("orders:checkout"),
        {
            "basket": basket.pk,
            "address": address.pk,
            "purchase_order_number": "PO-CARD-7",
            "cost_centre": "",
            "payment_method": "card",
        },
    )
    order = Order.objects.for_company(company).get()
    assert response.status_code == 302
    assert response.url == _pay_url(order)
    assert order.payment_method == "card"
    assert order.paid_at is None

    page = client.get(response.url)
    assert page.status_code == 200
    assert "no-store" in page["Cache-Control"]
    assert STRIPE_JS in page.text
    order.refresh_from_db()
    intent = stripe_test_client().v1.payment_intents.retrieve(
        order.stripe_payment_intent
    )
    assert intent.client_secret in page.text
    assert PUBLISHABLE_KEY in page.text
    # 24.68 net + 19 % VAT on the sum (4.69, not 2 x 2.34) = 29.37, in cents
    assert order.total_incl_tax == Decimal("29.37")
    assert intent.amount == 2937
    assert intent.currency == "eur"
    assert intent.metadata.to_dict() == {
        "order_number": order.number,
        "company_id": str(company.pk),
    }

    # A reload (or a second tab) shows the same intent, not a second one.
    again = client.get(_pay_url(order))
    assert again.status_code == 200
    assert intent.client_secret in again.text
    order.refresh_from_db()
    assert order.stripe_payment_intent == intent.id


def test_intent_creation_is_idempotent_by_order_number(
    stripe_keys, card_order, monkeypatch
):
    """A retry after a lost answer (the intent id never reached the order)
    sends the same idempotency key, so Stripe hands back the same intent."""
    keys = []
    create = PaymentIntentService.create

    def recording_create(self, params, options=None):
        keys.append((options or {}).get("idempotency_key"))
        return create(self, params, options)

    monkeypatch.setattr(PaymentIntentService, "create", recording_create)
    first = payment_intent_create(order=card_order)
    Order.objects.filter(pk=card_order.pk).update(stripe_payment_intent="")
    card_order.refresh_from_db()
    payment_intent_create(order=card_order)

    assert len(keys) == 2
    assert keys[0] == keys[1]
    assert card_order.number in keys[0]
    assert first.id.startswith("pi_")


def test_paid_order_and_paid_intent_go_to_the_order_page(
    client, stripe_keys, card_order, buyer
):
    client.force_login(buyer)
    assert client.get(_pay_url(card_order)).status_code == 200
    card_order.refresh_from_db()
    intent = intent_pay(card_order.stripe_payment_intent)
    assert intent.status == "succeeded"

    # Stripe has the money, the webhook has not arrived yet: payment pending.
    response = client.get(_pay_url(card_order), follow=True)
    assert response.redirect_chain[-1][0] == reverse(
        "orders:detail", args=[card_order.number]
    )
    assert "Payment pending" in response.text
    assert STRIPE_JS not in response.text

    Order.objects.filter(pk=card_order.pk).update(paid_at="2026-01-02T03:04:05Z")
    response = client.get(_pay_url(card_order))
    assert response.status_code == 302
    assert response.url == reverse("orders:detail", args=[card_order.number])


def test_pay_page_of_another_company_is_404(
    client, stripe_keys, card_order, buyer, other_admin
):
    url = _pay_url(card_order)
    before = snapshot(Order.objects.for_company(card_order.company))
    client.force_login(other_admin)
    assert client.get(url).status_code == 404
    assert_cross_company_404(client, url)
    assert snapshot(Order.objects.for_company(card_order.company)) == before
    card_order.refresh_from_db()
    assert card_order.stripe_payment_intent == ""

    client.force_login(buyer)
    assert client.get(url).status_code == 200


def test_buyer_cannot_pay_a_colleagues_order_but_procurement_can(
    client, stripe_keys, card_order, company
):
    colleague = MembershipFactory(company=company, role=Role.BUYER).user
    client.force_login(colleague)
    assert client.get(_pay_url(card_order)).status_code == 404

    procurement = MembershipFactory(company=company, role=Role.PROCUREMENT).user
    client.force_login(procurement)
    assert client.get(_pay_url(card_order)).status_code == 200


def test_order_on_account_has_no_pay_page(client, stripe_keys, company, buyer):
    product = product_create(title="Cable ties", sku="TIES-1", price="5.00")
    order = order_place(user=buyer, company=company, lines=[(product, 1)])
    client.force_login(buyer)
    assert client.get(_pay_url(order)).status_code == 404


def test_pay_page_needs_login(client, stripe_keys, card_order):
    response = client.get(_pay_url(card_order))
    assert response.status_code == 302
    assert reverse("login") in response.url


def test_stripe_down_shows_a_message_and_keeps_the_order(
    client, stripe_keys, card_order, buyer, settings
):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    settings.PORTAL_STRIPE_API_BASE = f"http://127.0.0.1:{port}"  # nobody listens
    client.force_login(buyer)
    response = client.get(_pay_url(card_order))
    assert response.status_code == 502
    assert "not available right now" in response.text
    assert STRIPE_JS not in response.text
    card_order.refresh_from_db()
    assert card_order.stripe_payment_intent == ""
    assert card_order.paid_at is None


def test_service_refuses_orders_it_cannot_charge(stripe_keys, card_order):
    card_order.payment_method = "account"
    with pytest.raises(PaymentError, match="not paid by card"):
        payment_intent_create(order=card_order)
    card_order.payment_method = "card"
    card_order.paid_at = "2026-01-02T03:04:05Z"
    with pytest.raises(PaymentError, match="already paid"):
        payment_intent_create(order=card_order)


def test_amounts_in_the_smallest_currency_unit():
    assert amount_minor_units(Decimal("14.68"), "eur") == 1468
    assert amount_minor_units(Decimal("0.005"), "EUR") == 1
    assert amount_minor_units(Decimal("1500"), "jpy") == 1500


def test_without_keys_no_card_option_and_no_pay_page(
    client, no_stripe_keys, company, buyer
):
    product = product_create(title="Safety goggles", sku="GOGGLES-1", price="9.00")
    order = order_place(user=buyer, company=company, lines=[(product, 1)])
    # A card order from a time when keys were configured.
    Order.objects.filter(pk=order.pk).update(payment_method="card")
    address = DeliveryAddressFactory(company=company)
    basket = basket_create(user=buyer, company=company, lines=[(product, 1)])
    client.force_login(buyer)

    page = client.get(reverse("orders:checkout"))
    assert page.status_code == 200
    assert 'value="card"' not in page.text
    assert 'value="account"' in page.text
    assert STRIPE_JS not in page.text

    refused = client.post(
        reverse("orders:checkout"),
        {"basket": basket.pk, "address": address.pk, "payment_method": "card"},
    )
    assert refused.status_code == 400
    assert Order.objects.for_company(company).count() == 1

    assert client.get(_pay_url(order)).status_code == 404
