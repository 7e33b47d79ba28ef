"""My tasks (/portal/tasks/): one section per source the user may act on, with
its count and first items; nothing of another company; an empty state; a page
whose cost does not grow with the rows behind it; the start-page tile."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partner_portal.permissions import StaffGroup
from returns.models import ReturnRequest
from tests.factories import UserFactory
from tests.factories.cms import home_page
from tests.factories.contracts import sales_user_create
from tests.inbox_data import (
    content_approver_user,
    courses,
    forum_moderator_user,
    pages_in_review,
    pending_approvals,
    posts_waiting,
    returns_in,
    sent_offers,
)

TASKS = "/portal/tasks/"
LABEL_ISSUED = ReturnRequest.Status.LABEL_ISSUED
# This helper's sources; other apps (the service desk) add their own.
SOURCES = {
    "orders.approvals",
    "contracts.offers",
    "returns.send_back",
    "returns.desk",
    "cms.trainings",
    "cms.review",
    "forums.queue",
}


def _sections(client, user):
    client.force_login(user)
    response = client.get(TASKS)
    assert response.status_code == 200
    return response, {
        section.source.key: section
        for section in response.context["sections"]
        if section.source.key in SOURCES
    }


def _staff(*groups):
    user = UserFactory(email="desk@portal.example")
    for group in groups:
        user.groups.add(Group.objects.get_or_create(name=group)[0])
    return user


def test_the_url_is_portal_tasks():
    assert reverse("partner_portal:tasks") == TASKS


def test_nothing_waiting_says_nothing_needs_you(client, buyer):
    response, sections = _sections(client, buyer)

    assert set(sections) == {"contracts.offers", "returns.send_back", "cms.trainings"}
    assert all(section.count == 0 for section in sections.values())
    assert "Nothing needs you right now." in response.content.decode()
    assert 'id="tasks-total"' not in response.content.decode()


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("buyer", {"contracts.offers", "returns.send_back", "cms.trainings"}),
        ("approver", {"orders.approvals", "returns.send_back", "cms.trainings"}),
        (
            "company_admin",
            {
                "orders.approvals",
                "contracts.offers",
                "returns.send_back",
                "cms.trainings",
            },
        ),
        ("returns_desk", {"returns.desk"}),
        ("forum_moderator", {"forums.queue"}),
        ("content_approver", {"cms.review"}),
    ],
)
def test_each_source_shows_only_to_those_who_may_act(
    client, request, company, persona, expected
):
    users = {
        "returns_desk": lambda: _staff(StaffGroup.RETURNS_DESK),
        "forum_moderator": forum_moderator_user,
        "content_approver": content_approver_user,
    }
    user = users[persona]() if persona in users else request.getfixturevalue(persona)

    _response, sections = _sections(client, user)

    assert set(sections) == expected


def test_a_signed_in_user_without_company_is_sent_to_whom_to_ask(
    client, user_without_company
):
    client.force_login(user_without_company)

    response = client.get(TASKS)

    assert response.status_code == 302
    assert response.url == reverse("partner_portal:no_company")


def test_another_companys_work_is_never_listed(
    client,
    company,
    other_company,
    company_admin,
    buyer,
    other_buyer,
    other_admin,
    bolts,
):
    sales = sales_user_create()
    mine = pending_approvals(company=company, buyer=buyer, count=2)
    theirs = pending_approvals(company=other_company, buyer=other_buyer, count=3)
    sent_offers(company=other_company, sales=sales, count=4)
    returns_in(
        company=other_company,
        buyer=other_buyer,
        count=2,
        status=LABEL_ISSUED,
        products=[bolts],
    )

    response, sections = _sections(client, company_admin)
    _other_response, other_sections = _sections(client, other_admin)

    assert sections["orders.approvals"].count == 2
    assert sections["contracts.offers"].count == 0
    assert sections["returns.send_back"].count == 0
    html = response.content.decode()
    for approval in theirs:
        assert reverse("orders:approval_detail", args=[approval.pk]) not in html
    for approval in mine:
        assert reverse("orders:approval_detail", args=[approval.pk]) in html
    assert other_sections["orders.approvals"].count == 3
    assert other_sections["contracts.offers"].count == 4
    assert other_sections["returns.send_back"].count == 2


def test_a_section_shows_its_count_five_items_and_the_modules_page(
    client, company, company_admin, buyer
):
    pending_approvals(company=company, buyer=buyer, count=7)

    response, sections = _sections(client, company_admin)

    section = sections["orders.approvals"]
    assert section.count == 7
    assert len(section.items) == 5
    assert section.url == reverse("orders:approvals")
    html = response.content.decode()
    assert "Show all 7" in html
    assert "7 tasks wait for you." in html


def _fill_member(*, company, buyer, sales, products, count, tag):
    pending_approvals(company=company, buyer=buyer, count=count)
    sent_offers(company=company, sales=sales, count=count, valid_days=count)
    returns_in(
        company=company,
        buyer=buyer,
        count=count,
        status=LABEL_ISSUED,
        products=products,
        tag=tag,
    )
    courses(count=count)


def _queries(client, user):
    client.force_login(user)
    # The page frame and Wagtail's site paths are cached after a first visit.
    client.get(TASKS)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(TASKS)
    assert response.status_code == 200
    return len(queries), response


def test_a_members_page_costs_the_same_with_10_or_50_rows_per_source(
    client, company, company_admin, buyer, bolts
):
    home_page()
    sales = sales_user_create()
    _fill_member(
        company=company, buyer=buyer, sales=sales, products=[bolts], count=10, tag="a"
    )
    few, response = _queries(client, company_admin)
    _fill_member(
        company=company, buyer=buyer, sales=sales, products=[bolts], count=40, tag="b"
    )

    many, response = _queries(client, company_admin)

    counts = {
        section.source.key: section.count
        for section in response.context["sections"]
        if section.source.key in SOURCES
    }
    assert counts == {
        "orders.approvals": 50,
        "contracts.offers": 50,
        "returns.send_back": 50,
        "cms.trainings": 50,
    }
    assert many == few
    assert many <= 40


def test_a_staff_page_costs_the_same_with_10_or_50_rows_per_source(
    client, company, buyer, bolts
):
    home_page()
    staff = content_approver_user()
    for group in (StaffGroup.RETURNS_DESK, StaffGroup.FORUM_MODERATOR):
        staff.groups.add(Group.objects.get_or_create(name=group)[0])
    editor = UserFactory(email="editor@portal.example")
    editor.groups.add(Group.objects.get(name=StaffGroup.CONTENT_EDITOR.value))
    requested = ReturnRequest.Status.REQUESTED
    returns_in(
        company=company, buyer=buyer, count=10, status=requested, products=[bolts]
    )
    posts_waiting(count=10)
    pages_in_review(count=10, editor=editor)
    few, response = _queries(client, staff)
    returns_in(
        company=company,
        buyer=buyer,
        count=40,
        status=requested,
        products=[bolts],
        tag="b",
    )
    posts_waiting(count=40)
    pages_in_review(count=40, editor=editor)

    many, response = _queries(client, staff)

    counts = {
        section.source.key: section.count
        for section in response.context["sections"]
        if section.source.key in SOURCES
    }
    assert counts == {"returns.desk": 50, "forums.queue": 50, "cms.review": 50}
    assert many == few
    assert many <= 40


def test_the_start_page_tile_shows_the_total_and_the_first_tasks(
    client, company, company_admin, buyer
):
    approvals = pending_approvals(company=company, buyer=buyer, count=2)
    client.force_login(company_admin)

    response = client.get(reverse("partner_portal:start"))

    tiles = {tile.key: context for tile, context in response.context["tiles"]}
    tile = tiles["tasks"]
    assert tile["count"] == 2
    assert [item.url for item in tile["items"]] == [
        reverse("orders:approval_detail", args=[approval.pk]) for approval in approvals
    ]
    assert tile["url"] == TASKS


def test_the_start_page_tile_says_nothing_needs_you_when_nothing_waits(client, buyer):
    client.force_login(buyer)

    response = client.get(reverse("partner_portal:start"))

    tiles = {tile.key: context for tile, context in response.context["tiles"]}
    assert tiles["tasks"]["count"] == 0
    assert tiles["tasks"]["items"] == []
    # The tile is lazy: its body comes from its own URL.
    body = client.get(reverse("partner_portal:tile", args=["tasks"]) + "?body=1")
    assert "Nothing needs you right now." in body.content.decode()


def _menu_of_tasks(client, user):
    client.force_login(user)
    response = client.get(reverse("partner_portal:profile"))
    menus = response.context["navigation"]()
    return [menu.key for menu in menus for link in menu.links if link.url == TASKS]


def test_members_find_my_tasks_under_company_and_staff_under_staff(client, buyer):
    desk = _staff(StaffGroup.RETURNS_DESK)

    assert _menu_of_tasks(client, buyer) == ["company"]
    assert _menu_of_tasks(client, desk) == ["staff"]
    assert _menu_of_tasks(client, UserFactory(email="x@example.com")) == []
