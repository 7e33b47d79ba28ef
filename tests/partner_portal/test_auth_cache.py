"""The signed-in user, memberships, staff groups and permissions come from the
cache (partner_portal.auth_cache); every change to them shows with the next
request."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partner_portal.auth_cache import cached_user, forget_users
from partner_portal.permissions import Role, StaffGroup

COMPANY = reverse("partner_portal:company")
COMPANY_EDIT = reverse("partner_portal:company_edit")
DESK = reverse("returns:desk")
AUTH_TABLES = (
    "auth_user",
    "partner_portal_membership",
    "auth_group",
    "auth_permission",
)


def _auth_queries(queries):
    return [
        q["sql"]
        for q in queries
        if any(f'FROM "{table}"' in q["sql"] for table in AUTH_TABLES)
    ]


@pytest.fixture
def signed_in(client, buyer):
    client.force_login(buyer)
    assert client.get(COMPANY).status_code == 200
    return client


def test_a_second_request_reads_no_user_membership_group_or_permission(signed_in):
    with CaptureQueriesContext(connection) as queries:
        response = signed_in.get(COMPANY)

    assert response.status_code == 200
    assert _auth_queries(queries) == []


def test_a_changed_password_ends_the_other_sessions(signed_in, buyer):
    buyer.set_password("a new secret 123")
    buyer.save()

    response = signed_in.get(COMPANY)

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_a_deactivated_user_is_out_at_once(signed_in, buyer):
    buyer.is_active = False
    buyer.save()

    assert signed_in.get(COMPANY).status_code == 302


def test_a_deactivated_membership_loses_the_company_at_once(signed_in, buyer):
    membership = buyer.memberships.get()
    membership.is_active = False
    membership.save()

    assert signed_in.get(COMPANY).status_code != 200


def test_a_deactivated_company_loses_access_at_once(signed_in, company):
    company.is_active = False
    company.save()

    assert signed_in.get(COMPANY).status_code != 200


def test_a_new_role_shows_at_once(signed_in, buyer):
    assert signed_in.get(COMPANY_EDIT).status_code == 403
    membership = buyer.memberships.get()
    membership.role = Role.COMPANY_ADMIN
    membership.save()

    assert signed_in.get(COMPANY_EDIT).status_code == 200


def test_a_new_company_name_shows_at_once(signed_in, company):
    company.name = "Acme Renamed AG"
    company.save()

    assert "Acme Renamed AG" in signed_in.get(COMPANY).text


@pytest.mark.parametrize("from_the_group_side", [False, True])
def test_a_staff_group_shows_at_once(client, user_without_company, from_the_group_side):
    client.force_login(user_without_company)
    assert client.get(DESK).status_code == 403
    group, _ = Group.objects.get_or_create(name=StaffGroup.RETURNS_DESK.value)

    if from_the_group_side:
        group.user_set.add(user_without_company)
    else:
        user_without_company.groups.add(group)
    allowed = client.get(DESK).status_code
    group.user_set.clear()

    assert allowed == 200
    assert client.get(DESK).status_code == 403


def test_a_granted_permission_shows_at_once(user_without_company):
    user = cached_user(user_without_company.pk)
    assert not user.has_perm("wagtailadmin.access_admin")
    group = Group.objects.create(name="Help writers")
    user_without_company.groups.add(group)
    group.permissions.add(Permission.objects.get(codename="access_admin"))

    assert cached_user(user_without_company.pk).has_perm("wagtailadmin.access_admin")


def test_an_entry_stored_before_a_change_is_not_used(buyer):
    cached_user(buyer.pk)
    with CaptureQueriesContext(connection) as hit:
        cached_user(buyer.pk)
    forget_users([buyer.pk])
    with CaptureQueriesContext(connection) as miss:
        user = cached_user(buyer.pk)

    assert _auth_queries(hit) == []
    assert _auth_queries(miss) != []
    assert [m.company_id for m in user._portal_memberships] == [
        buyer.memberships.get().company_id
    ]


def test_an_unknown_user_is_none(db):
    assert cached_user(987654) is None
