"""Sales staff keep a company's master data on its staff page, reached from
the staff company list; each changed field is recorded with who changed it.
Bad input is shown again with the reason and changes nothing."""

import pytest
from django.urls import reverse

from partner_portal.models import Company
from partner_portal.permissions import StaffGroup
from partner_portal.staff_changes import StaffChange
from tests.factories import StaffUserFactory
from tests.helpers import snapshot


@pytest.fixture
def sales(db):
    return StaffUserFactory(email="sam@portal.example", staff_groups=[StaffGroup.SALES])


def _url(company):
    return reverse("partner_portal:staff_company_edit", kwargs={"pk": company.pk})


def _form(company, **overrides):
    return {
        "name": company.name,
        "kind": company.kind,
        "partner_tier": company.partner_tier,
        "is_active": "on" if company.is_active else "",
        "contact_person": "",
        **overrides,
    }


def test_the_staff_list_links_each_company_to_its_page_for_sales(
    client, sales, company
):
    client.force_login(sales)

    response = client.get(reverse("partner_portal:staff_companies"))

    assert f'href="{_url(company)}"' in response.text


def test_support_staff_see_the_list_without_edit_links(client, company):
    client.force_login(StaffUserFactory(staff_groups=[StaffGroup.SUPPORT]))

    response = client.get(reverse("partner_portal:staff_companies"))

    assert response.status_code == 200
    assert _url(company) not in response.text


def test_sales_makes_a_customer_a_gold_distributor_and_it_is_recorded(
    client, sales, company
):
    client.force_login(sales)

    response = client.post(
        _url(company),
        _form(
            company, kind="distributor", partner_tier="gold", contact_person=sales.pk
        ),
    )

    assert response.status_code == 302
    company.refresh_from_db()
    assert (company.kind, company.partner_tier, company.contact_person) == (
        "distributor",
        "gold",
        sales,
    )
    changes = StaffChange.objects.for_company(company).order_by("field")
    assert [(c.actor, c.field, c.old_value, c.new_value) for c in changes] == [
        (sales, "contact_person", "", "sam@portal.example"),
        (sales, "kind", "customer", "distributor"),
        (sales, "partner_tier", "", "gold"),
    ]
    page = client.get(_url(company)).text
    assert "sam@portal.example" in page.split('id="history"')[1]


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"kind": "customer", "partner_tier": "gold"},
            "partner_tier",
            "Only distributors and franchisees have a partner tier.",
        ),
        ({"name": "   "}, "name", "This field is required."),
    ],
)
def test_bad_input_is_shown_again_and_nothing_changes(
    client, sales, company, overrides, field, message
):
    client.force_login(sales)
    before = snapshot(Company, StaffChange)

    response = client.post(_url(company), _form(company, **overrides))

    assert response.status_code == 400
    assert response.context["form"].errors[field] == [message]
    assert snapshot(Company, StaffChange) == before


def test_saving_without_changes_records_nothing(client, sales, company):
    client.force_login(sales)

    client.post(_url(company), _form(company))

    assert not StaffChange.objects.exists()


def test_an_unknown_company_is_404(client, sales, db):
    client.force_login(sales)

    response = client.get(
        reverse("partner_portal:staff_company_edit", kwargs={"pk": 999999})
    )

    assert response.status_code == 404
