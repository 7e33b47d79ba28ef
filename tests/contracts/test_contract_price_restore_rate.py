"""When a contract ends, the company price it replaced comes back exactly as
it was: the price and its own VAT rate (a product bought at 7 % goes back to
7 %, not to the standard rate)."""

from datetime import timedelta
from decimal import Decimal
from io import StringIO

from django.core.management import call_command

from contracts import services
from orders.models import CompanyPrice
from orders.services.company_prices import company_price_set
from tests.factories.contracts import line, offer_sent_create
from tests.factories.orders import order_place


def _prices(company):
    return {
        product: (price, rate)
        for product, price, rate in CompanyPrice.objects.for_company(
            company
        ).values_list("product", "price", "vat_rate")
    }


def test_an_ended_contract_gives_back_the_price_with_its_own_vat_rate(
    company,
    company_admin,
    buyer,
    sales,
    gloves,
    bolts,
    acme_bolt_price,
    django_capture_on_commit_callbacks,
):
    # Given gloves at 22.00 and 7 % and bolts at 16.50 and the standard rate
    company_price_set(
        company=company, product=gloves, price=Decimal("22.00"), vat_rate=Decimal(7)
    )
    before = _prices(company)
    assert before == {
        gloves.pk: (Decimal("22.00"), Decimal("7.00")),
        bolts.pk: (Decimal("16.50"), None),
    }
    # and a contract granting both at other prices and 19 %
    offer = offer_sent_create(
        company=company,
        sales=sales,
        lines=[
            line("Gloves", product=gloves, unit_price="20.00", tax_rate="19"),
            line("Bolts", product=bolts, unit_price="15.00", tax_rate="19"),
        ],
    )
    services.offer_accept(
        company=company,
        offer_id=offer.pk,
        version_number=1,
        user=company_admin,
        typed_name="Ada Admin",
        terms_accepted=True,
        ip_address=None,
        user_agent="",
    )
    contract = offer.latest_sent.contract
    assert _prices(company) == {
        gloves.pk: (Decimal("20.00"), Decimal("19.00")),
        bolts.pk: (Decimal("15.00"), Decimal("19.00")),
    }

    # When the contract has ended and the daily job ran
    with django_capture_on_commit_callbacks(execute=True):
        call_command(
            "contract_reminders",
            "--date",
            (contract.end_date + timedelta(days=1)).isoformat(),
            stdout=StringIO(),
        )

    # Then both prices are back as they were, each with its own rate
    assert _prices(company) == before
    # and the shop charges 7 % on the gloves and the standard 19 % on the bolts
    order = order_place(user=buyer, company=company, lines=[(gloves, 2), (bolts, 2)])
    assert order.total_excl_tax == Decimal("77.00")
    assert order.total_incl_tax == Decimal("77.00") + Decimal("3.08") + Decimal("6.27")
