"""Prices a contract grants and gives back go through the orders price
service, so the company's staff page lists them, marked with the contract."""

from datetime import timedelta
from io import StringIO

from django.core.management import call_command

from contracts import services
from partner_portal.staff_changes import StaffChange
from tests.factories.contracts import line, offer_sent_create


def test_a_contract_records_the_prices_it_grants_and_gives_back(
    company,
    company_admin,
    sales,
    bolts,
    acme_bolt_price,
    django_capture_on_commit_callbacks,
):
    offer = offer_sent_create(
        company=company,
        sales=sales,
        lines=[line("Bolts", product=bolts, unit_price="15.00")],
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
    with django_capture_on_commit_callbacks(execute=True):
        call_command(
            "contract_reminders",
            "--date",
            (contract.end_date + timedelta(days=1)).isoformat(),
            stdout=StringIO(),
        )

    note = f"contract {contract.number}"
    changes = StaffChange.objects.for_company(company).order_by("pk")
    assert [
        (c.actor, c.note, c.field, c.old_value, c.new_value)
        for c in changes
        if c.field == "price"
    ] == [
        (None, note, "price", "16.50", "15.00"),
        (None, note, "price", "15.00", "16.50"),
    ]
