"""Checkout places the basket as an order of the buyer's company with PO
number, cost centre, a delivery address of the company and payment on
account; bad input is refused with the reason and creates nothing."""

from decimal import Decimal

import pytest
from django.test import override_settings
from django.urls import reverse
from oscar.core.loading import get_model

from orders.models import OrderApproval
from orders.services import CheckoutError, checkout_place
from partner_portal.permissions import Role
from tests.factories import MembershipFactory
from tests.factories.orders import CompanyAccountFactory, basket_create, order_place
from tests.helpers import messages_of, snapshot

Basket = get_model("basket", "Basket")
Line = get_model("basket", "Line")
Order = get_model("order", "Order")
ShippingAddress = get_model("order", "ShippingAddress")
CHECKOUT = reverse("orders:checkout")


@pytest.fixture
def basket(buyer, company, acme_bolt_price, bolts):
    """Two boxes of bolts at Acme's price: 33.00 net, 39.27 gross (19 % of 33.00
    rounded once, not 3.14 per box)."""
    return basket_create(user=buyer, company=company, lines=[(bolts, 2)])


def _form(basket, address, **overrides):
    return {
        "basket": basket.pk,
        "address": address.pk,
        "purchase_order_number": "PO-4711",
        "cost_centre": "CC-100",
        "payment_method": "account",
        **overrides,
    }


def _database():
    # Oscar opens an empty basket for any member who views a page; that is
    # not a change worth the name, so only baskets with lines are compared.
    return snapshot(
        Order,
        ShippingAddress,
        OrderApproval,
        Basket.objects.filter(lines__isnull=False).distinct(),
        Line,
    )


def test_buyer_places_an_order_on_account_for_the_company(
    client, buyer, company, basket, address, account
):
    client.force_login(buyer)

    response = client.post(CHECKOUT, _form(basket, address))

    order = Order.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("orders:detail", args=[order.number])
    assert messages_of(response) == [f"Thank you! Order {order.number} is placed."]
    assert (
        order.company,
        order.user,
        order.purchase_order_number,
        order.cost_centre,
        order.payment_method,
        order.status,
        order.total_excl_tax,
        order.total_incl_tax,
    ) == (
        company,
        buyer,
        "PO-4711",
        "CC-100",
        "account",
        "Pending",
        Decimal("33.00"),
        Decimal("39.27"),
    )
    assert [(line.partner_sku, line.quantity) for line in order.lines.all()] == [
        ("BOLT-M8-100", 2)
    ]
    shipping = order.shipping_address
    assert (shipping.line1, shipping.postcode, shipping.line4) == (
        "Lagerweg 5",
        "20095",
        "Hamburg",
    )
    assert shipping.country.iso_3166_1_a2 == "DE"
    basket.refresh_from_db()
    assert basket.status == Basket.SUBMITTED


def test_checkout_page_offers_only_the_companys_delivery_addresses(
    client, buyer, basket, address, other_address
):
    client.force_login(buyer)

    response = client.get(CHECKOUT)

    assert response.status_code == 200
    assert list(response.context["form"].fields["address"].choices) == [
        (address.pk, "Acme warehouse, Lagerweg 5, 20095 Hamburg")
    ]
    assert "Globex dock" not in response.text


def test_another_companys_address_is_refused_and_nothing_is_created(
    client, buyer, basket, address, other_address, account
):
    client.force_login(buyer)
    before = _database()

    response = client.post(CHECKOUT, _form(basket, other_address))

    assert response.status_code == 400
    assert response.context["form"].errors == {
        "address": [
            f"Select a valid choice. {other_address.pk} is not one of the "
            "available choices."
        ]
    }
    assert _database() == before


def test_the_checkout_service_refuses_another_companys_address(
    buyer, company, basket, other_address, account
):
    before = _database()

    with pytest.raises(
        CheckoutError, match="^Please choose one of your company's delivery addresses.$"
    ):
        checkout_place(
            basket=basket,
            user=buyer,
            company=company,
            address_id=other_address.pk,
            po_number="",
            cost_centre="",
            payment_method="account",
        )

    assert _database() == before


def test_too_long_po_number_is_refused_and_the_typed_values_stay(
    client, buyer, basket, address, account
):
    client.force_login(buyer)
    too_long = "P" * 36
    before = _database()

    response = client.post(
        CHECKOUT,
        _form(basket, address, purchase_order_number=too_long, cost_centre="CC-7"),
    )

    assert response.status_code == 400
    assert response.context["form"].errors == {
        "purchase_order_number": [
            "Ensure this value has at most 35 characters (it has 36)."
        ]
    }
    assert f'value="{too_long}"' in response.text
    assert 'value="CC-7"' in response.text
    assert _database() == before


def test_a_second_post_of_the_same_basket_shows_the_first_order(
    client, buyer, basket, address, account
):
    client.force_login(buyer)
    # The first click places the order and the buyer sees its page
    first = client.post(CHECKOUT, _form(basket, address), follow=True)
    order = Order.objects.get()
    before = _database()

    second = client.post(CHECKOUT, _form(basket, address))

    assert second.status_code == 302
    assert first.redirect_chain == [
        (reverse("orders:detail", args=[order.number]), 302)
    ]
    assert second.url == reverse("orders:detail", args=[order.number])
    assert messages_of(second) == []
    assert Order.objects.count() == 1
    assert _database() == before


def test_empty_basket_sends_the_buyer_back_to_the_basket(client, buyer, address):
    client.force_login(buyer)

    response = client.get(CHECKOUT)

    assert response.status_code == 302
    assert response.url == reverse("basket:summary")
    assert messages_of(response) == ["Your basket is empty."]


def test_placing_an_empty_basket_is_refused_and_creates_nothing(
    client, buyer, company, address, account
):
    empty = Basket.objects.create(owner=buyer)
    client.force_login(buyer)
    before = _database()

    response = client.post(CHECKOUT, _form(empty, address))

    assert response.status_code == 400
    assert response.context["form"].non_field_errors() == ["Your basket is empty."]
    assert _database() == before
    empty.refresh_from_db()
    assert empty.status == Basket.OPEN


def test_a_colleagues_basket_id_is_ignored(
    client, company, buyer, basket, address, account
):
    # Given a colleague who posts the buyer's basket id with their own order
    colleague = MembershipFactory(company=company, role=Role.BUYER).user
    client.force_login(colleague)
    before = _database()

    response = client.post(CHECKOUT, _form(basket, address))

    # Then their own (empty) basket is what counts: the buyer's stays open
    assert response.status_code == 400
    assert response.context["form"].non_field_errors() == ["Your basket is empty."]
    assert _database() == before
    basket.refresh_from_db()
    assert basket.status == Basket.OPEN


def test_a_product_sold_out_since_it_was_put_in_the_basket_is_refused(
    client, buyer, basket, bolts, address, account
):
    bolts.stockrecords.update(num_in_stock=1)
    client.force_login(buyer)
    before = _database()

    response = client.post(CHECKOUT, _form(basket, address))

    assert response.status_code == 400
    assert response.context["form"].non_field_errors() == [
        "Hex bolt M8 (100) cannot be ordered: a maximum of 1 can be bought"
    ]
    assert _database() == before


def test_order_beyond_the_credit_limit_is_refused_with_the_reason(
    client, buyer, company, basket, address
):
    CompanyAccountFactory(company=company, credit_limit=Decimal("30.00"))
    client.force_login(buyer)
    before = _database()

    response = client.post(CHECKOUT, _form(basket, address))

    assert response.status_code == 400
    assert response.context["form"].non_field_errors() == [
        "This order (39.27) exceeds your company's open credit for orders on "
        "account (30.00 of 30.00). Pay by card, or ask us to raise the limit."
    ]
    assert _database() == before


def test_unpaid_orders_on_account_use_up_the_credit(
    client, buyer, company, bolts, basket, address
):
    # Given 50.00 of credit, of which an unpaid order already uses 19.64
    CompanyAccountFactory(company=company, credit_limit=Decimal("50.00"))
    order_place(user=buyer, company=company, lines=[(bolts, 1)])
    client.force_login(buyer)
    before = _database()

    # When the buyer orders for 39.27 more
    response = client.post(CHECKOUT, _form(basket, address))

    # Then the order is refused: only 30.36 is left
    assert response.status_code == 400
    assert response.context["form"].non_field_errors() == [
        "This order (39.27) exceeds your company's open credit for orders on "
        "account (30.36 of 50.00). Pay by card, or ask us to raise the limit."
    ]
    assert _database() == before


@override_settings(PORTAL_STRIPE_SECRET_KEY="", PORTAL_STRIPE_PUBLISHABLE_KEY="")
def test_card_payment_is_not_offered_without_stripe_keys(
    client, buyer, basket, address
):
    client.force_login(buyer)

    response = client.get(CHECKOUT)

    assert response.status_code == 200
    assert list(response.context["form"].fields["payment_method"].choices) == [
        ("account", "On account (invoice)")
    ]
    assert 'value="card"' not in response.text


@override_settings(PORTAL_STRIPE_SECRET_KEY="", PORTAL_STRIPE_PUBLISHABLE_KEY="")
def test_card_payment_is_refused_without_stripe_keys(
    client, buyer, basket, address, account
):
    client.force_login(buyer)
    before = _database()

    response = client.post(CHECKOUT, _form(basket, address, payment_method="card"))

    assert response.status_code == 400
    assert response.context["form"].errors == {
        "payment_method": [
            "Select a valid choice. card is not one of the available choices."
        ]
    }
    assert _database() == before


@override_settings(
    PORTAL_STRIPE_SECRET_KEY="sk_test_fake",
    PORTAL_STRIPE_PUBLISHABLE_KEY="pk_test_fake",
)
def test_card_payment_is_offered_with_stripe_keys(client, buyer, basket, address):
    client.force_login(buyer)

    response = client.get(CHECKOUT)

    assert list(response.context["form"].fields["payment_method"].choices) == [
        ("account", "On account (invoice)"),
        ("card", "Card"),
    ]
