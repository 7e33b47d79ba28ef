"""Staff (ERP) keys reach every company, so only a superuser issues one: in
the Django admin (the plaintext shown once on the page after the form) or with
`manage.py create_api_key --staff` (printed once). Nobody else can."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from api.models import ApiKey
from tests.api.conftest import client_with
from tests.factories.accounts import StaffUserFactory, UserFactory

ADD = "/django-admin/api/apikey/add/"
ME = "/api/v1/key/"


def _form(**overrides):
    return {
        "name": "Our ERP",
        "access": "write",
        "resources": ["orders", "returns"],
        "rate_per_minute": "600",
        **overrides,
    }


def test_a_superuser_issues_a_staff_key_in_the_admin(client, superuser):
    client.force_login(superuser)

    response = client.post(ADD, _form())

    assert response.status_code == 200
    plaintext = response.context["plaintext"]
    assert plaintext in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    key = ApiKey.objects.get()
    assert ApiKey.find(plaintext) == key
    assert (
        key.company,
        key.name,
        key.access,
        key.resources,
        key.rate_per_minute,
        key.created_by,
    ) == (None, "Our ERP", "write", ["orders", "returns"], 600, superuser)
    assert key.is_staff_key
    assert client_with(plaintext).get(ME).status_code == 200
    # The list shows the prefix, never the key again
    listing = client.get("/django-admin/api/apikey/").content.decode()
    assert key.masked in listing
    assert plaintext not in listing


def test_the_admin_form_needs_a_resource(client, superuser):
    client.force_login(superuser)

    response = client.post(ADD, _form(resources=[]))

    assert response.status_code == 200
    assert "plaintext" not in response.context
    assert list(response.context["adminform"].form.errors) == ["resources"]
    assert ApiKey.objects.count() == 0


def test_a_superuser_revokes_keys_in_the_admin(client, superuser, staff_key):
    api = staff_key()
    client.force_login(superuser)

    response = client.post(
        "/django-admin/api/apikey/",
        {"action": "revoke", "_selected_action": [api.api_key.pk]},
    )

    assert response.status_code == 302
    api.api_key.refresh_from_db()
    assert api.api_key.revoked_by == superuser
    assert api.get(ME).status_code == 401


@pytest.mark.parametrize(
    "make_user",
    [
        lambda: StaffUserFactory(is_staff=True),
        lambda: UserFactory(is_staff=True),
    ],
    ids=["staff-group-member", "is-staff-only"],
)
def test_no_one_but_a_superuser_may_issue_a_staff_key(client, db, make_user):
    client.force_login(make_user())

    assert client.get(ADD).status_code == 403
    assert client.post(ADD, _form()).status_code == 403
    assert ApiKey.objects.count() == 0


def test_a_visitor_is_sent_to_the_admin_login(client, db):
    response = client.post(ADD, _form())

    assert response.status_code == 302
    assert response.url.startswith("/django-admin/login/")
    assert ApiKey.objects.count() == 0


def test_the_command_prints_a_staff_key_once(superuser):
    out, err = StringIO(), StringIO()

    call_command(
        "create_api_key",
        "--staff",
        "--name",
        "ERP",
        "--created-by",
        superuser.email.upper(),
        "--access",
        "read",
        "--resource",
        "orders",
        stdout=out,
        stderr=err,
    )

    plaintext = out.getvalue().strip()
    key = ApiKey.objects.get()
    assert ApiKey.find(plaintext) == key
    assert (key.company, key.name, key.access, key.resources, key.created_by) == (
        None,
        "ERP",
        "read",
        ["orders"],
        superuser,
    )
    assert plaintext not in err.getvalue()
    assert key.masked in err.getvalue()
    assert client_with(plaintext).get(ME).status_code == 200


def test_the_command_gives_every_resource_by_default(superuser):
    call_command(
        "create_api_key",
        "--staff",
        "--name",
        "ERP",
        "--created-by",
        superuser.email,
        stdout=StringIO(),
        stderr=StringIO(),
    )

    key = ApiKey.objects.get()
    assert (key.access, len(key.resources)) == ("write", 9)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--name", "ERP", "--created-by", "sales@portal.example"], "Only staff keys"),
        (
            ["--staff", "--name", "ERP", "--created-by", "sales@portal.example"],
            "is not a superuser",
        ),
        (
            ["--staff", "--name", "ERP", "--created-by", "nobody@portal.example"],
            "No active user",
        ),
        (
            ["--staff", "--name", " ", "--created-by", "sales@portal.example"],
            "--name must not be empty",
        ),
    ],
    ids=["not-staff", "not-a-superuser", "unknown-user", "blank-name"],
)
def test_the_command_refuses(db, args, message):
    StaffUserFactory(email="sales@portal.example", is_staff=True)

    with pytest.raises(CommandError, match=message):
        call_command("create_api_key", *args, stdout=StringIO(), stderr=StringIO())

    assert ApiKey.objects.count() == 0
