"""The start page shows open offers, requests and expiring contracts; sales
see the open requests. The offers list costs the same number of queries for
2 or 40 offers."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from contracts import services
from tests.factories.contracts import contract_create, offer_sent_create

START = reverse("partner_portal:start")


def _tiles(response, prefix="contracts."):
    return {
        tile.key: context
        for tile, context in response.context["tiles"]
        if tile.key.startswith(prefix)
    }


def test_open_offers_and_requests_are_on_the_start_page(
    client, company, company_admin, buyer, sales
):
    offer = offer_sent_create(company=company, sales=sales, title="Open")
    services.offer_request_create(company=company, user=buyer, message="More bolts")
    client.force_login(company_admin)

    tile = _tiles(client.get(START))["contracts.offers"]

    assert tile["count"] == 1
    assert tile["secondary"] == 1
    assert tile["secondary_label"] == "requested"
    assert tile["links"][0][1] == reverse("contracts:offer_detail", args=[offer.pk])


def test_expiring_contracts_are_on_the_start_page(client, company, company_admin):
    today = timezone.localdate()
    soon = contract_create(
        company=company, title="Soon", end_date=today + timedelta(days=30)
    )
    contract_create(
        company=company, title="Later", end_date=today + timedelta(days=300)
    )
    client.force_login(company_admin)

    tile = _tiles(client.get(START))["contracts.contracts"]

    assert tile["count"] == 1
    assert tile["secondary"] == 2
    assert tile["links"] == [
        (
            f"{soon.number} ends on {soon.end_date:%m/%d/%Y}",
            reverse("contracts:contract_detail", args=[soon.pk]),
        )
    ]


def test_a_buyer_sees_offers_but_no_contracts_tile(client, buyer):
    client.force_login(buyer)

    assert set(_tiles(client.get(START))) == {"contracts.offers"}


def test_sales_see_the_open_requests(client, company, buyer, sales):
    services.offer_request_create(company=company, user=buyer, message="Quote")
    client.force_login(sales)

    tile = _tiles(client.get(START))["contracts.staff_requests"]

    assert tile["count"] == 1


def _list_queries(client):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("contracts:offers"))
    assert response.status_code == 200
    return len(captured)


def test_the_offers_list_does_not_grow_with_offers(
    client, company, company_admin, sales, page_cache_off
):
    offer_sent_create(company=company, sales=sales)
    client.force_login(company_admin)
    _list_queries(client)
    few = _list_queries(client)
    offer = offer_sent_create(company=company, sales=sales, title="Copy")
    # Many more offers, cheaply: copies of the sent one.
    from contracts.models import Offer, OfferVersion

    version = offer.latest_sent
    for index in range(38):
        copy = Offer.objects.create(
            company=company,
            number=f"COPY-{index}",
            title="Copy",
            created_by=sales,
            status=Offer.Status.SENT,
        )
        copied = OfferVersion.objects.create(
            offer=copy, number=1, status="sent", valid_until=version.valid_until
        )
        copy.latest_sent = copied
        copy.save(update_fields=["latest_sent"])

    # The frame's caches again, emptied by the writes, as before `few`
    _list_queries(client)
    assert _list_queries(client) == few
