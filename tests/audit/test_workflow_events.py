"""Decisions on a company's workflows are in its trail: approvals of orders
and service requests, offers sent, accepted and declined, returns approved
or rejected, and forum moderation of its members. A refused decision
records nothing."""

import pytest

from audit.actions import Action
from audit.verify import verify_chains
from contracts.services import OfferError, offer_accept, offer_decline
from forums.services import member_suspend, post_reject, suspension_lift
from orders.services.approvals import approval_decide
from orders.services.checkout import checkout_place
from partner_portal.permissions import Role, StaffGroup
from returns.services import ReturnError, return_approve, return_reject
from support.services import request_approve
from tests.audit.helpers import entries
from tests.factories import MembershipFactory, StaffUserFactory
from tests.factories.contracts import line, offer_sent_create, sales_user_create
from tests.factories.forums import PostFactory, forum_moderator
from tests.factories.orders import (
    BudgetFactory,
    CompanyAccountFactory,
    DeliveryAddressFactory,
    basket_create,
)
from tests.partner_portal.test_events import _return, delivered_order  # noqa: F401
from tests.support.conftest import approval_service, it_team  # noqa: F401
from tests.support.helpers import new_request


@pytest.fixture(autouse=True)
def _private_files(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }


@pytest.mark.parametrize("approve", [True, False], ids=["approved", "rejected"])
def test_an_order_approval_is_recorded(company, buyer, bolts, approve):
    CompanyAccountFactory(company=company)
    BudgetFactory(company=company, buyer=buyer, monthly_amount="1")
    address = DeliveryAddressFactory(company=company)
    approver = MembershipFactory(company=company, role=Role.APPROVER)
    approval = checkout_place(
        basket=basket_create(user=buyer, company=company, lines=[(bolts, 2)]),
        user=buyer,
        company=company,
        address_id=address.pk,
        po_number="",
        cost_centre="",
        payment_method="account",
    ).approval

    decided = approval_decide(
        approval=approval,
        user=approver.user,
        membership=approver,
        approve=approve,
        comment="" if approve else "Too much",
    )

    [entry] = entries(company, "order.approved" if approve else "order.rejected")
    assert entry.actor == approver.user
    assert (entry.object_type, entry.object_id) == (
        "orders.orderapproval",
        str(approval.pk),
    )
    assert entry.data == {
        "order_number": decided.order.number if approve else None,
        "comment": "" if approve else "Too much",
    }


def test_a_return_approved_and_one_rejected_are_recorded(
    company,
    buyer,
    delivered_order,  # noqa: F811
):
    desk = StaffUserFactory(
        email="desk@portal.example", staff_groups=[StaffGroup.RETURNS_DESK]
    )
    first = _return(company, buyer, delivered_order)
    return_approve(return_request=first, actor=desk, issue_label=False)

    [approved] = entries(company, Action.RETURN_APPROVED)
    assert (approved.actor_email, approved.object_id) == (
        "desk@portal.example",
        str(first.pk),
    )
    with pytest.raises(ReturnError):
        return_reject(return_request=first, actor=desk, reason="Too late")
    assert entries(company, Action.RETURN_REJECTED) == []


@pytest.fixture
def sales(db):
    return sales_user_create(email="sales@portal.example")


def test_an_offer_sent_and_accepted_is_recorded(company, company_admin, sales, bolts):
    offer = offer_sent_create(
        company=company, sales=sales, lines=[line(product=bolts, sku="BOLT-M8-100")]
    )

    offer_accept(
        company=company,
        offer_id=offer.pk,
        version_number=1,
        user=company_admin,
        typed_name=company_admin.get_full_name(),
        terms_accepted=True,
        ip_address=None,
        user_agent="",
    )

    [sent] = entries(company, Action.OFFER_SENT)
    assert sent.actor_email == "sales@portal.example"
    assert set(sent.data) == {"version", "total_net", "total_gross"}
    [accepted] = entries(company, Action.OFFER_ACCEPTED)
    assert accepted.actor == company_admin
    assert (accepted.object_type, accepted.object_id) == (
        "contracts.offer",
        str(offer.pk),
    )
    assert accepted.data["version"] == 1
    # The offer's price went into the company's price list: recorded too.
    assert [e.data["changes"]["price"][0] for e in entries(company, "price.changed")]
    assert verify_chains() == []


def test_a_declined_offer_is_recorded_and_a_second_decision_is_not(
    company, company_admin, sales
):
    offer = offer_sent_create(company=company, sales=sales)

    offer_decline(
        company=company,
        offer_id=offer.pk,
        version_number=1,
        user=company_admin,
        reason="Too expensive",
    )
    with pytest.raises(OfferError):
        offer_decline(
            company=company,
            offer_id=offer.pk,
            version_number=1,
            user=company_admin,
            reason="Again",
        )

    [declined] = entries(company, Action.OFFER_DECLINED)
    assert declined.data == {"version": 1, "reason": "Too expensive"}


def test_a_service_request_approval_is_recorded(
    company,
    buyer,
    approver,
    approval_service,  # noqa: F811
):
    support_request = new_request(company=company, user=buyer, service=approval_service)

    request_approve(support_request=support_request, user=approver, approve=True)

    [entry] = entries(company, Action.SUPPORT_APPROVED)
    assert entry.actor == approver
    assert entry.object_id == str(support_request.pk)


def test_forum_moderation_of_a_member_goes_to_their_companys_trail(
    company, other_company, buyer
):
    moderator = forum_moderator(email="mo@portal.example")
    post = PostFactory(author=buyer, body="Buy cheap bolts elsewhere")

    post_reject(moderator=moderator, post=post, reason="Advertising")
    suspension = member_suspend(
        moderator=moderator, user=buyer, days=7, reason="Advertising"
    )
    suspension_lift(moderator=moderator, suspension=suspension)

    trail = entries(company)
    assert [(e.action, e.actor_email) for e in trail] == [
        ("forum.post_rejected", "mo@portal.example"),
        ("forum.member_suspended", "mo@portal.example"),
        ("forum.suspension_lifted", "mo@portal.example"),
    ]
    assert trail[1].data == {"days": 7, "category": None, "reason": "Advertising"}
    assert entries(other_company) == []
