"""What a company admin changes (colleagues, invitations, API keys,
webhooks) and what our staff change on a company (prices, credit) is in the
company's trail, with the actor and the object."""

from decimal import Decimal

import pytest
from django.test import RequestFactory

from api.models import ApiKey
from api.webhooks.services import (
    endpoint_create,
    endpoint_delete,
    endpoint_secret_rotate,
)
from audit.context import _current_request
from audit.verify import verify_chains
from orders.services.company_prices import company_price_delete, company_price_set
from partner_portal.models import Membership
from partner_portal.permissions import ApiResource, Role
from partner_portal.services import (
    invitation_accept,
    invitation_create,
    invitation_revoke,
    membership_update,
)
from tests.audit.helpers import entries, summary


@pytest.fixture
def admin_request(company_admin):
    """A request of the company admin from 203.0.113.20, as the middleware
    makes it known to the services."""
    request = RequestFactory().post("/", REMOTE_ADDR="203.0.113.20")
    request.user = company_admin
    token = _current_request.set(request)
    yield request
    _current_request.reset(token)


def test_an_invitation_sent_revoked_and_accepted_is_recorded(
    company, company_admin, admin_request
):
    invitation = invitation_create(
        company=company,
        invited_by=company_admin,
        email="New@Acme.example",
        role=Role.BUYER,
        base_url="https://portal.example",
    )
    invitation_revoke(invitation=invitation)
    second = invitation_create(
        company=company,
        invited_by=company_admin,
        email="second@acme.example",
        role=Role.APPROVER,
        base_url="https://portal.example",
    )
    membership = invitation_accept(
        invitation=second, first_name="Sam", last_name="Second", password="x-9!kq2Lm"
    )

    trail = entries(company)
    assert [summary(e) for e in trail] == [
        (
            "invitation.created",
            "admin@acme.example",
            "203.0.113.20",
            "partner_portal.invitation",
            str(invitation.pk),
        ),
        (
            "invitation.revoked",
            "admin@acme.example",
            "203.0.113.20",
            "partner_portal.invitation",
            str(invitation.pk),
        ),
        (
            "invitation.created",
            "admin@acme.example",
            "203.0.113.20",
            "partner_portal.invitation",
            str(second.pk),
        ),
        (
            "invitation.accepted",
            "second@acme.example",
            "203.0.113.20",
            "partner_portal.membership",
            str(membership.pk),
        ),
    ]
    assert trail[0].data == {"email": "new@acme.example", "role": "buyer"}
    assert verify_chains() == []


def test_a_role_change_and_a_deactivation_are_recorded(
    company, company_admin, buyer, admin_request
):
    membership = Membership.objects.get(user=buyer, company=company)

    membership_update(
        membership=membership,
        acting_user=company_admin,
        role=Role.APPROVER,
        is_active=False,
    )

    role_changed, deactivated = entries(company)
    assert (role_changed.action, role_changed.data) == (
        "member.role_changed",
        {"old": "buyer", "new": "approver"},
    )
    assert deactivated.action == "member.deactivated"
    assert deactivated.object_id == str(membership.pk)
    assert deactivated.actor == company_admin


def test_an_unchanged_membership_records_nothing(company, company_admin, buyer):
    membership = Membership.objects.get(user=buyer, company=company)

    membership_update(
        membership=membership,
        acting_user=company_admin,
        role=Role.BUYER,
        is_active=True,
    )

    assert entries(company) == []


def test_api_keys_issued_and_revoked_are_recorded(
    company, company_admin, admin_request
):
    key, _plaintext = ApiKey.issue(
        company=company,
        name="ERP",
        access=ApiKey.Access.READ,
        resources=[ApiResource.ORDERS],
        created_by=company_admin,
    )
    key.revoke(by=company_admin)
    key.revoke(by=company_admin)

    created, revoked = entries(company)
    assert summary(created) == (
        "api_key.created",
        "admin@acme.example",
        "203.0.113.20",
        "api.apikey",
        str(key.pk),
    )
    assert created.data == {"access": "read", "resources": ["orders"]}
    assert revoked.action == "api_key.revoked"


def test_webhooks_added_renewed_and_deleted_are_recorded(
    settings, company, company_admin, admin_request
):
    settings.PORTAL_WEBHOOKS_ALLOW_PRIVATE_URLS = True
    endpoint = endpoint_create(
        company=company,
        user=company_admin,
        url="https://93.184.215.14/hooks/audit",
        events=["order.status_changed"],
    )
    endpoint_pk = endpoint.pk
    endpoint_secret_rotate(endpoint=endpoint)
    endpoint_delete(endpoint=endpoint)

    trail = entries(company)
    assert [(e.action, e.object_id) for e in trail] == [
        ("webhook.created", str(endpoint_pk)),
        ("webhook.secret_rotated", str(endpoint_pk)),
        ("webhook.deleted", str(endpoint_pk)),
    ]
    assert trail[0].data == {
        "url": "https://93.184.215.14/hooks/audit",
        "events": ["order.status_changed"],
    }
    assert endpoint.secret not in str([e.data for e in trail])


def test_a_company_price_changed_by_staff_is_recorded(company, bolts, staff_user):
    company_price_set(
        company=company, product=bolts, price=Decimal("16.5"), actor=staff_user
    )
    company_price_set(
        company=company, product=bolts, price=Decimal("15.00"), actor=staff_user
    )
    company_price_delete(company=company, product=bolts, actor=staff_user)

    trail = entries(company)
    assert [e.action for e in trail] == ["price.changed"] * 3
    assert [e.data["changes"]["price"] for e in trail] == [
        ["", "16.50"],
        ["16.50", "15.00"],
        ["15.00", ""],
    ]
    assert trail[0].actor_email == "sales@portal.example"
    assert (trail[0].object_type, trail[0].object_id) == (
        "company price",
        str(bolts.pk),
    )


def test_setting_the_same_price_again_records_nothing(company, bolts, staff_user):
    company_price_set(
        company=company, product=bolts, price=Decimal("16.50"), actor=staff_user
    )

    company_price_set(
        company=company, product=bolts, price=Decimal("16.50"), actor=staff_user
    )

    assert len(entries(company)) == 1
