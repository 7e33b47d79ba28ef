"""The data the schemathesis fuzz test (test_fuzz.py) runs against: Acme with
a little of everything the API exposes, built through the services like the
demo (products, a delivered order with an invoice, a return, an accepted offer
with its contract and a document, a support request with an internal note, a
webhook endpoint), a second company with an admin, and a superuser for the
staff key. `identifiers` lists Acme's objects by the path segment of their
endpoint (`orders` -> order numbers)."""

from types import SimpleNamespace

import pytest

from api.models import WebhookEndpoint
from contracts.models import Contract
from orders.models import Invoice
from partner_portal.permissions import Role
from returns.models import ReturnRequest
from returns.services import return_request_create
from support.services import request_create
from tests.api.matrix_documents import (
    contract_document_create,
    delete_private_files,
    offer_accepted_create,
    use_fake_pdfs,
)
from tests.api.orders_helpers import invoice_issue, place, ready_to_order
from tests.factories import CompanyFactory, MembershipFactory, UserFactory
from tests.factories.contracts import sales_user_create
from tests.factories.orders import product_create
from tests.returns.conftest import deliver
from tests.support.desk_world import sla_targets, team


def fuzz_world() -> SimpleNamespace:
    company = CompanyFactory(name="Acme Industrial GmbH", slug="acme")
    other_company = CompanyFactory(name="Globex Corporation", slug="globex")
    members = {
        role: MembershipFactory(company=company, role=role).user
        for role in (Role.COMPANY_ADMIN, Role.BUYER, Role.PROCUREMENT)
    }
    admin, buyer = members[Role.COMPANY_ADMIN], members[Role.BUYER]
    other_admin = MembershipFactory(company=other_company, role=Role.COMPANY_ADMIN).user
    superuser = UserFactory(is_superuser=True, is_staff=True)

    bolts = product_create(title="Hex bolt M8 (100)", sku="BOLT-M8-100", price="20")
    gloves = product_create(title="Work gloves (10)", sku="GLOVE-L-10", price="12")
    ready_to_order(company, credit="100000.00")
    ready_to_order(other_company, credit="100000.00")
    delivered = deliver(
        place(buyer, company, [(bolts, 10), (gloves, 4)], po_number="PO-1")
    )
    pending = place(admin, company, [(gloves, 2)], po_number="PO-2")
    invoice = invoice_issue(delivered, "INV-FUZZ-1")

    return_request = return_request_create(
        company=company,
        user=buyer,
        order=delivered,
        quantities={delivered.lines.get(partner_sku="BOLT-M8-100").pk: 2},
        reason="damaged",
        comment="Two boxes were crushed.",
        photos=[],
        submission_key="fuzz",
    )

    with pytest.MonkeyPatch.context() as patch:
        use_fake_pdfs(patch)
        sales = sales_user_create(email="sales@portal.example")
        offer = offer_accepted_create(
            company=company, sales=sales, signer=admin, title="Framework"
        )
    contract = Contract.objects.for_company(company).get()
    document = contract_document_create(contract, user=sales)

    sla_targets()
    team()
    support_request = request_create(
        company=company, user=buyer, subject="Printer offline"
    )

    endpoint = WebhookEndpoint.objects.create(
        company=company,
        url="https://erp.acme.example/hooks",
        events=[],
        secret="whsec_fuzz",
        created_by=admin,
    )

    return SimpleNamespace(
        company=company,
        other_company=other_company,
        admin=admin,
        other_admin=other_admin,
        superuser=superuser,
        identifiers={
            "orders": [str(delivered.number), str(pending.number)],
            "invoices": [invoice.number],
            "returns": [return_request.number],
            "offers": [offer.number],
            "contracts": [contract.number],
            "documents": [str(document.pk)],
            "requests": [support_request.number],
            "products": ["BOLT-M8-100", "GLOVE-L-10"],
            "users": [str(user.pk) for user in members.values()],
            "webhooks": [str(endpoint.pk)],
        },
    )


def fuzz_world_files_delete():
    """Stored files outlive the rolled-back database."""
    delete_private_files()
    for invoice in Invoice.objects.all():
        invoice.pdf.delete(save=False)
    for return_request in ReturnRequest.objects.all():
        if return_request.label_pdf:
            return_request.label_pdf.delete(save=False)
