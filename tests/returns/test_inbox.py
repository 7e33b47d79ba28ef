"""Returns in the inbox: the customer's returns to send back agree with the
returns list filtered to "Label issued"; the desk's with the desk's queue."""

from django.contrib.auth.models import Group

from partner_portal.permissions import StaffGroup
from returns.models import ReturnRequest
from tests.factories import MembershipFactory, UserFactory
from tests.inbox_data import returns_in

TASKS = "/portal/tasks/"
Status = ReturnRequest.Status


def _counts(client, user):
    client.force_login(user)
    sections = client.get(TASKS).context["sections"]
    return {s.source.key: s.count for s in sections if s.source.key.startswith("ret")}


def _page_total(client, user, url):
    client.force_login(user)
    return client.get(url).context["page_obj"].paginator.count


def test_returns_to_send_back_agree_with_the_filtered_returns_list(
    client, company, buyer, procurement, other_company, other_buyer, bolts
):
    returns_in(
        company=company,
        buyer=buyer,
        count=3,
        status=Status.LABEL_ISSUED,
        products=[bolts],
    )
    returns_in(
        company=company, buyer=buyer, count=2, status=Status.REQUESTED, products=[bolts]
    )
    returns_in(
        company=other_company,
        buyer=other_buyer,
        count=4,
        status=Status.LABEL_ISSUED,
        products=[bolts],
    )
    listed = "/portal/returns/?status=label_issued"

    assert _counts(client, buyer) == {"returns.send_back": 3}
    assert _page_total(client, buyer, listed) == 3
    # Procurement sees every return of the company, and so the task.
    assert _counts(client, procurement) == {"returns.send_back": 3}
    assert _page_total(client, procurement, listed) == 3


def test_a_colleagues_return_is_not_a_buyers_task(client, company, buyer, bolts):
    colleague = MembershipFactory(company=company, role="buyer").user
    returns_in(
        company=company,
        buyer=colleague,
        count=2,
        status=Status.LABEL_ISSUED,
        products=[bolts],
    )

    assert _counts(client, buyer) == {"returns.send_back": 0}
    assert _counts(client, colleague) == {"returns.send_back": 2}


def test_the_desks_count_agrees_with_the_desk_queue(
    client, company, other_company, buyer, other_buyer, bolts
):
    desk = UserFactory(email="returns@portal.example")
    desk.groups.add(Group.objects.get_or_create(name=StaffGroup.RETURNS_DESK)[0])
    returns_in(
        company=company, buyer=buyer, count=2, status=Status.REQUESTED, products=[bolts]
    )
    returns_in(
        company=other_company,
        buyer=other_buyer,
        count=1,
        status=Status.RECEIVED,
        products=[bolts],
    )
    returns_in(
        company=company,
        buyer=buyer,
        count=3,
        status=Status.LABEL_ISSUED,
        products=[bolts],
        tag="x",
    )

    assert _counts(client, desk) == {"returns.desk": 3}
    assert _page_total(client, desk, "/portal/returns/desk/") == 3
