"""Offers and contracts for the API tests: the objects the offer and contract
endpoints are asked about, built through the contracts services (PDFs are
small stand-ins that name their offer and version, stored privately like
real ones), and the access-matrix rows of /api/v1/offers/ and
/api/v1/contracts/ (see tests/api/api_matrix.py)."""

from datetime import timedelta

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from contracts import documents, services
from contracts.models import Contract, ContractDocument, Offer, OfferVersion
from partner_portal.files import private_storage
from tests.api.api_matrix import ApiRow
from tests.factories.contracts import (
    contract_create,
    line,
    offer_draft_create,
    offer_sent_create,
    sales_user_create,
)


def fake_pdf(template, context) -> bytes:
    version = context["version"]
    return f"%PDF-1.7 {version.offer.number} v{version.number}".encode()


def use_fake_pdfs(monkeypatch):
    monkeypatch.setattr(documents, "render_pdf", fake_pdf)


def delete_private_files():
    """Stored PDFs are real files in the private storage, which outlives the
    test database."""
    for version in OfferVersion.objects.exclude(pdf=""):
        if version.pdf:
            version.pdf.delete(save=False)
    for document in ContractDocument.objects.all():
        document.file.delete(save=False)


def offer_accepted_create(*, company, sales, signer, **kwargs) -> Offer:
    """A sent offer that `signer` accepted in the portal (so it has a
    contract)."""
    offer = offer_sent_create(company=company, sales=sales, **kwargs)
    services.offer_accept(
        company=company,
        offer_id=offer.pk,
        version_number=offer.latest_sent.number,
        user=signer,
        typed_name=signer.get_full_name(),
        terms_accepted=True,
        ip_address="127.0.0.1",
        user_agent="tests",
    )
    offer.refresh_from_db()
    return offer


def offer_declined_create(*, company, sales, user, **kwargs) -> Offer:
    offer = offer_sent_create(company=company, sales=sales, **kwargs)
    services.offer_decline(
        company=company,
        offer_id=offer.pk,
        version_number=offer.latest_sent.number,
        user=user,
        reason="Too expensive",
    )
    offer.refresh_from_db()
    return offer


def offer_resent_create(*, company, sales, **kwargs) -> Offer:
    """An offer sent twice (v1 superseded by v2 with other lines), with a
    draft v3 in the works."""
    offer = offer_sent_create(company=company, sales=sales, **kwargs)
    v2 = services.offer_draft_version(offer=offer, user=sales)
    services.offer_draft_save(
        version=v2,
        user=sales,
        header={"valid_until": timezone.localdate() + timedelta(days=40)},
        lines=[line("Maintenance", quantity=2, unit_price="50.00", discount="10")],
    )
    services.offer_send(version=v2, user=sales)
    v3 = services.offer_draft_version(offer=offer, user=sales)
    services.offer_draft_save(
        version=v3,
        user=sales,
        header={"valid_until": timezone.localdate() + timedelta(days=50)},
        lines=[line("Secret draft line", unit_price="1.00")],
    )
    offer.refresh_from_db()
    return offer


def offer_expired_create(*, company, sales, **kwargs) -> Offer:
    """A sent offer whose validity ended yesterday (the nightly task has not
    marked it yet)."""
    offer = offer_sent_create(company=company, sales=sales, **kwargs)
    OfferVersion.objects.filter(pk=offer.latest_sent_id).update(
        valid_until=timezone.localdate() - timedelta(days=1)
    )
    offer.refresh_from_db()
    return offer


def offer_copies_create(offer: Offer, count: int) -> None:
    """`count` more sent offers of the same company, cheaply: copies of the
    sent `offer`'s version row (no PDF rendering)."""
    version = offer.latest_sent
    for index in range(count):
        copy = Offer.objects.create(
            company=offer.company,
            number=f"{offer.number}-C{index}",
            title=f"Copy {index}",
            created_by=offer.created_by,
            contact_person=offer.contact_person,
            status=Offer.Status.SENT,
        )
        copied = OfferVersion.objects.create(
            offer=copy,
            number=1,
            status=OfferVersion.Status.SENT,
            valid_until=version.valid_until,
            total_net=version.total_net,
            total_gross=version.total_gross,
            sent_at=version.sent_at,
        )
        copy.latest_sent = copied
        copy.save(update_fields=["latest_sent"])


def contract_copies_create(company, count: int) -> None:
    today = timezone.localdate()
    Contract.objects.bulk_create(
        Contract(
            company=company,
            number=f"CT-COPY-{index:05d}",
            title=f"Copy {index}",
            start_date=today - timedelta(days=10),
            end_date=today + timedelta(days=index + 1),
        )
        for index in range(count)
    )


def contract_document_create(contract, *, user, content=b"%PDF-1.4 signed copy"):
    return services.contract_document_add(
        contract=contract,
        user=user,
        title="Signed copy",
        uploaded_file=SimpleUploadedFile("signed.pdf", content),
    )


# The access matrix. Its world has no fixture to delete stored files, so the
# offers are marked sent by hand and their PDFs are one fixed file each,
# written once into the private storage (no PDF rendering either).


def _once(world, name, make):
    if not hasattr(world, name):
        setattr(world, name, make())
    return getattr(world, name)


def _stored(name: str) -> str:
    storage = private_storage()
    if not storage.exists(name):
        name = storage.save(name, ContentFile(b"%PDF-1.4 access matrix"))
    return name


def _sales(world):
    return _once(
        world,
        "documents_sales",
        lambda: sales_user_create(email="sales-matrix@portal.example"),
    )


def _sent(world, *, title, status=OfferVersion.Status.SENT) -> Offer:
    offer = offer_draft_create(company=world.company, sales=_sales(world), title=title)
    version = offer.versions.get()
    version.status = status
    version.sent_at = timezone.now()
    version.pdf.name = _stored("api-matrix/offer.pdf")
    version.save()
    offer.status = status
    offer.latest_sent = version
    offer.save()
    return offer


def _offer(world) -> Offer:
    return _once(world, "documents_offer", lambda: _sent(world, title="Matrix offer"))


def _draft(world) -> Offer:
    return _once(
        world,
        "documents_draft",
        lambda: offer_draft_create(
            company=world.company, sales=_sales(world), title="Matrix draft"
        ),
    )


def _contract(world) -> Contract:
    def make():
        accepted = _sent(
            world, title="Matrix contract", status=OfferVersion.Status.ACCEPTED
        )
        return contract_create(
            company=world.company,
            title="Matrix contract",
            offer_version=accepted.latest_sent,
        )

    return _once(world, "documents_contract", make)


def _document(world) -> ContractDocument:
    def make():
        name = _stored("api-matrix/document.pdf")
        return ContractDocument.objects.create(
            contract=_contract(world),
            title="Signed copy",
            file=name,
            sha256="0" * 64,
            size=private_storage().size(name),
            uploaded_by=_sales(world),
        )

    return _once(world, "documents_document", make)


def _leaks(text):
    return lambda world, response: text(world) in response.content.decode()


def _listed_offer(world):
    _offer(world)
    return {}


def _listed_contract(world):
    _contract(world)
    return {}


def _offer_number(world):
    return {"number": _offer(world).number}


def _contract_number(world):
    return {"number": _contract(world).number}


ROWS = [
    ApiRow(
        "api:offers-list",
        resource="offers",
        persona="buyer",
        kwargs=_listed_offer,
        other_company=200,
        absent=_leaks(lambda world: _offer(world).number),
    ),
    ApiRow(
        "api:offers-detail",
        resource="offers",
        persona="buyer",
        kwargs=_offer_number,
    ),
    ApiRow(
        "api:offers-detail",
        resource="offers",
        kwargs=lambda world: {"number": _draft(world).number},
        ok=404,
        label="-draft",
    ),
    # Accepting takes a person in the portal: a read-write key gets 405.
    ApiRow(
        "api:offers-detail",
        method="post",
        resource="offers",
        kwargs=_offer_number,
        data=lambda world: {"status": "accepted", "typed_name": "Ada", "terms": True},
        ok=405,
        other_company=405,
        label="-accept",
    ),
    ApiRow(
        "api:offers-pdf",
        resource="offers",
        persona="buyer",
        kwargs=_offer_number,
    ),
    ApiRow(
        "api:contracts-list",
        resource="contracts",
        persona="approver",
        kwargs=_listed_contract,
        other_company=200,
        absent=_leaks(lambda world: _contract(world).number),
    ),
    ApiRow(
        "api:contracts-detail",
        resource="contracts",
        persona="approver",
        kwargs=_contract_number,
    ),
    ApiRow(
        "api:contracts-pdf",
        resource="contracts",
        persona="procurement",
        kwargs=_contract_number,
    ),
    ApiRow(
        "api:contracts-document",
        resource="contracts",
        persona="approver",
        kwargs=lambda world: {
            "number": _contract(world).number,
            "document_id": _document(world).pk,
        },
    ),
]


__all__ = [
    "ROWS",
    "contract_copies_create",
    "contract_create",
    "contract_document_create",
    "delete_private_files",
    "fake_pdf",
    "line",
    "offer_accepted_create",
    "offer_copies_create",
    "offer_declined_create",
    "offer_draft_create",
    "offer_expired_create",
    "offer_resent_create",
    "offer_sent_create",
    "use_fake_pdfs",
]
