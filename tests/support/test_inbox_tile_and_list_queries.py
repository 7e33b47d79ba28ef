"""The inbox's service desk entries count what the request list shows with
the same filter; the start page tile counts the member's open requests; the
request list and My tasks cost the same number of queries for 10 and 10,000
requests."""

import pytest
from django.db import connection
from django.test.client import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from partner_portal.inbox import sources_for
from support.models import Status, SupportRequest
from support.tiles import _open_requests
from tests.support.helpers import new_request, set_status


def _request_for(user, company):
    from partner_portal.selectors import membership_current

    request = RequestFactory().get("/portal/")
    request.user = user
    request.membership = membership_current(user=user)
    request.company = company
    return request


def _source(request, key):
    return next(s for s in sources_for(request) if s.key == key)


def test_approvals_in_the_inbox_agree_with_the_list(
    client, company, buyer, approver, approval_service
):
    for _ in range(2):
        new_request(company=company, user=buyer, service=approval_service)
    new_request(company=company, user=approver, service=approval_service)
    source = _source(_request_for(approver, company), "support.approvals")
    client.force_login(approver)

    page = client.get(source.url(None))

    assert source.count(_request_for(approver, company)) == 2
    assert page.context["page_obj"].paginator.count == 2
    assert len(source.items(_request_for(approver, company), 5)) == 2


def test_a_buyer_has_no_approval_source(company, buyer):
    keys = [s.key for s in sources_for(_request_for(buyer, company))]

    assert "support.approvals" not in keys
    assert "support.waiting" in keys


def test_requests_waiting_for_my_reply_agree_with_the_list(
    client, company, buyer, approver, desk_team
):
    mine = new_request(company=company, user=buyer)
    set_status(mine, Status.WAITING, waiting_since=timezone.now())
    new_request(company=company, user=buyer)
    colleagues = new_request(company=company, user=approver)
    set_status(colleagues, Status.WAITING, waiting_since=timezone.now())
    request = _request_for(buyer, company)
    source = _source(request, "support.waiting")
    client.force_login(buyer)

    page = client.get(source.url(request))

    assert source.count(request) == 1
    assert [r.number for r in page.context["requests"]] == [mine.number]
    assert [item.url for item in source.items(request, 5)] == [
        reverse("support:detail", args=[mine.number])
    ]


def test_the_tile_counts_my_open_requests(company, buyer, approver, desk_team):
    new_request(company=company, user=buyer)
    done = new_request(company=company, user=buyer)
    set_status(done, Status.CLOSED)
    new_request(company=company, user=approver)

    context = _open_requests(_request_for(buyer, company))

    assert context["count"] == 1


def _make(company, users, team, count):
    SupportRequest.objects.bulk_create(
        SupportRequest(
            company=company,
            number=f"REQ-Q-{n:06d}",
            subject=f"Request {n}",
            requester=users[n % len(users)],
            team=team,
        )
        for n in range(count)
    )


@pytest.mark.parametrize("many", [10_000])
def test_the_request_list_stays_flat(
    client, company, buyer, approver, desk_team, laptop_service, many
):
    users = [buyer, approver]
    _make(company, users, desk_team, 10)
    client.force_login(buyer)
    client.get(reverse("support:list"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("support:list"))
    SupportRequest.objects.all().delete()
    _make(company, users, desk_team, many)
    # The frame's caches again, emptied by the writes, as before `few`
    client.get(reverse("support:list"))

    with CaptureQueriesContext(connection) as lots:
        response = client.get(reverse("support:list"))

    assert len(response.context["requests"]) == 25
    assert len(lots) == len(few)


def test_my_tasks_stay_flat(client, company, buyer, approver, desk_team):
    users = [buyer, approver]
    _make(company, users, desk_team, 10)
    SupportRequest.objects.update(status=Status.WAITING, waiting_since=timezone.now())
    client.force_login(buyer)
    client.get(reverse("partner_portal:tasks"))
    with CaptureQueriesContext(connection) as few:
        first = client.get(reverse("partner_portal:tasks"))
    SupportRequest.objects.all().delete()
    _make(company, users, desk_team, 10_000)
    SupportRequest.objects.update(status=Status.WAITING, waiting_since=timezone.now())
    # The frame's caches again, emptied by the writes, as before `few`
    client.get(reverse("partner_portal:tasks"))

    with CaptureQueriesContext(connection) as lots:
        response = client.get(reverse("partner_portal:tasks"))

    assert first.status_code == response.status_code == 200
    # Half of them are the buyer's own, waiting for their reply
    assert 'data-count="5000"' in response.content.decode()
    assert len(lots) == len(few)
