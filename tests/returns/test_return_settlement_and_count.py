"""Settling a card-paid return when Stripe is not configured (a credit note
instead of a refund), and the "open returns" count on the start page, which
leaves out returns already refunded, credited, replaced, closed or rejected."""

import pytest
from django.urls import reverse

from returns.models import CreditNote, ReturnRequest
from returns.selectors import open_returns_for
from returns.services import (
    ReturnError,
    return_approve,
    return_credit,
    return_receive,
    return_request_create,
)
from tests.orders.stripe_fake import (  # noqa: F401  fixtures
    fixture_localstripe_url,
    fixture_stripe_keys,
)
from tests.returns.conftest import line_of


def _received(company, buyer, order, desk, capture):
    line = line_of(order, "BOLT-M8-100")
    return_request = return_request_create(
        company=company,
        user=buyer,
        order=order,
        quantities={line.pk: 2},
        reason="damaged",
        comment="",
        photos=[],
        submission_key="k",
    )
    with capture(execute=True):
        return_approve(return_request=return_request, actor=desk)
    return_request = ReturnRequest.objects.get(pk=return_request.pk)
    return return_receive(
        return_request=return_request,
        actor=desk,
        received={return_request.lines.get().pk: (2, "opened")},
    )


@pytest.fixture
def card_order(delivered_order):
    delivered_order.payment_method = "card"
    delivered_order.stripe_payment_intent = "pi_paid_before_the_keys_went"
    delivered_order.save(update_fields=["payment_method", "stripe_payment_intent"])
    return delivered_order


def test_without_stripe_the_desk_credits_a_card_paid_return(
    client,
    settings,
    company,
    buyer,
    desk,
    card_order,
    django_capture_on_commit_callbacks,
):
    settings.PORTAL_STRIPE_SECRET_KEY = ""
    received = _received(
        company, buyer, card_order, desk, django_capture_on_commit_callbacks
    )
    client.force_login(desk)

    page = client.get(reverse("returns:desk_detail", args=[received.number]))
    response = client.post(reverse("returns:desk_credit", args=[received.number]))

    content = page.content.decode()
    assert 'id="card-without-stripe"' in content
    assert 'id="credit"' in content
    assert 'id="refund"' not in content
    assert response.status_code == 302
    received.refresh_from_db()
    assert received.status == "credited"
    assert CreditNote.objects.filter(return_request=received).count() == 1


def test_with_stripe_a_card_paid_return_is_refunded_not_credited(
    stripe_keys,
    client,
    company,
    buyer,
    desk,
    card_order,
    django_capture_on_commit_callbacks,
):
    received = _received(
        company, buyer, card_order, desk, django_capture_on_commit_callbacks
    )
    client.force_login(desk)

    content = client.get(
        reverse("returns:desk_detail", args=[received.number])
    ).content.decode()
    with pytest.raises(ReturnError, match="refund it instead"):
        return_credit(return_request=received, actor=desk)

    assert 'id="refund"' in content
    assert 'id="credit"' not in content
    assert 'id="card-without-stripe"' not in content
    assert CreditNote.objects.count() == 0
    assert ReturnRequest.objects.get(pk=received.pk).status == "received"


@pytest.mark.parametrize(
    ("status", "is_open"),
    [
        ("requested", True),
        ("approved", True),
        ("label_issued", True),
        ("received", True),
        ("refunded", False),
        ("credited", False),
        ("replaced", False),
        ("closed", False),
        ("rejected", False),
    ],
)
def test_open_returns_leave_out_settled_ones(
    client, company, buyer, delivered_order, status, is_open
):
    return_request = return_request_create(
        company=company,
        user=buyer,
        order=delivered_order,
        quantities={line_of(delivered_order, "GLOVE-L-10").pk: 1},
        reason="damaged",
        comment="",
        photos=[],
        submission_key="count",
    )
    ReturnRequest.objects.filter(pk=return_request.pk).update(status=status)
    membership = buyer.memberships.get(company=company)

    open_returns = open_returns_for(company=company, user=buyer, membership=membership)

    assert list(open_returns) == ([return_request] if is_open else [])
