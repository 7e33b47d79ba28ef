"""Who may open which URL: every named URL of the portal, for a visitor, a
member of another company, a member missing the capability, and someone allowed.

A new named URL in the `partner_portal` namespace (or among the accounts URLs)
fails `test_every_named_url_is_in_the_matrix` until it has a row here. Every
denial also checks that the database did not change.
"""

from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model

from config.urls import accounts_patterns
from partner_portal.models import (
    Company,
    CompanyAddress,
    Invitation,
    Membership,
    StaffChange,
    TilePreference,
)
from partner_portal.permissions import Role, StaffGroup
from tests.factories import (
    CompanyAddressFactory,
    CompanyFactory,
    InvitationFactory,
    MembershipFactory,
    StaffUserFactory,
    UserFactory,
)
from tests.helpers import snapshot
from tests.matrix import (
    FORBIDDEN,
    GO_NO_COMPANY,
    LOGIN,
    LOGIN_URL,
    NOT_FOUND,
    OK,
    Expect,
    Row,
    matrix_tests,
)

START = "/portal/"
COLLEAGUES = "/portal/colleagues/"
COMPANY = "/portal/company/"
ADDRESS = {
    "kind": "delivery",
    "label": "Dock 2",
    "line1": "Kai 2",
    "postcode": "20457",
    "city": "Hamburg",
    "country": "DE",
}

NEW_ACCOUNT = {
    "first_name": "Nora",
    "last_name": "New",
    "password1": "a-long-unusual-passphrase-42",
    "password2": "a-long-unusual-passphrase-42",
}


MATRIX = [
    Row(
        "partner_portal:start",
        anonymous=LOGIN,
        other_company=OK,
        missing_capability=("no_company", GO_NO_COMPANY),
        allowed=("buyer", OK),
    ),
    Row(
        "partner_portal:start",
        method="post",
        data=lambda w: {"action": "hide", "tile": "colleagues"},
        anonymous=LOGIN,
        allowed=("buyer", Expect(302, f"{START}?customise=1", changes=True)),
    ),
    Row(
        "partner_portal:tile",
        kwargs=lambda w: {"key": "company"},
        anonymous=LOGIN,
        other_company=OK,
        missing_capability=("no_company", GO_NO_COMPANY),
        allowed=("buyer", OK),
    ),
    # A tile the user may not see (buyers have no approvals) is not there.
    Row(
        "partner_portal:tile",
        kwargs=lambda w: {"key": "orders.approvals"},
        missing_capability=("buyer", NOT_FOUND),
        allowed=("admin", OK),
        label="-capability",
    ),
    Row(
        "partner_portal:no_company",
        anonymous=LOGIN,
        other_company=Expect(302, START),
        allowed=("no_company", OK),
    ),
    Row(
        "partner_portal:tasks",
        anonymous=LOGIN,
        other_company=OK,
        missing_capability=("no_company", GO_NO_COMPANY),
        allowed=("buyer", OK),
    ),
    Row("partner_portal:tasks", allowed=("sales", OK), label="-staff"),
    Row(
        "partner_portal:company",
        anonymous=LOGIN,
        other_company=OK,
        missing_capability=("no_company", GO_NO_COMPANY),
        allowed=("buyer", OK),
    ),
    Row(
        "partner_portal:company_edit",
        anonymous=LOGIN,
        other_company=OK,
        missing_capability=("buyer", FORBIDDEN),
        allowed=("admin", OK),
    ),
    Row(
        "partner_portal:company_edit",
        method="post",
        data=lambda w: {"vat_id": "DE999999999", "email": "", "phone": ""},
        anonymous=LOGIN,
        missing_capability=("buyer", FORBIDDEN),
        allowed=("admin", Expect(302, COMPANY, changes=True)),
    ),
    Row(
        "partner_portal:company_address_create",
        anonymous=LOGIN,
        other_company=OK,
        missing_capability=("buyer", FORBIDDEN),
        allowed=("admin", OK),
    ),
    Row(
        "partner_portal:company_address_create",
        method="post",
        data=lambda w: ADDRESS,
        anonymous=LOGIN,
        missing_capability=("buyer", FORBIDDEN),
        allowed=("admin", Expect(302, COMPANY, changes=True)),
    ),
    Row(
        "partner_portal:company_address_edit",
        kwargs=lambda w: {"pk": w.address.pk},
        anonymous=LOGIN,
        other_company=NOT_FOUND,
        missing_capability=("buyer", FORBIDDEN),
        allowed=("admin", OK),
    ),
    Row(
        "partner_portal:company_address_edit",
        method="post",
        kwargs=lambda w: {"pk": w.address.pk},
        data=lambda w: ADDRESS,
        anonymous=LOGIN,
        other_company=NOT_FOUND,
        missing_capability=("buyer", FORBIDDEN),
        allowed=("admin", Expect(302, COMPANY, changes=True)),
    ),
    Row(
        "partner_portal:company_address_delete",
        method="post",
        kwargs=lambda w: {"pk": w.address.pk},
        anonymous=LOGIN,
        other_company=NOT_FOUND,
        missing_capability=("buyer", FORBIDDEN),
        allowed=("admin", Expect(302, COMPANY, changes=True)),
    ),
    Row(
        "partner_portal:company_address_default",
        method="post",
        kwargs=lambda w: {"pk": w.delivery.pk},
        anonymous=LOGIN,
        other_company=NOT_FOUND,
        missing_capability=("buyer", FORBIDDEN),
        allowed=("admin", Expect(302, COMPANY, changes=True)),
    ),
    Row(
        "partner_portal:company_switch",
        method="post",
        data=lambda w: {"company": w.company.pk},
        anonymous=Expect(302, LOGIN_URL),
        # Refused with a message; the session keeps Globex.
        other_company=Expect(302, START),
        allowed=("buyer", Expect(302, START)),
    ),
    Row(
        "partner_portal:colleagues",
        anonymous=LOGIN,
        other_company=OK,
        missing_capability=("no_company", GO_NO_COMPANY),
        allowed=("buyer", OK),
    ),
    Row(
        "partner_portal:colleagues",
        method="post",
        data=lambda w: {"email": "colleague@example.com", "role": Role.BUYER},
        anonymous=LOGIN,
        # Members without members.manage are sent back with a message.
        missing_capability=("buyer", Expect(302, COLLEAGUES)),
        allowed=("admin", Expect(302, COLLEAGUES, changes=True)),
    ),
    Row(
        "partner_portal:membership_update",
        kwargs=lambda w: {"pk": w.buyer_membership.pk},
        anonymous=LOGIN,
        other_company=NOT_FOUND,
        missing_capability=("buyer", FORBIDDEN),
        allowed=("admin", OK),
    ),
    Row(
        "partner_portal:membership_update",
        method="post",
        kwargs=lambda w: {"pk": w.buyer_membership.pk},
        data=lambda w: {"role": Role.APPROVER, "is_active": "on"},
        anonymous=LOGIN,
        other_company=NOT_FOUND,
        missing_capability=("buyer", FORBIDDEN),
        allowed=("admin", Expect(302, COLLEAGUES, changes=True)),
    ),
    Row(
        "partner_portal:invitation_revoke",
        method="post",
        kwargs=lambda w: {"pk": w.invitation.pk},
        anonymous=LOGIN,
        other_company=NOT_FOUND,
        missing_capability=("buyer", FORBIDDEN),
        allowed=("admin", Expect(302, COLLEAGUES, changes=True)),
    ),
    # The invitation link is public: its token is the credential.
    Row(
        "partner_portal:invitation_accept",
        kwargs=lambda w: {"token": w.invitation.token},
        anonymous=OK,
        other_company=OK,
    ),
    Row(
        "partner_portal:invitation_accept",
        method="post",
        kwargs=lambda w: {"token": w.invitation.token},
        data=lambda w: NEW_ACCOUNT,
        anonymous=Expect(302, START, changes=True),
        # Logged in with another email: refused.
        other_company=Expect(410),
        label="-new-account",
    ),
    Row(
        "partner_portal:invitation_accept",
        method="post",
        kwargs=lambda w: {"token": w.invitation_for_nobody.token},
        allowed=("no_company", Expect(302, START, changes=True)),
        label="-existing-account",
    ),
    Row(
        "partner_portal:partner_area",
        anonymous=LOGIN,
        other_company=FORBIDDEN,
        missing_capability=("buyer", FORBIDDEN),
        allowed=("partner_admin", OK),
    ),
    # Company figures: company admins and procurement, each of their own company.
    Row(
        "partner_portal:figures",
        anonymous=LOGIN,
        other_company=OK,
        missing_capability=("buyer", FORBIDDEN),
        allowed=("admin", OK),
    ),
    Row(
        "partner_portal:figures_export",
        anonymous=LOGIN,
        other_company=OK,
        missing_capability=("buyer", FORBIDDEN),
        allowed=("admin", OK),
    ),
    Row(
        "partner_portal:staff_companies",
        anonymous=LOGIN,
        other_company=FORBIDDEN,
        missing_capability=("admin", FORBIDDEN),
        allowed=("staff", OK),
    ),
    Row(
        "partner_portal:staff_company_edit",
        kwargs=lambda w: {"pk": w.company.pk},
        anonymous=LOGIN,
        other_company=FORBIDDEN,
        # Support staff: not the sales team's page.
        missing_capability=("staff", FORBIDDEN),
        allowed=("sales", OK),
    ),
    Row(
        "partner_portal:staff_company_edit",
        kwargs=lambda w: {"pk": w.company.pk},
        missing_capability=("buyer", FORBIDDEN),
        allowed=("root", OK),
        label="-buyer-and-superuser",
    ),
    Row(
        "partner_portal:staff_company_edit",
        method="post",
        kwargs=lambda w: {"pk": w.company.pk},
        data=lambda w: {
            "name": "Acme Renamed",
            "kind": "customer",
            "partner_tier": "",
            "is_active": "on",
            "contact_person": "",
        },
        anonymous=LOGIN,
        other_company=FORBIDDEN,
        missing_capability=("staff", FORBIDDEN),
        allowed=(
            "sales",
            Expect(302, lambda w: f"/portal/staff/companies/{w.company.pk}/", True),
        ),
    ),
    Row("login", anonymous=OK, other_company=Expect(302, START)),
    Row(
        "logout",
        method="post",
        anonymous=Expect(302, LOGIN_URL),
        allowed=("buyer", Expect(302, LOGIN_URL)),
    ),
    Row("logout", allowed=("buyer", Expect(405))),
    Row("partner_portal:profile", anonymous=LOGIN, allowed=("buyer", OK)),
    Row(
        "partner_portal:profile",
        method="post",
        data=lambda world: {"first_name": "Bruno", "last_name": "Buyer-Smith"},
        anonymous=LOGIN,
        allowed=("buyer", Expect(302, "/portal/profile/", changes=True)),
    ),
    Row("partner_portal:email_change", anonymous=LOGIN, allowed=("buyer", OK)),
    Row(
        "partner_portal:email_change",
        method="post",
        data=lambda world: {"email": "new@acme.example", "password": "wrong"},
        anonymous=LOGIN,
        allowed=("buyer", Expect(400)),
    ),
    Row("password_change", anonymous=LOGIN, allowed=("buyer", OK)),
    Row("password_change_done", anonymous=LOGIN, allowed=("buyer", OK)),
    Row("password_reset", anonymous=OK, allowed=("buyer", OK)),
    Row("password_reset_done", anonymous=OK),
    Row(
        "password_reset_confirm",
        kwargs=lambda w: {"uidb64": "MQ", "token": "not-a-token"},
        anonymous=OK,
    ),
    Row("password_reset_complete", anonymous=OK),
    Row("healthz", anonymous=OK, other_company=OK),
]


@pytest.fixture
def world(db):
    """Acme (customer) with an admin and a buyer; Globex's admin; a distributor's
    admin; a staff user; a user without company; two open invitations to Acme."""
    company = CompanyFactory(name="Acme Industrial GmbH")
    admin = MembershipFactory(company=company, role=Role.COMPANY_ADMIN).user
    buyer_membership = MembershipFactory(company=company, role=Role.BUYER)
    no_company = UserFactory(email="nobody@example.com")
    return SimpleNamespace(
        company=company,
        buyer_membership=buyer_membership,
        address=CompanyAddressFactory(company=company),
        delivery=CompanyAddressFactory(
            company=company, kind=CompanyAddress.Kind.DELIVERY, label="Dock"
        ),
        invitation=InvitationFactory(company=company, email="new@example.com"),
        invitation_for_nobody=InvitationFactory(
            company=company, email="nobody@example.com"
        ),
        users={
            "anonymous": None,
            "admin": admin,
            "buyer": buyer_membership.user,
            "other_admin": MembershipFactory(role=Role.COMPANY_ADMIN).user,
            "partner_admin": MembershipFactory(
                company=CompanyFactory(distributor=True), role=Role.COMPANY_ADMIN
            ).user,
            "staff": StaffUserFactory(),
            "sales": StaffUserFactory(staff_groups=[StaffGroup.SALES]),
            "root": UserFactory(is_superuser=True),
            "no_company": no_company,
        },
    )


def _database():
    return snapshot(
        get_user_model(),
        Company,
        CompanyAddress,
        Membership,
        Invitation,
        TilePreference,
        StaffChange,
    )


(
    test_access,
    test_every_named_url_is_in_the_matrix,
    test_every_row_has_an_expectation,
) = matrix_tests(
    MATRIX,
    "partner_portal",
    database=lambda world: _database(),
    extra={pattern.name for pattern in accounts_patterns} | {"healthz"},
)
