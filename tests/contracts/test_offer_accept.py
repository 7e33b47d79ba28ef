"""Accepting and declining an offer: the audit trail (user, time, IP, user
agent, SHA-256 of the exact version), the contract it makes, and the cases
that must change nothing: twice, expired, superseded, another company's."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from contracts import documents, services
from contracts.models import (
    Acceptance,
    Contract,
    ContractPrice,
    Offer,
    OfferEvent,
    OfferVersion,
)
from orders.models import CompanyPrice
from tests.factories.contracts import line, offer_sent_create
from tests.helpers import assert_cross_company_404, messages_of, snapshot

UA = "Mozilla/5.0 (X11; Linux x86_64) Test"


def _accept_url(offer, number=1):
    return reverse("contracts:offer_accept", args=[offer.pk, number])


def _form(name="Ada Admin", terms="on"):
    data = {"typed_name": name}
    if terms:
        data["terms"] = terms
    return data


def _world():
    return snapshot(
        Acceptance,
        Contract,
        ContractPrice,
        CompanyPrice,
        OfferEvent,
        Offer,
        OfferVersion,
    )


@pytest.fixture
def offer(company, sales, bolts):
    return offer_sent_create(
        company=company,
        sales=sales,
        lines=[
            line(
                "Hex bolts",
                product=bolts,
                sku="BOLT-M8-100",
                quantity=5,
                unit_price="20.00",
                discount="25",
            ),
            line("Installation", unit_price="300.00"),
        ],
        header={
            "contract_months": 12,
            "notice_days": 60,
            "renewal_terms": "12 more months",
        },
    )


def test_accepting_records_the_audit_trail_and_makes_the_contract(
    client, company, company_admin, offer, bolts, django_capture_on_commit_callbacks
):
    client.force_login(company_admin)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            _accept_url(offer),
            _form(name="  ada   ADMIN "),
            headers={"user-agent": UA},
            REMOTE_ADDR="203.0.113.7",
        )

    assert response.status_code == 302
    assert response.url == reverse("contracts:certificate", args=[offer.pk])
    version = offer.latest_sent
    version.refresh_from_db()
    acceptance = Acceptance.objects.get()
    assert acceptance.version == version
    assert acceptance.company == company
    assert acceptance.user == company_admin
    assert acceptance.typed_name == "ada ADMIN"
    assert acceptance.ip_address == "203.0.113.7"
    assert acceptance.user_agent == UA
    assert acceptance.sha256 == version.sha256 != ""
    assert acceptance.content_sha256 == version.content_sha256
    assert abs(acceptance.accepted_at - timezone.now()) < timedelta(minutes=1)
    assert version.status == OfferVersion.Status.ACCEPTED
    contract = Contract.objects.get()
    today = timezone.localdate()
    assert contract.company == company
    assert contract.offer_version == version
    assert contract.start_date == today
    assert contract.end_date == documents.add_months(today, 12) - timedelta(days=1)
    assert contract.notice_days == 60
    assert contract.renewal_terms == "12 more months"
    assert contract.number.startswith("CT-")
    # The offer price (20.00 less 25 %) is now Acme's price for bolts.
    assert CompanyPrice.objects.get(company=company, product=bolts).price == Decimal(
        "15.00"
    )
    assert [m.to for m in mail.outbox] == [["sales@portal.example"]]

    page = client.get(response.url)
    assert version.sha256 in page.content.decode()
    assert "203.0.113.7" in page.content.decode()
    certificate = client.get(reverse("contracts:certificate_pdf", args=[offer.pk]))
    assert certificate.status_code == 200
    assert certificate["Content-Type"] == "application/pdf"
    assert certificate.content.startswith(b"%PDF-")


def test_accepting_twice_changes_nothing(client, company, company_admin, buyer, offer):
    client.force_login(company_admin)
    client.post(_accept_url(offer), _form())
    before = _world()

    client.force_login(buyer)
    response = client.post(_accept_url(offer), _form(name="Bruno Buyer"))

    assert response.status_code == 302
    assert response.url == reverse("contracts:offer_detail", args=[offer.pk])
    message = messages_of(response)[-1]
    assert message.startswith("This offer was already accepted on ")
    assert message.endswith(" by Ada Admin.")
    assert _world() == before


def test_an_expired_offer_cannot_be_accepted(client, company, company_admin, offer):
    OfferVersion.objects.filter(pk=offer.latest_sent_id).update(
        valid_until=timezone.localdate() - timedelta(days=1)
    )
    client.force_login(company_admin)
    before = _world()

    response = client.post(_accept_url(offer), _form())

    expired_on = (timezone.localdate() - timedelta(days=1)).strftime("%m/%d/%Y")
    assert messages_of(response) == [
        f"This offer expired on {expired_on}. Ask us for a new one."
    ]
    assert _world() == before


def test_a_superseded_version_cannot_be_accepted(
    client, company, company_admin, sales, offer
):
    draft = services.offer_draft_version(offer=offer, user=sales)
    services.offer_send(version=draft, user=sales)
    client.force_login(company_admin)
    before = _world()

    response = client.post(_accept_url(offer, 1), _form())

    assert messages_of(response) == [
        "This version has been replaced by version 2. "
        "Please read and accept the new version."
    ]
    assert _world() == before


def test_another_companys_offer_answers_404_and_stays_open(client, company, offer):
    before = _world()

    assert_cross_company_404(client, _accept_url(offer), method="post", data=_form())

    assert _world() == before


def test_the_service_refuses_another_companys_offer(other_company, other_admin, offer):
    with pytest.raises(services.OfferError, match="does not exist"):
        services.offer_accept(
            company=other_company,
            offer_id=offer.pk,
            version_number=1,
            user=other_admin,
            typed_name=other_admin.get_full_name(),
            terms_accepted=True,
            ip_address=None,
            user_agent="",
        )
    assert Acceptance.objects.count() == 0


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (_form(terms=""), "Please tick that you accept the terms."),
        (_form(name=""), "This field is required."),
        (
            _form(name="Someone Else"),
            "Please type your name as it is in your account: Ada Admin",
        ),
    ],
)
def test_accepting_needs_the_ticked_terms_and_the_users_name(
    client, company_admin, offer, data, error
):
    client.force_login(company_admin)
    before = _world()

    response = client.post(_accept_url(offer), data)

    assert response.status_code == 400
    assert error in response.content.decode()
    if data["typed_name"]:
        assert f'value="{data["typed_name"]}"' in response.content.decode()
    assert _world() == before


def test_a_member_without_the_capability_cannot_accept(client, approver, offer):
    client.force_login(approver)
    before = _world()

    response = client.post(_accept_url(offer), _form(name="Arne Approver"))

    assert response.status_code == 403
    assert _world() == before


def test_declining_needs_a_reason_and_records_it(
    client, company_admin, offer, django_capture_on_commit_callbacks
):
    client.force_login(company_admin)
    url = reverse("contracts:offer_decline", args=[offer.pk, 1])
    before = _world()

    empty = client.post(url, {"reason": "  "})

    assert empty.status_code == 400
    assert _world() == before

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"reason": "Too expensive"})

    version = OfferVersion.objects.get(pk=offer.latest_sent_id)
    assert response.status_code == 302
    assert version.status == OfferVersion.Status.DECLINED
    assert version.decline_reason == "Too expensive"
    assert version.declined_by == company_admin
    assert Offer.objects.get(pk=offer.pk).status == Offer.Status.DECLINED
    assert "Too expensive" in mail.outbox[0].body
    after_decline = _world()
    refused = client.post(_accept_url(offer), _form())
    assert messages_of(refused)[-1] == (
        "This offer was declined; it can no longer be accepted."
    )
    assert _world() == after_decline


def test_drafts_are_not_shown_to_customers(client, company, company_admin, sales):
    offer = services.offer_create(company=company, user=sales, title="Secret draft")
    client.force_login(company_admin)

    assert (
        client.get(reverse("contracts:offer_detail", args=[offer.pk])).status_code
        == 404
    )
    assert (
        client.get(reverse("contracts:offer_pdf", args=[offer.pk, 1])).status_code
        == 404
    )
    assert client.post(_accept_url(offer), _form()).status_code == 404
    assert Acceptance.objects.count() == 0
