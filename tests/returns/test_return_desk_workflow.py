"""The returns desk takes a return from requested to closed: approve (the
label is made), reject with a reason, book what arrived, refund to the card
or credit on account, replace, close. Each step is recorded and mailed."""

from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse

from returns.models import CreditNote, ReturnRequest
from returns.services import (
    ReturnError,
    return_approve,
    return_close,
    return_credit,
    return_receive,
    return_refund,
    return_request_create,
)
from tests.helpers import messages_of, snapshot
from tests.orders.stripe_fake import (  # noqa: F401  fixtures
    fixture_localstripe_url,
    fixture_stripe_keys,
    intent_pay,
)
from tests.returns.conftest import deliver, line_of


@pytest.fixture
def requested(company, buyer, delivered_order):
    return return_request_create(
        company=company,
        user=buyer,
        order=delivered_order,
        quantities={
            line_of(delivered_order, "BOLT-M8-100").pk: 4,
            line_of(delivered_order, "GLOVE-L-10").pk: 2,
        },
        reason="damaged",
        comment="Crushed box",
        photos=[],
        submission_key="k",
    )


def _approved(requested, desk, capture):
    with capture(execute=True):
        return_approve(return_request=requested, actor=desk)
    return ReturnRequest.objects.get(pk=requested.pk)


def _receive_all(return_request, desk, **quantities):
    lines = {line.order_line.partner_sku: line for line in return_request.lines.all()}
    return return_receive(
        return_request=return_request,
        actor=desk,
        received={
            lines[sku].pk: (quantities.get(sku, lines[sku].quantity), "opened")
            for sku in lines
        },
    )


def test_approval_issues_the_label_with_barcode_and_tells_the_buyer(
    client, desk, requested, django_capture_on_commit_callbacks
):
    client.force_login(desk)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("returns:desk_approve", args=[requested.number]),
        )

    requested.refresh_from_db()
    assert response.status_code == 302
    assert requested.status == "label_issued"
    assert [event.status for event in requested.events.all()] == [
        "requested",
        "approved",
        "label_issued",
    ]
    with requested.label_pdf.open("rb") as handle:
        pdf = handle.read()
    assert pdf.startswith(b"%PDF-")
    assert requested.number.encode() in pdf  # the document title
    assert [message.subject for message in mail.outbox] == [
        f"Return {requested.number}: Approved",
        f"Return {requested.number}: Label issued",
    ]


def test_label_draws_code128_and_qr_of_the_rma_number(
    monkeypatch, desk, requested, django_capture_on_commit_callbacks
):
    from reportlab.graphics.barcode import code128, qr

    drawn = []
    original_code, original_qr = code128.Code128.__init__, qr.QrCodeWidget.__init__

    def record_code(self, value=None, **kwargs):
        drawn.append(("code128", value))
        original_code(self, value, **kwargs)

    def record_qr(self, value="", **kwargs):
        drawn.append(("qr", value))
        original_qr(self, value, **kwargs)

    monkeypatch.setattr(code128.Code128, "__init__", record_code)
    monkeypatch.setattr(qr.QrCodeWidget, "__init__", record_qr)

    _approved(requested, desk, django_capture_on_commit_callbacks)

    assert drawn == [("code128", requested.number), ("qr", requested.number)]


def test_rejection_needs_a_reason_and_tells_the_buyer(
    client, desk, requested, django_capture_on_commit_callbacks
):
    client.force_login(desk)
    url = reverse("returns:desk_reject", args=[requested.number])

    empty = client.post(url, {"reason": ""})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"reason": "Opened and used."})

    requested.refresh_from_db()
    assert empty.status_code == 200
    assert "This field is required." in empty.content.decode()
    assert requested.status == "rejected"
    assert requested.rejection_reason == "Opened and used."
    assert "Opened and used." in mail.outbox[-1].body


def test_a_step_out_of_order_is_refused_and_changes_nothing(
    client, desk, requested, django_capture_on_commit_callbacks
):
    approved = _approved(requested, desk, django_capture_on_commit_callbacks)
    client.force_login(desk)
    before = snapshot(ReturnRequest)

    response = client.post(reverse("returns:desk_approve", args=[approved.number]))

    assert response.status_code == 200
    assert messages_of(response) == [
        "This return is Label issued now; the step is no longer possible."
    ]
    assert snapshot(ReturnRequest) == before


def test_receiving_more_than_announced_is_refused(
    desk, requested, django_capture_on_commit_callbacks
):
    approved = _approved(requested, desk, django_capture_on_commit_callbacks)

    with pytest.raises(ReturnError, match="between 0 and 4"):
        _receive_all(approved, desk, **{"BOLT-M8-100": 5})

    approved.refresh_from_db()
    assert approved.status == "label_issued"


def test_partly_received_return_on_account_gets_a_credit_note(
    client, company, desk, requested, django_capture_on_commit_callbacks
):
    approved = _approved(requested, desk, django_capture_on_commit_callbacks)
    # Of 4 boxes of bolts only 3 arrived; both packs of gloves did.
    _receive_all(approved, desk, **{"BOLT-M8-100": 3})

    credited = return_credit(return_request=approved, actor=desk)

    note = CreditNote.objects.for_company(company).get()
    bolts = line_of(approved.order, "BOLT-M8-100").unit_price_incl_tax
    gloves = line_of(approved.order, "GLOVE-L-10").unit_price_incl_tax
    assert credited.status == "credited"
    assert note.amount == 3 * bolts + 2 * gloves
    assert note.number.startswith("CN-")
    with note.pdf.open("rb") as handle:
        assert handle.read(5) == b"%PDF-"
    client.force_login(approved.requested_by)
    page = client.get(reverse("returns:credit_notes")).content.decode()
    assert note.number in page


def test_a_card_order_is_refunded_through_stripe_partially(
    stripe_keys, company, buyer, desk, bolts, django_capture_on_commit_callbacks
):
    from tests.orders.stripe_fake import card_order_place

    order = card_order_place(user=buyer, company=company, price="10.00", quantity=5)
    from orders.payments import payment_intent_create

    intent = payment_intent_create(order=order)
    intent_pay(intent.id)
    order.refresh_from_db()
    deliver(order)
    line = order.lines.get()
    return_request = return_request_create(
        company=company,
        user=buyer,
        order=order,
        quantities={line.pk: 2},
        reason="defective",
        comment="",
        photos=[],
        submission_key="card",
    )
    approved = _approved(return_request, desk, django_capture_on_commit_callbacks)
    return_receive(
        return_request=approved,
        actor=desk,
        received={approved.lines.get().pk: (1, "damaged")},
    )

    refunded = return_refund(return_request=approved, actor=desk)

    assert refunded.status == "refunded"
    assert refunded.refund_amount == line.unit_price_incl_tax  # one of two arrived
    assert refunded.stripe_refund_id.startswith("re_")
    from tests.orders.stripe_fake import stripe_test_client

    refund = stripe_test_client().v1.refunds.retrieve(refunded.stripe_refund_id)
    assert refund.amount == int(line.unit_price_incl_tax * 100)
    assert refund.payment_intent == intent.id


def test_an_order_on_account_cannot_be_refunded_to_a_card(
    desk, requested, django_capture_on_commit_callbacks
):
    approved = _approved(requested, desk, django_capture_on_commit_callbacks)
    _receive_all(approved, desk)

    with pytest.raises(ReturnError, match="not paid by card"):
        return_refund(return_request=approved, actor=desk)


def test_nothing_received_means_nothing_to_credit(
    desk, requested, django_capture_on_commit_callbacks
):
    approved = _approved(requested, desk, django_capture_on_commit_callbacks)
    _receive_all(approved, desk, **{"BOLT-M8-100": 0, "GLOVE-L-10": 0})

    with pytest.raises(ReturnError, match="Nothing was received"):
        return_credit(return_request=approved, actor=desk)
    assert CreditNote.objects.count() == 0


def test_closing_after_the_credit_ends_the_return(
    desk, requested, django_capture_on_commit_callbacks
):
    approved = _approved(requested, desk, django_capture_on_commit_callbacks)
    _receive_all(approved, desk)
    return_credit(return_request=approved, actor=desk)

    closed = return_close(return_request=approved, actor=desk, note="Done")

    assert closed.status == "closed"
    assert [event.status for event in closed.events.all()][-3:] == [
        "received",
        "credited",
        "closed",
    ]
    assert closed.events.last().note == "Done"


def test_the_desk_sees_the_photos_and_filters_the_queue(
    client, desk, requested, other_company
):
    client.force_login(desk)

    waiting = client.get(reverse("returns:desk")).content.decode()
    other = client.get(
        reverse("returns:desk"), {"status": "", "company": other_company.pk}
    ).content.decode()

    assert requested.number in waiting
    assert requested.number not in other


def test_a_customer_cannot_open_the_desk(client, buyer, requested):
    client.force_login(buyer)

    assert client.get(reverse("returns:desk")).status_code == 403
    assert (
        client.post(
            reverse("returns:desk_approve", args=[requested.number]),
        ).status_code
        == 403
    )
    requested.refresh_from_db()
    assert requested.status == "requested"


def test_refund_amount_is_capped_by_what_is_left_of_the_order(
    company, buyer, desk, delivered_order, django_capture_on_commit_callbacks
):
    bolts = line_of(delivered_order, "BOLT-M8-100")
    first = return_request_create(
        company=company,
        user=buyer,
        order=delivered_order,
        quantities={bolts.pk: 10},
        reason="not_needed",
        comment="",
        photos=[],
        submission_key="one",
    )
    approved = _approved(first, desk, django_capture_on_commit_callbacks)
    _receive_all(approved, desk)

    credited = return_credit(return_request=approved, actor=desk)

    assert credited.credit_note.amount == bolts.unit_price_incl_tax * 10
    assert credited.credit_note.amount <= delivered_order.total_incl_tax
    assert Decimal(credited.credit_note.amount) > 0
