"""Sending an offer: the PDF is rendered in the offer's language, stored
privately with its SHA-256, never changes; editing a sent offer starts a new
version; a rendering failure leaves a draft and nothing half-sent."""

import hashlib
import re
from datetime import timedelta

import pytest
from django.core import mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from contracts import documents, services
from contracts.models import Offer, OfferEvent, OfferVersion
from tests.factories.contracts import line, offer_draft_create, offer_sent_create
from tests.helpers import messages_of, snapshot
from tests.pdf_glyphs import drawn_text


@pytest.fixture
def spy_render(monkeypatch):
    """Records the template context and active language of each offer render."""
    calls = []
    real = documents.render_pdf

    def spy(template, context):
        calls.append(
            {
                "template": template,
                "context": context,
                "language": translation.get_language(),
            }
        )
        return real(template, context)

    monkeypatch.setattr(documents, "render_pdf", spy)
    return calls


def test_sending_stores_the_pdf_with_its_sha256(
    company, sales, buyer, company_admin, django_capture_on_commit_callbacks
):
    offer = offer_draft_create(
        company=company,
        sales=sales,
        lines=[line("Bolts", quantity=10, unit_price="20.00", discount="10")],
    )
    version = offer.versions.get()

    with django_capture_on_commit_callbacks(execute=True):
        sent = services.offer_send(version=version, user=sales)

    sent.refresh_from_db()
    data = sent.pdf.read()
    assert data.startswith(b"%PDF-")
    assert sent.status == OfferVersion.Status.SENT
    assert sent.sha256 == hashlib.sha256(data).hexdigest()
    assert sent.total_net == 180
    assert str(sent.total_gross) == "214.20"
    offer.refresh_from_db()
    assert offer.status == Offer.Status.SENT
    assert offer.latest_sent == sent
    assert list(offer.events.values_list("kind", flat=True)) == [
        "created",
        "saved",
        "sent",
    ]
    # One mail each (in each one's language; no one sees the other's address)
    assert sorted(m.to for m in mail.outbox) == [
        ["admin@acme.example"],
        ["buyer@acme.example"],
    ]
    assert all(offer.number in m.subject for m in mail.outbox)


def test_the_footer_prints_the_content_sha256_with_page_numbers(
    company, sales, spy_render
):
    offer = offer_sent_create(company=company, sales=sales)
    version = offer.latest_sent

    context = spy_render[-1]["context"]
    html = render_to_string(spy_render[-1]["template"], context)
    lines = list(version.lines.all())

    assert context["content_sha256"] == version.content_sha256
    assert version.content_sha256 == documents.content_sha256(version, lines)
    assert f'<span class="hash">{version.content_sha256}</span>' in html
    # The footer (contracts/pdf/offer.css) runs on the page, numbered
    drawn = drawn_text(version.pdf.read())
    assert re.search(r"Page\s*1\s*/\s*1\s", drawn)
    assert f"\n{version.content_sha256}\n" in drawn


def test_the_offer_is_rendered_in_the_offer_language(company, sales, spy_render):
    offer_sent_create(company=company, sales=sales, language="de")

    assert spy_render[-1]["language"] == "de"
    assert translation.get_language() == "en"


def test_editing_a_sent_offer_starts_version_2_and_keeps_version_1(company, sales):
    offer = offer_sent_create(company=company, sales=sales)
    v1 = offer.latest_sent
    v1_bytes, v1_sha = v1.pdf.read(), v1.sha256

    draft = services.offer_draft_version(offer=offer, user=sales)
    services.offer_draft_save(
        version=draft,
        user=sales,
        header={"valid_until": timezone.localdate() + timedelta(days=10)},
        lines=[line("Bolts", unit_price="90.00")],
    )
    v1.refresh_from_db()

    assert draft.number == 2
    assert v1.status == OfferVersion.Status.SENT  # still valid until v2 goes out
    assert list(v1.lines.values_list("unit_price", flat=True)) == [100]

    services.offer_send(version=draft, user=sales)
    v1.refresh_from_db()
    offer.refresh_from_db()

    assert v1.status == OfferVersion.Status.SUPERSEDED
    assert offer.latest_sent.number == 2
    with v1.pdf.open("rb") as handle:
        assert handle.read() == v1_bytes
    assert v1.sha256 == v1_sha
    assert offer.latest_sent.sha256 != v1_sha


def test_a_sent_version_cannot_be_changed(company, sales):
    offer = offer_sent_create(company=company, sales=sales)

    with pytest.raises(services.OfferError):
        services.offer_draft_save(
            version=offer.latest_sent, user=sales, header={}, lines=[line()]
        )
    with pytest.raises(services.OfferError):
        services.offer_send(version=offer.latest_sent, user=sales)


def test_a_rendering_failure_leaves_a_draft_and_sends_nothing(
    client, company, sales, buyer, monkeypatch
):
    offer = offer_draft_create(company=company, sales=sales)

    def broken(template, context):
        raise ValueError("font subsystem exploded")

    monkeypatch.setattr(documents, "render_pdf", broken)
    client.force_login(sales)

    response = client.post(reverse("contracts:staff_offer_send", args=[offer.pk]))

    version = offer.versions.get()
    offer.refresh_from_db()
    assert response.status_code == 302
    assert messages_of(response) == [
        "The PDF could not be rendered, the offer was not sent: font subsystem exploded"
    ]
    assert version.status == OfferVersion.Status.DRAFT
    assert version.render_error == "font subsystem exploded"
    assert not version.pdf
    assert version.sha256 == ""
    assert offer.status == Offer.Status.DRAFT
    assert offer.latest_sent is None
    assert mail.outbox == []
    assert offer.events.last().kind == OfferEvent.Kind.RENDER_FAILED
    page = client.get(reverse("contracts:staff_offer_edit", args=[offer.pk]))
    assert "font subsystem exploded" in page.content.decode()


def test_an_offer_without_lines_or_with_a_past_validity_is_not_sent(company, sales):
    empty = services.offer_create(company=company, user=sales, title="Empty")
    expired = offer_draft_create(
        company=company,
        sales=sales,
        valid_until=timezone.localdate() - timedelta(days=1),
    )
    before = snapshot(OfferVersion, OfferEvent)

    with pytest.raises(services.OfferError, match="at least one line"):
        services.offer_send(version=empty.versions.get(), user=sales)
    with pytest.raises(services.OfferError, match="in the past"):
        services.offer_send(version=expired.versions.get(), user=sales)

    assert snapshot(OfferVersion, OfferEvent) == before
    assert mail.outbox == []


def test_the_page_shows_the_sha256_of_the_pdf_the_customer_downloads(
    client, company, sales, buyer
):
    offer = offer_sent_create(company=company, sales=sales)
    client.force_login(buyer)

    page = client.get(reverse("contracts:offer_detail", args=[offer.pk]))
    pdf = client.get(reverse("contracts:offer_pdf", args=[offer.pk, 1]))

    downloaded = b"".join(pdf.streaming_content)
    shown = re.search(r'id="pdf-sha256">([0-9a-f]{64})<', page.content.decode()).group(
        1
    )
    assert shown == hashlib.sha256(downloaded).hexdigest()
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf["Content-Disposition"].startswith("inline;")
    # The offer page embeds the PDF, so same-origin framing is allowed.
    assert pdf["X-Frame-Options"] == "SAMEORIGIN"
