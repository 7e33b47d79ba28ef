"""Customers request an offer from scratch or from their basket; it shows up
in the sales queue; a double submit makes one request."""

import pytest
from django.core import mail
from django.urls import reverse
from oscar.core.loading import get_model

from contracts.models import OfferRequest
from tests.factories.orders import basket_create

Basket = get_model("basket", "Basket")
URL = "/portal/contracts/requests/"


def test_a_request_from_scratch_reaches_sales(
    client, company, buyer, sales, django_capture_on_commit_callbacks
):
    company.contact_person = sales
    company.save()
    client.force_login(buyer)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, {"message": "Quote 500 helmets, please"})

    assert response.status_code == 302
    offer_request = OfferRequest.objects.get()
    assert offer_request.company == company
    assert offer_request.requested_by == buyer
    assert offer_request.message == "Quote 500 helmets, please"
    assert offer_request.lines == []
    assert offer_request.status == OfferRequest.Status.OPEN
    assert [m.to for m in mail.outbox] == [["sales@portal.example"]]
    client.force_login(sales)
    queue = client.get(reverse("contracts:staff_requests"))
    assert "Quote 500 helmets, please" in queue.content.decode()


def test_a_request_from_the_basket_keeps_its_lines(client, company, buyer, bolts):
    basket_create(user=buyer, company=company, lines=[(bolts, 7)])
    client.force_login(buyer)

    client.post(URL, {"message": "Better price for these?", "from_basket": "on"})

    assert OfferRequest.objects.get().lines == [
        {
            "product_id": bolts.pk,
            "sku": "BOLT-M8-100",
            "title": "Hex bolt M8 (100)",
            "quantity": 7,
        }
    ]


def test_a_double_submit_makes_one_request(client, buyer):
    client.force_login(buyer)

    client.post(URL, {"message": "Same text"})
    client.post(URL, {"message": "Same text"})

    assert OfferRequest.objects.count() == 1


def test_an_empty_request_is_refused(client, buyer):
    client.force_login(buyer)

    response = client.post(URL, {"message": "   "})

    assert response.status_code == 400
    assert "Tell us what you need, or add lines to your basket." in (
        response.content.decode()
    )
    assert OfferRequest.objects.count() == 0


def test_sales_create_an_offer_from_a_request_with_its_basket_lines(
    client, company, buyer, sales, bolts, acme_bolt_price
):
    basket_create(user=buyer, company=company, lines=[(bolts, 3)])
    client.force_login(buyer)
    client.post(URL, {"message": "Bolts", "from_basket": "on"})
    offer_request = OfferRequest.objects.get()
    client.force_login(sales)

    response = client.post(
        reverse("contracts:staff_offer_create"),
        {
            "company": company.pk,
            "title": "Bolts",
            "language": "en",
            "request": offer_request.pk,
        },
    )

    offer = offer_request.offers.get()
    assert response.url == reverse("contracts:staff_offer_edit", args=[offer.pk])
    assert list(
        offer.versions.get().lines.values_list("product", "quantity", "unit_price")
    ) == [(bolts.pk, 3, acme_bolt_price.price)]
    offer_request.refresh_from_db()
    assert offer_request.status == OfferRequest.Status.OFFERED


@pytest.mark.parametrize("status", ["open", "offered", "closed", "all"])
def test_the_queue_filters_by_status(client, sales, status):
    client.force_login(sales)

    assert (
        client.get(reverse("contracts:staff_requests"), {"status": status}).status_code
        == 200
    )
