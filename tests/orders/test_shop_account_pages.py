"""Oscar's consumer account pages that the portal does not offer (address
book, Oscar's mail history, stock alerts, notifications) are not found; the
account pages the portal does offer lead to the portal's own."""

import pytest
from django.urls import reverse


@pytest.mark.parametrize(
    "path",
    [
        "/shop/accounts/addresses/",
        "/shop/accounts/addresses/add/",
        "/shop/accounts/emails/",
        "/shop/accounts/alerts/",
        "/shop/accounts/notifications/inbox/",
        "/shop/accounts/notifications/archive/",
    ],
)
def test_consumer_account_pages_are_not_found(client, buyer, path):
    client.force_login(buyer)

    response = client.get(path)

    assert response.status_code == 404


def test_a_stock_alert_cannot_be_set_through_oscars_address(client, buyer, bolts):
    from oscar.core.loading import get_model

    ProductAlert = get_model("customer", "ProductAlert")
    client.force_login(buyer)

    response = client.post(f"/shop/accounts/alerts/create/{bolts.pk}/")

    assert response.status_code == 404
    assert not ProductAlert.objects.exists()


def test_the_account_page_is_the_portals_profile(client, buyer):
    client.force_login(buyer)

    response = client.get("/shop/accounts/", follow=True)

    assert response.redirect_chain[-1][0] == reverse("partner_portal:profile")
    assert response.status_code == 200
