"""Business events: `publish` announces a change once its transaction commits
(never a rolled-back one), and the services that change what a company's
other systems follow publish them: an approval decided, a return moved, an
agent's public reply (never an internal note)."""

import datetime

import pytest
from django.db import transaction

from orders.services.approvals import approval_decide
from orders.services.checkout import checkout_place
from partner_portal.events import Event, business_event, publish, timestamp
from partner_portal.permissions import Role, StaffGroup
from returns.models import ReturnRequest
from returns.services import ReturnError, return_reject, return_request_create
from support.services.desk import agent_reply
from tests.factories import MembershipFactory, StaffUserFactory
from tests.factories.orders import (
    BudgetFactory,
    CompanyAccountFactory,
    DeliveryAddressFactory,
    basket_create,
    order_place,
)
from tests.returns.conftest import deliver, line_of
from tests.support.desk_world import sla_targets, team
from tests.support.helpers import new_request

BASE = "https://portal.example"


@pytest.fixture
def published():
    """The events sent, as (event, company, data) tuples."""
    seen = []

    def receiver(sender, *, event, company, data, event_id, occurred_at, **kwargs):
        seen.append((event, company, data))

    business_event.connect(receiver, dispatch_uid="test-events")
    yield seen
    business_event.disconnect(dispatch_uid="test-events")


@pytest.fixture(autouse=True)
def _base_url(settings):
    settings.PORTAL_BASE_URL = BASE


def test_an_event_goes_out_only_after_the_commit(
    company, published, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        event_id = publish(Event.ORDER_STATUS_CHANGED, company=company, data={"a": 1})
        assert published == []

    assert len(callbacks) == 1
    assert event_id is not None
    assert published == [("order.status_changed", company, {"a": 1})]


def test_a_rolled_back_change_announces_nothing(company, published, transactional_db):
    def change_that_fails():
        with transaction.atomic():
            publish(Event.RETURN_STATUS_CHANGED, company=company, data={})
            raise RuntimeError

    with pytest.raises(RuntimeError):
        change_that_fails()

    assert published == []


def test_an_event_of_no_company_and_an_unknown_event_are_not_sent(
    company, published, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert publish(Event.ORDER_STATUS_CHANGED, company=None, data={}) is None
        with pytest.raises(ValueError, match="order.placed"):
            publish("order.placed", company=company, data={})

    assert callbacks == []
    assert published == []


def test_a_failing_receiver_does_not_fail_the_change(
    company, published, django_capture_on_commit_callbacks, caplog
):
    def broken(sender, **kwargs):
        raise LookupError("down")

    business_event.connect(broken, dispatch_uid="test-broken")
    try:
        with django_capture_on_commit_callbacks(execute=True):
            publish(Event.ORDER_STATUS_CHANGED, company=company, data={})
    finally:
        business_event.disconnect(dispatch_uid="test-broken")

    assert len(published) == 1
    assert "failed" in caplog.text


def test_timestamps_are_utc_iso_8601():
    moment = datetime.datetime(2026, 3, 1, 14, 30, tzinfo=datetime.UTC)

    assert timestamp(moment) == "2026-03-01T14:30:00Z"


# The services.


@pytest.fixture
def delivered_order(company, buyer, bolts):
    return deliver(order_place(user=buyer, company=company, lines=[(bolts, 10)]))


def _return(company, buyer, order):
    return return_request_create(
        company=company,
        user=buyer,
        order=order,
        quantities={line_of(order, "BOLT-M8-100").pk: 4},
        reason="damaged",
        comment="",
        photos=[],
        submission_key="k",
    )


def test_a_new_and_a_moved_return_publish_their_status(
    company, buyer, delivered_order, published, capture_commits
):
    with capture_commits(execute=True):
        requested = _return(company, buyer, delivered_order)
    published.clear()
    desk = StaffUserFactory(staff_groups=[StaffGroup.RETURNS_DESK])

    with capture_commits(execute=True):
        return_reject(return_request=requested, actor=desk, reason="Too late")

    rejected = ReturnRequest.objects.get(pk=requested.pk)
    [(event, sent_company, data)] = published
    assert (event, sent_company) == ("return.status_changed", company)
    assert data == {
        "return_number": requested.number,
        "old_status": "requested",
        "status": "rejected",
        "changed_at": timestamp(rejected.events.last().created_at),
        "url": f"{BASE}/portal/returns/{requested.number}/",
    }


def test_a_new_return_publishes_requested_from_nothing(
    company, buyer, delivered_order, published, capture_commits
):
    with capture_commits(execute=True):
        requested = _return(company, buyer, delivered_order)

    [(event, _company, data)] = published
    assert event == "return.status_changed"
    assert (data["return_number"], data["old_status"], data["status"]) == (
        requested.number,
        None,
        "requested",
    )


def test_a_refused_return_step_publishes_nothing(
    company, buyer, delivered_order, published, capture_commits
):
    desk = StaffUserFactory(staff_groups=[StaffGroup.RETURNS_DESK])
    with capture_commits(execute=True):
        requested = _return(company, buyer, delivered_order)
        return_reject(return_request=requested, actor=desk, reason="Too late")
    published.clear()

    with capture_commits(execute=True), pytest.raises(ReturnError):
        return_reject(return_request=requested, actor=desk, reason="Again")

    assert published == []


@pytest.fixture
def agent(db):
    return StaffUserFactory(staff_groups=[StaffGroup.SUPPORT])


@pytest.fixture
def support_request(company, buyer):
    sla_targets()
    team()
    return new_request(company=company, user=buyer)


def test_an_agents_public_reply_publishes(
    company, agent, support_request, published, capture_commits
):
    with capture_commits(execute=True):
        message = agent_reply(
            support_request=support_request, author=agent, body="Restart it."
        )

    [(event, sent_company, data)] = published
    assert (event, sent_company) == ("support.request_replied", company)
    assert data == {
        "request_number": support_request.number,
        "message_id": message.pk,
        "status": "in_progress",
        "replied_at": timestamp(message.created_at),
        "url": f"{BASE}/portal/support/requests/{support_request.number}/",
    }


def test_an_internal_note_publishes_nothing(
    agent, support_request, published, capture_commits
):
    with capture_commits(execute=True):
        agent_reply(
            support_request=support_request,
            author=agent,
            body="Old firmware, don't tell them",
            internal=True,
        )

    assert published == []


@pytest.fixture
def capture_commits(django_capture_on_commit_callbacks):
    return django_capture_on_commit_callbacks


@pytest.fixture
def _invoices(db):
    from orders.models import Invoice

    yield
    for invoice in Invoice.objects.all():
        invoice.pdf.delete(save=False)


@pytest.mark.usefixtures("_invoices")
@pytest.mark.parametrize("approve", [True, False], ids=["approved", "rejected"])
def test_a_decided_approval_publishes_the_orders_new_status(
    company, buyer, bolts, published, capture_commits, approve
):
    CompanyAccountFactory(company=company)
    BudgetFactory(company=company, buyer=buyer, monthly_amount="1")
    address = DeliveryAddressFactory(company=company)
    approver = MembershipFactory(company=company, role=Role.APPROVER)
    with capture_commits(execute=True):
        approval = checkout_place(
            basket=basket_create(user=buyer, company=company, lines=[(bolts, 2)]),
            user=buyer,
            company=company,
            address_id=address.pk,
            po_number="",
            cost_centre="",
            payment_method="account",
        ).approval
    assert published == []

    with capture_commits(execute=True):
        decided = approval_decide(
            approval=approval,
            user=approver.user,
            membership=approver,
            approve=approve,
            comment="" if approve else "Too much",
        )

    [(event, sent_company, data)] = published
    assert (event, sent_company) == ("order.status_changed", company)
    number = decided.order.number if approve else None
    assert data == {
        "order_number": number,
        "approval_id": approval.pk,
        "old_status": "Awaiting approval",
        "status": "Pending" if approve else "Rejected",
        "changed_at": timestamp(decided.decided_at),
        "url": (
            f"{BASE}/portal/orders/{number}/"
            if approve
            else f"{BASE}/portal/orders/approvals/{approval.pk}/"
        ),
    }
