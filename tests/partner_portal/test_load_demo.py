"""`manage.py load_demo` builds the demo once; running it again changes nothing."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from oscar.core.loading import get_model
from wagtail.models import Page

from audit.models import AuditEntry
from audit.verify import verify_chains
from partner_portal.management.commands.load_demo import (
    DEMO_PASSWORD,
    MEMBERS,
    STAFF,
)
from partner_portal.models import Company, CompanyAddress, Membership

User = get_user_model()
Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")
Country = get_model("address", "Country")
DEMO_LOGINS = (
    [email for email, *_rest in MEMBERS]
    + [email for email, *_rest in STAFF]
    + ["tina@northwind.example", "publisher@portal.example", "root@portal.example"]
)


def counts():
    return {
        "users": User.objects.count(),
        "companies": Company.objects.count(),
        "addresses": CompanyAddress.objects.count(),
        "memberships": Membership.objects.count(),
        "pages": Page.objects.count(),
        "products": Product.objects.count(),
        "stock records": StockRecord.objects.count(),
        "countries": Country.objects.count(),
        "groups": Group.objects.count(),
    }


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=StringIO())


def test_load_demo_twice_changes_nothing(demo):
    # Given the demo was loaded once
    first = counts()
    assert min(first.values()) > 0, first

    # When it is loaded again
    call_command("load_demo", stdout=StringIO())

    # Then nothing was added
    assert counts() == first


def test_load_demo_ends_by_printing_the_logins(db):
    output = StringIO()

    call_command("load_demo", stdout=output)

    output = output.getvalue()
    assert f"All demo users have the password: {DEMO_PASSWORD}" in output
    table = output.split("Demo data is ready.")[1]
    assert [email for email in DEMO_LOGINS if email not in table] == []
    assert len(DEMO_LOGINS) == 15


def test_load_demo_keeps_its_mails_out_of_the_console(db, capsys, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

    call_command("load_demo", stdout=StringIO())

    assert "Subject:" not in capsys.readouterr().out


def test_every_demo_login_works_with_the_demo_password(client, demo):
    assert DEMO_PASSWORD == "portal-demo-2026"
    for email in DEMO_LOGINS:
        response = client.post(
            reverse("login"), {"username": email, "password": DEMO_PASSWORD}
        )

        assert (response.status_code, response.get("Location")) == (302, "/portal/"), (
            email
        )
        assert client.session["_auth_user_id"] == str(User.objects.get(email=email).pk)
        client.post(reverse("logout"))


def test_demo_builds_its_companies_and_members_with_their_roles(demo):
    # Other apps' demo modules may add more; these are the foundation's own.
    assert set(Company.objects.values_list("slug", flat=True)) >= {
        "acme",
        "globex",
        "northwind",
        "contoso",
    }
    assert {
        (m.user.email, m.company.slug, m.role)
        for m in Membership.objects.select_related("user", "company")
    } >= {(email, slug, role) for email, _first, _last, slug, role in MEMBERS}


def test_demo_partner_admin_sees_the_partner_area(client, demo):
    client.force_login(User.objects.get(email="partner@northwind.example"))

    response = client.get(reverse("partner_portal:partner_area"))

    assert response.status_code == 200
    assert "Northwind Traders" in response.text


def test_the_demo_fills_audit_trails_that_verify(demo):
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    before = AuditEntry.objects.count()

    call_command("load_demo", stdout=StringIO())

    assert {"offer.accepted", "return.approved", "invitation.accepted"} <= actions
    assert AuditEntry.objects.count() == before
    assert verify_chains() == []
