"""The Django admin is for superusers only: staff of every group get 403 on
each admin page (they keep prices and companies on the portal's staff pages);
visitors are asked to log in."""

import pytest
from django.urls import reverse

from orders.models import CompanyPrice
from partner_portal.permissions import StaffGroup
from tests.factories import CompanyFactory, StaffUserFactory, UserFactory

ADMIN_PAGES = [
    "/django-admin/",
    "/django-admin/orders/companyprice/",
    "/django-admin/orders/companyprice/add/",
    "/django-admin/partner_portal/company/",
    "/django-admin/login/",
]


@pytest.mark.parametrize(
    "group", [StaffGroup.SALES, StaffGroup.SUPPORT, StaffGroup.RETURNS_DESK]
)
@pytest.mark.parametrize("url", ADMIN_PAGES)
def test_staff_get_403_on_every_admin_page(client, db, group, url):
    client.force_login(StaffUserFactory(staff_groups=[group], is_staff=True))

    assert client.get(url).status_code == 403


def test_staff_cannot_add_a_company_price_through_the_admin(client, db):
    client.force_login(StaffUserFactory(staff_groups=[StaffGroup.SALES]))
    company = CompanyFactory()

    response = client.post(
        "/django-admin/orders/companyprice/add/",
        {"company": company.pk, "product": "1", "price": "1.00"},
    )

    assert response.status_code == 403
    assert not CompanyPrice.objects.exists()


@pytest.mark.parametrize("url", ADMIN_PAGES[:4])
def test_a_superuser_opens_the_admin(client, db, url):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))

    assert client.get(url).status_code == 200


def test_a_visitor_is_sent_to_the_admin_login(client, db):
    response = client.get("/django-admin/")

    assert response.status_code == 302
    assert response.url == f"{reverse('admin:login')}?next=/django-admin/"
