"""Company admins keep their company's details and addresses up to date in the
portal; buyers only read them; another company's address is not found; a bad
value shows the form again with what was typed. Inviting preselects the
least powerful role, and someone already in another company joins the second
one on accepting and keeps the first."""

import pytest
from django.urls import reverse

from partner_portal.models import CompanyAddress, Invitation, Membership
from partner_portal.permissions import Role
from partner_portal.services import invitation_accept
from tests.factories import CompanyAddressFactory, InvitationFactory

ADDRESS = {
    "kind": "delivery",
    "label": "Dock 2",
    "line1": "Kai 2",
    "line2": "",
    "postcode": "20457",
    "city": "Hamburg",
    "country": "de",
}


def test_admin_edits_the_company_details(client, company, company_admin):
    client.force_login(company_admin)

    response = client.post(
        reverse("partner_portal:company_edit"),
        {"vat_id": "DE123456789", "email": "orders@acme.example", "phone": "+49 40 1"},
    )

    company.refresh_from_db()
    assert response.status_code == 302
    assert (company.vat_id, company.email, company.phone) == (
        "DE123456789",
        "orders@acme.example",
        "+49 40 1",
    )


def test_a_bad_email_shows_the_form_again_and_saves_nothing(
    client, company, company_admin
):
    client.force_login(company_admin)
    before = company.email

    response = client.post(
        reverse("partner_portal:company_edit"),
        {"vat_id": "DE1", "email": "not-an-address", "phone": ""},
    )

    company.refresh_from_db()
    assert response.status_code == 400
    assert 'value="not-an-address"' in response.content.decode()
    assert company.email == before
    assert company.vat_id != "DE1"


def test_admin_adds_changes_and_deletes_an_address(client, company, company_admin):
    client.force_login(company_admin)

    client.post(reverse("partner_portal:company_address_create"), ADDRESS)
    address = CompanyAddress.objects.for_company(company).get(label="Dock 2")
    client.post(
        reverse("partner_portal:company_address_edit", args=[address.pk]),
        {**ADDRESS, "city": "Bremen", "postcode": "28195"},
    )
    address.refresh_from_db()
    changed = (address.kind, address.city, address.postcode, address.country)
    client.post(reverse("partner_portal:company_address_delete", args=[address.pk]))

    assert changed == ("delivery", "Bremen", "28195", "DE")
    assert not CompanyAddress.objects.filter(pk=address.pk).exists()


def test_an_address_without_street_is_shown_again(client, company, company_admin):
    client.force_login(company_admin)

    response = client.post(
        reverse("partner_portal:company_address_create"), {**ADDRESS, "line1": ""}
    )

    assert response.status_code == 400
    assert 'value="Hamburg"' in response.content.decode()
    assert not CompanyAddress.objects.for_company(company).exists()


def test_another_companys_address_is_not_found(client, company_admin, other_company):
    theirs = CompanyAddressFactory(company=other_company, city="Köln")
    client.force_login(company_admin)

    edit = client.post(
        reverse("partner_portal:company_address_edit", args=[theirs.pk]), ADDRESS
    )
    delete = client.post(
        reverse("partner_portal:company_address_delete", args=[theirs.pk])
    )

    theirs.refresh_from_db()
    assert (edit.status_code, delete.status_code) == (404, 404)
    assert theirs.city == "Köln"


def test_a_buyer_reads_the_company_page_without_edit_buttons(client, buyer):
    client.force_login(buyer)

    page = client.get(reverse("partner_portal:company")).content.decode()
    edit = client.get(reverse("partner_portal:company_edit"))

    assert 'id="edit-company"' not in page
    assert 'id="add-address"' not in page
    assert edit.status_code == 403


def test_the_invitation_form_preselects_the_buyer_role(client, company_admin):
    client.force_login(company_admin)

    response = client.get(reverse("partner_portal:colleagues"))

    form = response.context["invite_form"]
    assert form["role"].value() == Role.BUYER
    assert form["role"].value() != Role.COMPANY_ADMIN


def test_someone_of_another_company_joins_the_second_and_keeps_the_first(
    company, company_admin, other_buyer, other_company
):
    invitation = InvitationFactory(
        company=company, email=other_buyer.email, role=Role.BUYER
    )

    invitation_accept(
        invitation=Invitation.objects.get(pk=invitation.pk), user=other_buyer
    )

    assert set(
        Membership.objects.filter(user=other_buyer, is_active=True).values_list(
            "company", flat=True
        )
    ) == {company.pk, other_company.pk}


@pytest.mark.parametrize("name", ["company_edit", "company_address_create"])
def test_anonymous_visitors_are_sent_to_login(db, client, name):
    response = client.get(reverse(f"partner_portal:{name}"))

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
