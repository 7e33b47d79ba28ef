"""Who may open which offers-and-contracts URL: every named URL in the
`contracts` namespace, for a visitor, a member of another company, a member
(or staff member) missing the capability, and someone allowed.

A new named URL in `contracts` fails `test_every_named_url_is_in_the_matrix`
until it has a row here. Every denial also checks that Acme's offers,
contracts, prices and baskets did not change."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model

from contracts import documents, services
from contracts.models import (
    Acceptance,
    Contract,
    ContractDocument,
    ContractPrice,
    Offer,
    OfferEvent,
    OfferLine,
    OfferRequest,
    OfferVersion,
)
from orders.models import CompanyPrice
from partner_portal.permissions import Role
from tests.factories import (
    CompanyFactory,
    MembershipFactory,
    StaffUserFactory,
    UserFactory,
)
from tests.factories.contracts import (
    line,
    offer_draft_create,
    offer_sent_create,
    sales_user_create,
)
from tests.factories.orders import product_create
from tests.helpers import snapshot
from tests.matrix import (
    FORBIDDEN,
    GO_NO_COMPANY,
    LOGIN,
    NOT_FOUND,
    OK,
    Expect,
    Row,
    matrix_tests,
)

Line = get_model("basket", "Line")
FAKE_PDF = b"%PDF-1.7 matrix"
BASKET = "/shop/basket/"


def _open(world):
    return {"pk": world.open_offer.pk}


def _open_v1(world):
    return {"pk": world.open_offer.pk, "number": 1}


def _accepted(world):
    return {"pk": world.accepted.pk}


def _contract(world):
    return {"pk": world.contract.pk}


def _document(world):
    return {"pk": world.contract.pk, "document_pk": world.document.pk}


def _draft(world):
    return {"pk": world.draft.pk}


def _request(world):
    return {"pk": world.offer_request.pk}


def _accept_form(world):
    return {"typed_name": world.users["admin"].get_full_name(), "terms": "on"}


def _editor_form(world):
    return {
        "title": "Changed",
        "language": "en",
        "valid_until": (timezone.localdate() + timedelta(days=20)).isoformat(),
        "contract_months": "12",
        "notice_days": "30",
        "lines-TOTAL_FORMS": "1",
        "lines-INITIAL_FORMS": "0",
        "lines-MIN_NUM_FORMS": "0",
        "lines-MAX_NUM_FORMS": "1000",
        "lines-0-description": "Service",
        "lines-0-quantity": "1",
        "lines-0-unit_price": "10",
    }


def _contract_form(world):
    return {
        "company": world.company.pk,
        "kind": "contract",
        "title": "Support contract",
        "start_date": "2026-01-01",
        "end_date": "2027-12-31",
        "notice_days": "30",
    }


def _upload(world):
    return {
        "title": "Annex",
        "file": SimpleUploadedFile("annex.pdf", b"%PDF-1.4 annex", "application/pdf"),
    }


def _url(name, kwargs):
    return lambda world: reverse(name, kwargs=kwargs(world))


def _staff(name, *, method="get", kwargs=None, data=None, allowed=OK, label=""):
    """Staff pages: for sales only; customers and other staff get 403."""
    extra = {"kwargs": kwargs} if kwargs else {}
    if data:
        extra["data"] = data
    return Row(
        name,
        method=method,
        anonymous=LOGIN,
        other_company=FORBIDDEN,
        missing_capability=("support", FORBIDDEN),
        allowed=("sales", allowed),
        label=label,
        **extra,
    )


def _staff_customer(name, **kwargs):
    """The same staff page asked by Acme's own company admin: 403."""
    return Row(
        name,
        missing_capability=("admin", FORBIDDEN),
        label="-customer",
        **kwargs,
    )


MATRIX = [
    Row(
        "contracts:list",
        anonymous=LOGIN,
        other_company=OK,
        missing_capability=("buyer", FORBIDDEN),
        allowed=("approver", OK),
    ),
    Row(
        "contracts:contract_detail",
        kwargs=_contract,
        anonymous=LOGIN,
        other_company=NOT_FOUND,
        missing_capability=("buyer", FORBIDDEN),
        allowed=("procurement", OK),
    ),
    Row(
        "contracts:document",
        kwargs=_document,
        anonymous=LOGIN,
        other_company=NOT_FOUND,
        missing_capability=("buyer", FORBIDDEN),
        allowed=("admin", OK),
    ),
    Row(
        "contracts:renewal",
        method="post",
        kwargs=_contract,
        anonymous=LOGIN,
        other_company=NOT_FOUND,
        missing_capability=("approver", FORBIDDEN),
        allowed=(
            "admin",
            Expect(302, _url("contracts:contract_detail", _contract), changes=True),
        ),
    ),
    Row(
        "contracts:offers",
        anonymous=LOGIN,
        other_company=OK,
        missing_capability=("approver", FORBIDDEN),
        allowed=("buyer", OK),
    ),
    Row(
        "contracts:offer_detail",
        kwargs=_open,
        anonymous=LOGIN,
        other_company=NOT_FOUND,
        missing_capability=("approver", FORBIDDEN),
        allowed=("buyer", OK),
    ),
    Row(
        "contracts:offer_detail",
        kwargs=_draft,
        allowed=("admin", NOT_FOUND),
        label="-draft",
    ),
    Row(
        "contracts:offer_pdf",
        kwargs=_open_v1,
        anonymous=LOGIN,
        other_company=NOT_FOUND,
        missing_capability=("no_company", GO_NO_COMPANY),
        allowed=("buyer", OK),
    ),
    Row(
        "contracts:offer_pdf",
        kwargs=lambda w: {"pk": w.draft.pk, "number": 1},
        allowed=("admin", NOT_FOUND),
        label="-draft",
    ),
    Row(
        "contracts:offer_accept",
        method="post",
        kwargs=_open_v1,
        data=_accept_form,
        anonymous=LOGIN,
        other_company=NOT_FOUND,
        missing_capability=("approver", FORBIDDEN),
        allowed=(
            "admin",
            Expect(302, _url("contracts:certificate", _open), changes=True),
        ),
    ),
    Row(
        "contracts:offer_accept",
        kwargs=_open_v1,
        allowed=("admin", Expect(302, _url("contracts:offer_detail", _open))),
        label="-get",
    ),
    Row(
        "contracts:offer_decline",
        method="post",
        kwargs=_open_v1,
        data=lambda w: {"reason": "Too expensive"},
        anonymous=LOGIN,
        other_company=NOT_FOUND,
        missing_capability=("approver", FORBIDDEN),
        allowed=(
            "procurement",
            Expect(302, _url("contracts:offer_detail", _open), changes=True),
        ),
    ),
    Row(
        "contracts:offer_decline",
        kwargs=_open_v1,
        allowed=("admin", Expect(302, _url("contracts:offer_detail", _open))),
        label="-get",
    ),
    Row(
        "contracts:certificate",
        kwargs=_accepted,
        anonymous=LOGIN,
        other_company=NOT_FOUND,
        missing_capability=("no_company", GO_NO_COMPANY),
        allowed=("approver", OK),
    ),
    Row(
        "contracts:certificate",
        kwargs=_open,
        allowed=("buyer", NOT_FOUND),
        label="-not-accepted",
    ),
    Row(
        "contracts:certificate_pdf",
        kwargs=_accepted,
        anonymous=LOGIN,
        other_company=NOT_FOUND,
        missing_capability=("no_company", GO_NO_COMPANY),
        allowed=("buyer", OK),
    ),
    Row(
        "contracts:offer_to_basket",
        method="post",
        kwargs=_accepted,
        anonymous=LOGIN,
        other_company=NOT_FOUND,
        missing_capability=("approver", FORBIDDEN),
        allowed=("buyer", Expect(302, BASKET, changes=True)),
    ),
    Row(
        "contracts:requests",
        anonymous=LOGIN,
        other_company=OK,
        missing_capability=("approver", FORBIDDEN),
        allowed=("buyer", OK),
    ),
    Row(
        "contracts:requests",
        method="post",
        data=lambda w: {"message": "Please quote 100 boxes"},
        anonymous=LOGIN,
        # Globex's own request: Acme's data stays as it was.
        other_company=Expect(302, "/portal/contracts/requests/"),
        missing_capability=("approver", FORBIDDEN),
        allowed=("buyer", Expect(302, "/portal/contracts/requests/", changes=True)),
    ),
    _staff("contracts:staff_requests"),
    _staff(
        "contracts:staff_request_close",
        method="post",
        kwargs=_request,
        allowed=Expect(302, "/portal/contracts/staff/requests/", changes=True),
    ),
    _staff("contracts:staff_offers"),
    _staff("contracts:staff_offer_create"),
    _staff(
        "contracts:staff_offer_create",
        method="post",
        data=lambda w: {"company": w.company.pk, "title": "New", "language": "de"},
        allowed=Expect(302, changes=True),
    ),
    _staff("contracts:staff_offer_edit", kwargs=_draft),
    _staff(
        "contracts:staff_offer_edit",
        method="post",
        kwargs=_draft,
        data=_editor_form,
        allowed=Expect(302, _url("contracts:staff_offer_edit", _draft), changes=True),
    ),
    _staff("contracts:staff_offer_preview", kwargs=_draft),
    _staff(
        "contracts:staff_offer_send",
        method="post",
        kwargs=_draft,
        allowed=Expect(302, _url("contracts:staff_offer_edit", _draft), changes=True),
    ),
    _staff("contracts:staff_offer_pdf", kwargs=_open_v1),
    _staff("contracts:staff_contracts"),
    _staff(
        "contracts:staff_contracts",
        method="post",
        data=_contract_form,
        allowed=Expect(302, changes=True),
    ),
    _staff("contracts:staff_contract_detail", kwargs=_contract),
    _staff(
        "contracts:staff_contract_detail",
        method="post",
        kwargs=_contract,
        data=_upload,
        allowed=Expect(
            302, _url("contracts:staff_contract_detail", _contract), changes=True
        ),
    ),
    _staff("contracts:staff_document", kwargs=_document),
    _staff_customer("contracts:staff_offers"),
    _staff_customer("contracts:staff_offer_edit", kwargs=_draft),
    _staff_customer("contracts:staff_document", kwargs=_document),
]


@pytest.fixture
def world(db, monkeypatch):
    """Acme with an admin, a buyer, an approver and procurement; an open
    (sent) offer, an accepted one with its contract and a document, a draft
    with a line, a request for an offer. Our sales and support people. Globex
    with its admin. PDFs are a stand-in: this is about who may ask."""
    monkeypatch.setattr(documents, "render_pdf", lambda template, context: FAKE_PDF)
    company = CompanyFactory(name="Acme Industrial GmbH")
    users = {
        persona: MembershipFactory(company=company, role=role).user
        for persona, role in [
            ("admin", Role.COMPANY_ADMIN),
            ("buyer", Role.BUYER),
            ("approver", Role.APPROVER),
            ("procurement", Role.PROCUREMENT),
        ]
    }
    sales = sales_user_create()
    bolts = product_create(title="Hex bolt", sku="BOLT-MATRIX", price="10.00")
    open_offer = offer_sent_create(company=company, sales=sales, title="Open")
    accepted = offer_sent_create(
        company=company,
        sales=sales,
        title="Accepted",
        lines=[line("Bolts", product=bolts, sku="BOLT-MATRIX", unit_price="9.00")],
    )
    services.offer_accept(
        company=company,
        offer_id=accepted.pk,
        version_number=1,
        user=users["admin"],
        typed_name=users["admin"].get_full_name(),
        terms_accepted=True,
        ip_address="127.0.0.1",
        user_agent="matrix",
    )
    contract = Contract.objects.for_company(company).get()
    document = services.contract_document_add(
        contract=contract,
        user=sales,
        title="Signed copy",
        uploaded_file=SimpleUploadedFile("signed.pdf", b"%PDF-1.4 signed"),
    )
    draft = offer_draft_create(company=company, sales=sales, title="Draft")
    offer_request = services.offer_request_create(
        company=company, user=users["buyer"], message="Need bolts", language="en"
    )
    other_company = CompanyFactory(name="Globex Corporation")
    users |= {
        "anonymous": None,
        "sales": sales,
        "support": StaffUserFactory(email="support@portal.example"),
        "other_admin": MembershipFactory(
            company=other_company, role=Role.COMPANY_ADMIN
        ).user,
        "no_company": UserFactory(email="nobody@example.com"),
    }
    return SimpleNamespace(
        company=company,
        users=users,
        open_offer=open_offer,
        accepted=accepted,
        contract=contract,
        document=document,
        draft=draft,
        offer_request=offer_request,
    )


def _database(world):
    company = world.company
    return snapshot(
        Offer.objects.for_company(company),
        OfferVersion.objects.for_company(company),
        OfferLine.objects.for_company(company),
        OfferEvent.objects.for_company(company),
        OfferRequest.objects.for_company(company),
        Acceptance.objects.for_company(company),
        Contract.objects.for_company(company),
        ContractDocument.objects.for_company(company),
        ContractPrice.objects.for_company(company),
        CompanyPrice.objects.for_company(company),
        Line.objects.filter(basket__owner__memberships__company=company),
    )


(
    test_access,
    test_every_named_url_is_in_the_matrix,
    test_every_row_has_an_expectation,
) = matrix_tests(
    MATRIX,
    "contracts",
    database=_database,
)


def test_offers_pdfs_contracts_and_documents_answer_404_to_another_company():
    customer_object_rows = [
        row
        for row in MATRIX
        if row.name.startswith("contracts:")
        and not row.name.startswith("contracts:staff")
        and row.kwargs in (_open, _open_v1, _accepted, _contract, _document)
        and row.other_company is not None
    ]

    assert {row.name for row in customer_object_rows} == {
        "contracts:contract_detail",
        "contracts:document",
        "contracts:renewal",
        "contracts:offer_detail",
        "contracts:offer_pdf",
        "contracts:offer_accept",
        "contracts:offer_decline",
        "contracts:certificate",
        "contracts:certificate_pdf",
        "contracts:offer_to_basket",
    }
    assert all(row.other_company == NOT_FOUND for row in customer_object_rows)
