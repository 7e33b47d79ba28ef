"""Every staff role lands on work to do: support sees the orders waiting to be
processed, the moderator the queue (and no empty "Staff tools" tile), editors
and publishers the pages awaiting their review and the knowledge report."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from cms.models import NewsPage, SearchMiss
from partner_portal.permissions import StaffGroup
from tests.factories import StaffUserFactory, UserFactory
from tests.factories.cms import news_index
from tests.factories.orders import order_place


def _tiles(client, user):
    client.force_login(user)
    response = client.get(reverse("partner_portal:start"))
    return {tile.key: context for tile, context in response.context["tiles"]}


@pytest.fixture
def editor(db):
    user = UserFactory(email="editor@portal.example")
    user.groups.add(Group.objects.get(name=StaffGroup.CONTENT_EDITOR.value))
    return user


@pytest.fixture
def publisher(db):
    user = UserFactory(email="publisher@portal.example")
    user.groups.add(Group.objects.get(name=StaffGroup.CONTENT_EDITOR.value))
    user.groups.add(Group.objects.get(name="Content approver"))
    return user


def test_support_sees_the_orders_waiting_to_be_processed(client, company, buyer, bolts):
    waiting = order_place(user=buyer, company=company, lines=[(bolts, 1)])
    waiting.status = "Pending"
    waiting.save(update_fields=["status"])
    started = order_place(user=buyer, company=company, lines=[(bolts, 2)])
    started.status = "Processing"
    started.save(update_fields=["status"])
    support = StaffUserFactory(staff_groups=[StaffGroup.SUPPORT])

    tiles = _tiles(client, support)

    queue = tiles["orders.support_queue"]
    assert queue["count"] == 1
    assert [str(number) for number, _url in queue["links"]] == [str(waiting.number)]
    assert "cms.review" not in tiles


def test_the_moderator_gets_the_queue_and_no_empty_staff_tools(db, client):
    moderator = StaffUserFactory(
        staff_groups=[StaffGroup.FORUM_MODERATOR], is_staff=False
    )

    tiles = _tiles(client, moderator)

    assert "forums.queue" in tiles
    assert "staff.tools" not in tiles
    assert "orders.support_queue" not in tiles


def test_the_publisher_sees_the_page_awaiting_review_and_the_report(
    client, home, editor, publisher
):
    page = news_index().add_child(
        instance=NewsPage(title="Price list 2027", intro="Soon", live=False)
    )
    page.save_revision(user=editor)
    page.get_workflow().start(page, editor)
    SearchMiss.objects.create(query="torque table", language_code="en")

    publisher_tiles = _tiles(client, publisher)
    editor_tiles = _tiles(client, editor)

    review = publisher_tiles["cms.review"]
    assert review["count"] == 1
    assert [title for title, _url in review["links"]] == ["Price list 2027"]
    assert publisher_tiles["cms.knowledge_report"]["count"] == 1
    assert editor_tiles["cms.review"]["count"] == 0
    assert "cms.knowledge_report" in editor_tiles
