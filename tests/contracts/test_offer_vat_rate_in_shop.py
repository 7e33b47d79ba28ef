"""An offer line's VAT rate goes with its price into the shop: a line at 7 %
is charged 7 % at checkout, not the standard 19 %."""

from decimal import Decimal

from contracts import services
from orders.models import CompanyPrice
from tests.factories.contracts import line, offer_sent_create
from tests.factories.orders import order_place


def test_offer_line_at_7_percent_is_charged_7_percent_at_checkout(
    company, sales, buyer, gloves, bolts
):
    # Given an accepted offer: gloves at 7 %, bolts at 19 %
    offer = offer_sent_create(
        company=company,
        sales=sales,
        lines=[
            line("Gloves", product=gloves, unit_price="25.00", tax_rate="7"),
            line("Bolts", product=bolts, unit_price="20.00", tax_rate="19"),
        ],
    )
    services.offer_accept(
        company=company,
        offer_id=offer.pk,
        version_number=1,
        user=buyer,
        typed_name="Bruno Buyer",
        terms_accepted=True,
        ip_address="127.0.0.1",
        user_agent="test",
    )
    rates = dict(
        CompanyPrice.objects.for_company(company).values_list("product", "vat_rate")
    )
    assert rates == {gloves.pk: Decimal("7.00"), bolts.pk: Decimal("19.00")}

    # When the buyer orders them in the shop
    order = order_place(user=buyer, company=company, lines=[(gloves, 2), (bolts, 1)])

    # Then 7 % of 50.00 and 19 % of 20.00 are charged
    assert order.total_excl_tax == Decimal("70.00")
    assert order.total_incl_tax == Decimal("70.00") + Decimal("3.50") + Decimal("3.80")
