"""The daily job: reminders 90/30/7 days before a contract ends and before
its notice period, each once; expired offers; prices given back when a
contract ends."""

from datetime import date, timedelta
from decimal import Decimal
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from contracts import services
from contracts.models import ContractReminder, Offer, OfferVersion
from orders.models import CompanyPrice
from tests.factories.contracts import contract_create, line, offer_sent_create

START = date(2026, 1, 1)
END = date(2026, 12, 31)  # notice 30 days before: 2026-12-01


@pytest.fixture
def contract(company, company_admin, sales):
    return contract_create(
        company=company,
        title="Tools",
        start_date=START,
        end_date=END,
        notice_days=30,
        contact_person=sales,
    )


def _run(day, callbacks):
    out = StringIO()
    with callbacks(execute=True):
        call_command("contract_reminders", "--date", day.isoformat(), stdout=out)
    return out.getvalue()


def _sent(contract):
    return sorted(
        ContractReminder.objects.filter(contract=contract, sent=True).values_list(
            "kind", "days"
        )
    )


def test_reminders_go_90_30_and_7_days_before_each_date_once(
    contract, django_capture_on_commit_callbacks
):
    notice = date(2026, 12, 1)
    days = [
        notice - timedelta(days=91),  # nothing yet
        notice - timedelta(days=90),  # notice, 90
        END - timedelta(days=90),  # end, 90
        END - timedelta(days=90),  # the same day again: nothing
        notice - timedelta(days=30),
        notice - timedelta(days=7),
        END - timedelta(days=30),
        END - timedelta(days=7),
        END - timedelta(days=7),
    ]
    counts = []
    for day in days:
        before = len(mail.outbox)
        _run(day, django_capture_on_commit_callbacks)
        counts.append(len(mail.outbox) - before)

    # Each reminder goes to the company admin and to our sales contact, one
    # mail each.
    assert counts == [0, 2, 2, 0, 2, 2, 2, 2, 0]
    assert _sent(contract) == [
        ("end", 7),
        ("end", 30),
        ("end", 90),
        ("notice", 7),
        ("notice", 30),
        ("notice", 90),
    ]
    last_two = mail.outbox[-2:]
    assert sorted(m.to for m in last_two) == [
        ["admin@acme.example"],
        ["sales@portal.example"],
    ]
    assert {m.subject for m in last_two} == {
        f"Contract {contract.number} ends on 12/31/2026"
    }


def test_after_missed_days_only_the_nearest_reminder_goes(
    contract, django_capture_on_commit_callbacks
):
    # 35 days before the end, 5 before the last day to give notice.
    output = _run(END - timedelta(days=35), django_capture_on_commit_callbacks)

    assert output.startswith("2 reminders queued")
    assert [m.subject for m in mail.outbox] == [
        f"Contract {contract.number} ends on 12/31/2026",
        f"Contract {contract.number} ends on 12/31/2026",
        f"Contract {contract.number}: last day to give notice is 12/01/2026",
        f"Contract {contract.number}: last day to give notice is 12/01/2026",
    ]
    assert sorted(ContractReminder.objects.values_list("kind", "days", "sent")) == [
        ("end", 90, True),
        ("notice", 7, True),
        ("notice", 30, False),
        ("notice", 90, False),
    ]
    assert _run(
        END - timedelta(days=34), django_capture_on_commit_callbacks
    ).startswith("0 reminders queued")


def test_an_ended_contract_sends_nothing(contract, django_capture_on_commit_callbacks):
    _run(END + timedelta(days=1), django_capture_on_commit_callbacks)

    assert mail.outbox == []
    assert ContractReminder.objects.count() == 0


def test_offers_past_their_validity_expire(
    company, sales, django_capture_on_commit_callbacks
):
    offer = offer_sent_create(company=company, sales=sales)
    day_after = offer.latest_sent.valid_until + timedelta(days=1)

    _run(day_after, django_capture_on_commit_callbacks)

    offer.refresh_from_db()
    assert offer.status == Offer.Status.EXPIRED
    assert offer.latest_sent.status == OfferVersion.Status.EXPIRED


def test_an_ended_contract_gives_its_prices_back(
    company,
    company_admin,
    sales,
    bolts,
    gloves,
    acme_bolt_price,
    django_capture_on_commit_callbacks,
):
    offer = offer_sent_create(
        company=company,
        sales=sales,
        lines=[
            line("Bolts", product=bolts, unit_price="16.50", discount="10"),
            line("Gloves", product=gloves, unit_price="20.00"),
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
    prices = dict(
        CompanyPrice.objects.for_company(company).values_list("product", "price")
    )
    assert prices == {bolts.pk: Decimal("14.85"), gloves.pk: Decimal("20.00")}

    _run(contract.end_date, django_capture_on_commit_callbacks)
    assert CompanyPrice.objects.for_company(company).count() == 2
    _run(contract.end_date + timedelta(days=1), django_capture_on_commit_callbacks)

    prices = dict(
        CompanyPrice.objects.for_company(company).values_list("product", "price")
    )
    assert prices == {bolts.pk: Decimal("16.50")}
    contract.refresh_from_db()
    assert contract.prices_released_at is not None
