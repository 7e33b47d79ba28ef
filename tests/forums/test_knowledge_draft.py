"""The knowledge-base team turns a solved topic into an unpublished article
draft in one click: question and answer, the forum category's audience."""

import pytest
from django.urls import reverse

from cms.models import ArticlePage
from forums.models import ModerationLog, Topic
from tests.factories.cms import knowledge_category
from tests.factories.forums import PostFactory, TopicFactory
from tests.helpers import messages_of


@pytest.fixture
def solved(partner_category, gold_partner):
    topic = TopicFactory(
        category=partner_category,
        author=gold_partner,
        title="Charger blinks red",
        body="The charger LED blinks red.",
    )
    answer = PostFactory(topic=topic, body="Clean the **contacts**.")
    Topic.objects.filter(pk=topic.pk).update(solution=answer)
    topic.refresh_from_db()
    return topic


def _draft(client, topic, category):
    return client.post(
        reverse("forums:knowledge_draft", args=[topic.pk]), {"category": category.pk}
    )


def test_a_moderator_creates_an_unpublished_draft(client, moderator, solved):
    category = knowledge_category("Service")
    client.force_login(moderator)

    response = _draft(client, solved, category)

    assert messages_of(response) == ["Draft “Charger blinks red” created in Service."]
    page = ArticlePage.objects.child_of(category).get()
    assert (page.title, page.live, page.audience) == (
        "Charger blinks red",
        False,
        "partners",
    )
    assert page.summary == "Clean the contacts."
    assert [block.block_type for block in page.body] == [
        "heading",
        "paragraph",
        "heading",
        "paragraph",
    ]
    assert "<strong>contacts</strong>" in str(page.body[3].value)
    assert page.get_latest_revision().user == moderator
    assert ModerationLog.objects.get().action == "knowledge"


def test_a_second_click_finds_the_first_draft(client, moderator, solved):
    category = knowledge_category("Service")
    client.force_login(moderator)

    _draft(client, solved, category)
    response = _draft(client, solved, category)

    assert messages_of(response)[-1] == (
        "The draft “Charger blinks red” exists already in Service."
    )
    assert ArticlePage.objects.child_of(category).count() == 1


def test_an_unsolved_topic_is_refused(client, moderator, partner_category):
    topic = TopicFactory(category=partner_category)
    category = knowledge_category("Service")
    client.force_login(moderator)

    response = _draft(client, topic, category)

    assert messages_of(response) == [
        "Only a solved topic can become a knowledge article."
    ]
    assert not ArticlePage.objects.child_of(category).exists()


def test_members_cannot_create_drafts(client, gold_partner, solved):
    category = knowledge_category("Service")
    client.force_login(gold_partner)

    assert _draft(client, solved, category).status_code == 403
    assert not ArticlePage.objects.child_of(category).exists()
