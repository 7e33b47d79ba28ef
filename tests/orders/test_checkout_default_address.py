"""Checkout offers the company's default delivery address first and has it
chosen; without a default the first address is chosen."""

from django.urls import reverse

from partner_portal.company_profile import company_address_set_default
from tests.factories.orders import DeliveryAddressFactory, basket_create

CHECKOUT = reverse("orders:checkout")


def _choices(response):
    field = response.context["form"]["address"]
    return [label for _value, label in field.field.choices], field.value()


def test_checkout_chooses_the_default_delivery_address(
    client, buyer, company, acme_bolt_price, bolts
):
    DeliveryAddressFactory(company=company, label="A dock")
    default = DeliveryAddressFactory(company=company, label="B warehouse")
    company_address_set_default(company=company, address=default)
    basket_create(user=buyer, company=company, lines=[(bolts, 1)])
    client.force_login(buyer)

    response = client.get(CHECKOUT)

    labels, chosen = _choices(response)
    assert [label.split(",")[0] for label in labels] == ["B warehouse", "A dock"]
    assert chosen == default.pk
    assert f'<option value="{default.pk}" selected>' in response.content.decode()


def test_without_a_default_the_first_address_is_chosen(
    client, buyer, company, acme_bolt_price, bolts
):
    first = DeliveryAddressFactory(company=company, label="A dock")
    DeliveryAddressFactory(company=company, label="B warehouse")
    basket_create(user=buyer, company=company, lines=[(bolts, 1)])
    client.force_login(buyer)

    response = client.get(CHECKOUT)

    assert _choices(response)[1] == first.pk
