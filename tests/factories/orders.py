"""Factories for B2B ordering: catalogue products (through Oscar's own test
factories), company prices, accounts, budgets, delivery addresses, and orders
placed through the checkout service as the portal places them."""

from decimal import Decimal

import factory
from factory.django import DjangoModelFactory
from oscar.core.loading import get_class, get_model
from oscar.test.factories import create_product

from orders.models import Budget, CompanyAccount, CompanyPrice
from orders.services import PAYMENT_ACCOUNT, checkout_place
from partner_portal.models import CompanyAddress
from tests.factories.companies import CompanyAddressFactory, CompanyFactory

Basket = get_model("basket", "Basket")
Selector = get_class("partner.strategy", "Selector")

WAREHOUSE = "Portal warehouse"


def product_create(
    *,
    title: str,
    sku: str,
    price: str | Decimal,
    stock: int = 1000,
    is_public: bool = True,
):
    """A public, stocked product with one stock record at `price` (net)."""
    return create_product(
        title=title,
        product_class="Hardware",
        partner_name=WAREHOUSE,
        partner_sku=sku,
        price=Decimal(price),
        num_in_stock=stock,
        is_public=is_public,
    )


class CompanyPriceFactory(DjangoModelFactory):
    class Meta:
        model = CompanyPrice

    company = factory.SubFactory(CompanyFactory)
    product = None
    price = Decimal("10.00")


class CompanyAccountFactory(DjangoModelFactory):
    class Meta:
        model = CompanyAccount
        django_get_or_create = ("company",)

    company = factory.SubFactory(CompanyFactory)
    credit_limit = Decimal("100000.00")


class BudgetFactory(DjangoModelFactory):
    class Meta:
        model = Budget

    company = factory.SubFactory(CompanyFactory)
    buyer = None
    cost_centre = ""
    monthly_amount = Decimal("1000.00")


class DeliveryAddressFactory(CompanyAddressFactory):
    kind = CompanyAddress.Kind.DELIVERY
    label = "Warehouse Hamburg"
    line1 = "Lagerweg 5"


def basket_create(*, user, company, lines):
    """An open basket of `user` priced for `company`: [(product, quantity)]."""
    basket = Basket.objects.create(owner=user)
    basket.strategy = Selector().strategy(user=user, company=company)
    for product, quantity in lines:
        basket.add_product(product, quantity)
    return basket


def order_place(
    *,
    user,
    company,
    lines,
    po_number: str = "",
    cost_centre: str = "",
    address=None,
):
    """An order placed through the checkout service, on account. The company
    gets an ample credit limit and a delivery address unless it has them."""
    CompanyAccountFactory(company=company)
    if address is None:
        address = (
            CompanyAddress.objects.for_company(company)
            .filter(kind=CompanyAddress.Kind.DELIVERY)
            .first()
        ) or DeliveryAddressFactory(company=company)
    result = checkout_place(
        basket=basket_create(user=user, company=company, lines=lines),
        user=user,
        company=company,
        address_id=address.pk,
        po_number=po_number,
        cost_centre=cost_centre,
        payment_method=PAYMENT_ACCOUNT,
    )
    assert result.order is not None, "the order went to approval instead"
    return result.order
