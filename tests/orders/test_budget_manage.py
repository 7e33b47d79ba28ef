"""Company admins set monthly budgets for their colleagues on the budget page;
nobody else may, and never for someone outside the company."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from orders.models import Budget
from orders.services import budget_set
from tests.factories.orders import BudgetFactory
from tests.helpers import assert_cross_company_404, messages_of, snapshot

BUDGETS = reverse("orders:budgets")


@pytest.mark.parametrize("persona", ["buyer", "approver", "procurement"])
def test_only_company_admins_may_open_the_budget_page(client, request, persona):
    client.force_login(request.getfixturevalue(persona))

    response = client.get(BUDGETS)

    assert response.status_code == 403


@pytest.mark.parametrize("persona", ["buyer", "approver", "procurement"])
def test_members_without_budget_rights_cannot_set_a_budget(
    client, request, buyer, persona
):
    client.force_login(request.getfixturevalue(persona))

    response = client.post(
        BUDGETS, {"buyer": buyer.pk, "cost_centre": "", "monthly_amount": "99999"}
    )

    assert response.status_code == 403
    assert Budget.objects.count() == 0


def test_company_admin_sets_a_budget_for_a_colleague(client, company_admin, buyer):
    client.force_login(company_admin)

    response = client.post(
        BUDGETS, {"buyer": buyer.pk, "cost_centre": "CC-1", "monthly_amount": "500"}
    )

    assert response.status_code == 302
    assert response.url == BUDGETS
    assert messages_of(response) == ["The budget is saved."]
    assert list(
        Budget.objects.values_list(
            "company__slug", "buyer__email", "cost_centre", "monthly_amount"
        )
    ) == [("acme", "buyer@acme.example", "CC-1", Decimal("500.00"))]


def test_setting_a_budget_again_changes_it(client, company, company_admin, buyer):
    BudgetFactory(company=company, buyer=buyer, monthly_amount=Decimal("100"))
    client.force_login(company_admin)

    client.post(BUDGETS, {"buyer": buyer.pk, "monthly_amount": "250"})

    assert list(Budget.objects.values_list("cost_centre", "monthly_amount")) == [
        ("", Decimal("250.00"))
    ]


def test_budget_page_lists_the_companys_budgets_only(
    client, company, other_company, company_admin, buyer, other_buyer
):
    mine = BudgetFactory(company=company, buyer=buyer, monthly_amount=Decimal("100"))
    BudgetFactory(company=other_company, buyer=other_buyer)
    client.force_login(company_admin)

    response = client.get(BUDGETS)

    assert response.status_code == 200
    assert [use.budget for use in response.context["uses"]] == [mine]
    assert "buyer@globex.example" not in response.text


def test_budget_for_a_colleague_of_another_company_is_refused(
    client, company_admin, other_buyer
):
    client.force_login(company_admin)

    response = client.post(BUDGETS, {"buyer": other_buyer.pk, "monthly_amount": "500"})

    assert response.status_code == 400
    assert response.context["form"].errors == {
        "buyer": [
            f"Select a valid choice. {other_buyer.pk} is not one of the available "
            "choices."
        ]
    }
    assert Budget.objects.count() == 0


def test_the_budget_service_refuses_a_user_of_another_company(company, other_buyer):
    with pytest.raises(ValidationError) as error:
        budget_set(
            company=company,
            buyer_id=other_buyer.pk,
            cost_centre="",
            monthly_amount=Decimal("10"),
        )

    assert error.value.messages == ["Choose a colleague of your company."]
    assert Budget.objects.count() == 0


def test_a_negative_budget_is_refused(client, company_admin, buyer):
    client.force_login(company_admin)

    response = client.post(BUDGETS, {"buyer": buyer.pk, "monthly_amount": "-1"})

    assert response.status_code == 400
    assert response.context["form"].errors == {
        "monthly_amount": ["Ensure this value is greater than or equal to 0."]
    }
    assert Budget.objects.count() == 0


def test_company_admin_removes_a_budget(client, company, company_admin, buyer):
    budget = BudgetFactory(company=company, buyer=buyer)
    client.force_login(company_admin)

    response = client.post(reverse("orders:budget_delete", args=[budget.pk]))

    assert response.status_code == 302
    assert messages_of(response) == [
        "The budget was removed; the buyer has no limit now."
    ]
    assert Budget.objects.count() == 0


def test_another_company_cannot_remove_a_budget(client, company, buyer):
    budget = BudgetFactory(company=company, buyer=buyer)
    before = snapshot(Budget.objects.for_company(company))

    assert_cross_company_404(
        client, reverse("orders:budget_delete", args=[budget.pk]), method="post"
    )

    assert snapshot(Budget.objects.for_company(company)) == before
