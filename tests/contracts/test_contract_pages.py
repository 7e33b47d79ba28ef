"""The contracts page: active, expiring and ended contracts, documents to
download, the contact person, partner agreements for partners, renewal
requests; documents are PDFs checked by content."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from contracts import services
from contracts.models import Contract, ContractDocument, OfferRequest
from partner_portal.permissions import Role
from tests.factories import MembershipFactory
from tests.factories.contracts import contract_create
from tests.helpers import assert_cross_company_404, messages_of, snapshot

TODAY = timezone.localdate


@pytest.fixture
def contracts(company):
    today = TODAY()
    return {
        "active": contract_create(company=company, title="Active one"),
        "expiring": contract_create(
            company=company,
            title="Expiring one",
            start_date=today - timedelta(days=300),
            end_date=today + timedelta(days=20),
        ),
        "ended": contract_create(
            company=company,
            title="Ended one",
            start_date=today - timedelta(days=400),
            end_date=today - timedelta(days=1),
        ),
    }


@pytest.mark.parametrize(
    ("state", "titles"),
    [
        ("active", ["Expiring one", "Active one"]),
        ("expiring", ["Expiring one"]),
        ("ended", ["Ended one"]),
    ],
)
def test_contracts_are_listed_by_state(client, company_admin, contracts, state, titles):
    client.force_login(company_admin)

    response = client.get(reverse("contracts:list"), {"state": state})

    assert [c.title for c in response.context["contracts"]] == titles


def test_a_document_downloads_for_the_company_only(
    client, company, company_admin, sales, contracts
):
    contract = contracts["active"]
    document = services.contract_document_add(
        contract=contract,
        user=sales,
        title="Annex A",
        uploaded_file=SimpleUploadedFile("a.pdf", b"%PDF-1.4 annex A"),
    )
    url = reverse("contracts:document", args=[contract.pk, document.pk])
    client.force_login(company_admin)

    response = client.get(url)

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 annex A"
    assert response["Content-Disposition"].startswith("attachment;")
    page = client.get(reverse("contracts:contract_detail", args=[contract.pk]))
    assert "Annex A" in page.content.decode()
    assert_cross_company_404(client, url)
    assert_cross_company_404(
        client, reverse("contracts:contract_detail", args=[contract.pk])
    )


def test_a_document_of_another_contract_is_404(
    client, company, other_company, company_admin, sales, contracts
):
    foreign = contract_create(company=other_company)
    document = services.contract_document_add(
        contract=foreign,
        user=sales,
        title="Theirs",
        uploaded_file=SimpleUploadedFile("t.pdf", b"%PDF-1.4 theirs"),
    )
    client.force_login(company_admin)

    # Acme's contract id with Globex's document id: still not Acme's document.
    response = client.get(
        reverse("contracts:document", args=[contracts["active"].pk, document.pk])
    )

    assert response.status_code == 404


@pytest.mark.parametrize(
    ("name", "content", "error"),
    [
        ("fake.pdf", b"MZ\x90\x00 not a pdf", "fake.pdf is not a PDF document."),
        ("empty.pdf", b"", "The submitted file is empty."),
    ],
)
def test_an_upload_that_is_not_a_pdf_is_refused(
    client, sales, contracts, name, content, error
):
    client.force_login(sales)
    before = snapshot(ContractDocument)

    response = client.post(
        reverse("contracts:staff_contract_detail", args=[contracts["active"].pk]),
        {"title": "Bad", "file": SimpleUploadedFile(name, content)},
    )

    assert response.status_code == 400
    assert error in response.content.decode()
    assert snapshot(ContractDocument) == before


def test_request_renewal_creates_one_offer_request(client, company_admin, contracts):
    contract = contracts["expiring"]
    client.force_login(company_admin)
    url = reverse("contracts:renewal", args=[contract.pk])

    first = client.post(url)
    client.post(url)

    renewal = OfferRequest.objects.get()
    assert renewal.renewal_of == contract
    assert (
        renewal.message
        == f"Please send us an offer to renew contract {contract.number}."
    )
    assert messages_of(first) == [
        f"We have your renewal request for {contract.number} and will send an offer."
    ]
    page = client.get(reverse("contracts:contract_detail", args=[contract.pk]))
    assert 'id="renewal-requested"' in page.content.decode()


def test_partner_agreements_are_shown_to_the_partner(
    client, partner_company, partner_admin, sales
):
    agreement = contract_create(
        company=partner_company,
        title="Distribution agreement",
        kind=Contract.Kind.PARTNER_AGREEMENT,
        contact_person=sales,
    )
    partner_user = MembershipFactory(
        company=partner_company, role=Role.PARTNER_USER
    ).user

    for user in (partner_admin, partner_user):
        client.force_login(user)
        listing = client.get(reverse("contracts:list"))
        detail = client.get(reverse("contracts:contract_detail", args=[agreement.pk]))
        assert [c.pk for c in listing.context["agreements"]] == [agreement.pk]
        assert "Partner agreements" in listing.content.decode()
        assert "sales@portal.example" in detail.content.decode()
    assert agreement.number.startswith("PA-")


def test_a_customer_gets_no_partner_agreement(company):
    with pytest.raises(Exception, match="Partner agreements are for distributors"):
        contract_create(company=company, kind=Contract.Kind.PARTNER_AGREEMENT)


def test_the_partner_area_lists_running_agreements(
    client, partner_company, partner_admin
):
    today = TODAY()
    running = contract_create(
        company=partner_company,
        title="Distribution agreement",
        kind=Contract.Kind.PARTNER_AGREEMENT,
    )
    contract_create(
        company=partner_company,
        title="Old agreement",
        kind=Contract.Kind.PARTNER_AGREEMENT,
        start_date=today - timedelta(days=800),
        end_date=today - timedelta(days=400),
    )
    client.force_login(partner_admin)

    response = client.get(reverse("partner_portal:partner_area"))

    sections = {
        section.key: context for section, context in response.context["sections"]
    }
    assert sections["contracts.agreements"]["agreements"] == [running]
    assert "Distribution agreement" in response.content.decode()
    assert "Old agreement" not in response.content.decode()
