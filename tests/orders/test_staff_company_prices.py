"""Sales staff keep a company's own prices and its credit on the portal's
staff pages; each change is recorded with who made it and shown on the
company's staff page. Support staff and members change nothing."""

from decimal import Decimal

import pytest
from django.urls import reverse

from orders.models import CompanyAccount, CompanyPrice
from partner_portal.permissions import StaffGroup
from partner_portal.staff_changes import StaffChange
from tests.factories import StaffUserFactory
from tests.helpers import snapshot


@pytest.fixture
def sales(db):
    return StaffUserFactory(email="sam@portal.example", staff_groups=[StaffGroup.SALES])


def _prices_url(company):
    return reverse("orders:staff_company_prices", kwargs={"company_pk": company.pk})


def _changes(company):
    return [
        (
            change.actor.email if change.actor else change.note,
            change.field,
            change.old_value,
            change.new_value,
        )
        for change in StaffChange.objects.for_company(company).order_by("pk")
    ]


def test_sales_adds_a_price_by_sku_and_it_is_recorded(client, sales, company, gloves):
    client.force_login(sales)

    response = client.post(_prices_url(company), {"sku": "glove-l-10", "price": "7.5"})

    assert response.status_code == 302
    price = CompanyPrice.objects.get(company=company)
    assert (price.product, price.price) == (gloves, Decimal("7.50"))
    assert _changes(company) == [("sam@portal.example", "price", "", "7.50")]


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"sku": "NOPE-1", "price": "7.50"}, "sku", "No product has the SKU NOPE-1."),
        (
            {"sku": "BOLT-M8-100", "price": "-1"},
            "price",
            "Ensure this value is greater than or equal to 0.00.",
        ),
        ({"sku": "BOLT-M8-100", "price": "abc"}, "price", "Enter a number."),
    ],
)
def test_bad_input_is_shown_again_with_the_reason(
    client, sales, company, bolts, data, field, message
):
    client.force_login(sales)
    before = snapshot(CompanyPrice, StaffChange)

    response = client.post(_prices_url(company), data)

    assert response.status_code == 400
    assert response.context["form"].errors[field] == [message]
    assert f'value="{data["price"]}"' in response.text
    assert snapshot(CompanyPrice, StaffChange) == before


def test_sales_changes_and_removes_a_price(client, sales, company, acme_bolt_price):
    client.force_login(sales)
    kwargs = {"company_pk": company.pk, "pk": acme_bolt_price.pk}
    old = f"{acme_bolt_price.price:.2f}"

    client.post(
        reverse("orders:staff_company_price_edit", kwargs=kwargs), {"price": "9.99"}
    )
    acme_bolt_price.refresh_from_db()
    changed = acme_bolt_price.price
    client.post(reverse("orders:staff_company_price_delete", kwargs=kwargs))

    assert changed == Decimal("9.99")
    assert not CompanyPrice.objects.filter(company=company).exists()
    assert _changes(company) == [
        ("sam@portal.example", "price", old, "9.99"),
        ("sam@portal.example", "price", "9.99", ""),
    ]


def test_another_companys_price_is_not_found_through_this_company(
    client, sales, company, other_company, bolts
):
    theirs = CompanyPrice.objects.create(
        company=other_company, product=bolts, price=Decimal("1.00")
    )
    client.force_login(sales)

    response = client.post(
        reverse(
            "orders:staff_company_price_delete",
            kwargs={"company_pk": company.pk, "pk": theirs.pk},
        )
    )

    assert response.status_code == 404
    assert CompanyPrice.objects.filter(pk=theirs.pk).exists()


def test_sales_sets_the_credit_limit_and_terms(client, sales, company, account):
    client.force_login(sales)
    old_limit = f"{account.credit_limit:.2f}"
    old_terms = str(account.payment_terms_days)

    response = client.post(
        reverse("orders:staff_company_account", kwargs={"company_pk": company.pk}),
        {"credit_limit": "2500", "payment_terms_days": "14"},
    )

    assert response.status_code == 302
    account = CompanyAccount.objects.get(company=company)
    assert (account.credit_limit, account.payment_terms_days) == (Decimal("2500"), 14)
    assert sorted(_changes(company)) == sorted(
        [
            ("sam@portal.example", "credit_limit", old_limit, "2500.00"),
            ("sam@portal.example", "payment_terms_days", old_terms, "14"),
        ]
    )


def test_support_staff_cannot_change_prices(client, company, gloves):
    client.force_login(StaffUserFactory(staff_groups=[StaffGroup.SUPPORT]))
    before = snapshot(CompanyPrice, StaffChange)

    response = client.post(_prices_url(company), {"sku": "GLOVE-L-10", "price": "1"})

    assert response.status_code == 403
    assert snapshot(CompanyPrice, StaffChange) == before


def test_the_company_page_shows_who_changed_what(client, sales, company, gloves):
    client.force_login(sales)
    client.post(_prices_url(company), {"sku": "GLOVE-L-10", "price": "7.50"})

    response = client.get(
        reverse("partner_portal:staff_company_edit", kwargs={"pk": company.pk})
    )

    history = response.text.split('id="history"')[1]
    assert "sam@portal.example" in history
    assert "Company price" in history
    assert "7.50" in history
    assert _prices_url(company) in response.text
