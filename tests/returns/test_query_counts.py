"""The returns list costs the same number of SQL queries, at most 20, for 10
as for 300 returns (`make bench` shows it at 10,000 orders)."""

from copy import copy

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from returns.models import ReturnRequest
from tests.inbox_data import returns_in

LIST = reverse("returns:list")


def _queries(client):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(LIST)
    assert response.status_code == 200
    return len(captured), response


def test_the_returns_list_does_not_grow_with_the_returns(
    client, company, procurement, bolts, page_cache_off
):
    # Given ten returns of the company
    returns_in(
        company=company,
        buyer=procurement,
        count=10,
        status=ReturnRequest.Status.REQUESTED,
        products=[bolts],
    )
    client.force_login(procurement)
    client.get(LIST)  # the session and the frame's caches
    few, _response = _queries(client)

    # When there are three hundred
    like = ReturnRequest.objects.for_company(company).first()
    clones = []
    for index in range(290):
        clone = copy(like)
        clone.pk = None
        clone.number = f"R-BULK-{index:04d}"
        clone.submission_key = f"bulk-{index}"
        clones.append(clone)
    ReturnRequest.objects.bulk_create(clones)
    # The frame's caches again, emptied by the writes, as before `few`
    client.get(LIST)
    many, response = _queries(client)

    # Then the page costs the same, and no more than 20 queries
    assert response.context["page_obj"].paginator.count == 300
    assert many == few
    assert many <= 20
