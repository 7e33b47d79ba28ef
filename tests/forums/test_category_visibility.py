"""Who sees which category: the audience rule. A category the reader may not
see answers 404, and so do its topics, posts, images and posting into it."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from forums.models import Post, PostImage, Topic
from tests.factories.forums import PostFactory, TopicFactory
from tests.helpers import snapshot


@pytest.fixture
def service_topic(partner_category, gold_partner):
    return TopicFactory(
        category=partner_category, author=gold_partner, title="Charger blinks red"
    )


def _names(response):
    return [category.name for category in response.context["categories"]]


def test_customer_sees_signed_in_categories_only(
    client, member, open_category, partner_category, gold_category
):
    client.force_login(member)

    response = client.get(reverse("forums:index"))

    assert response.status_code == 200
    assert "Fasteners" in _names(response)
    assert "Service & repair" not in _names(response)
    assert "Gold lounge" not in _names(response)


@pytest.mark.parametrize(
    ("persona", "sees_gold"), [("silver_partner", False), ("gold_partner", True)]
)
def test_partners_see_partner_categories_and_gold_by_tier(
    client, request, persona, sees_gold, open_category, partner_category, gold_category
):
    client.force_login(request.getfixturevalue(persona))

    names = _names(client.get(reverse("forums:index")))

    assert "Fasteners" in names
    assert "Service & repair" in names
    assert ("Gold lounge" in names) is sees_gold


def test_staff_moderator_sees_every_category(
    client, moderator, open_category, partner_category, gold_category
):
    client.force_login(moderator)

    names = _names(client.get(reverse("forums:index")))

    assert {"Fasteners", "Service & repair", "Gold lounge"} <= set(names)


@pytest.mark.parametrize(
    "url",
    [
        lambda t: reverse("forums:category", args=[t.category.slug]),
        lambda t: reverse("forums:topic_create", args=[t.category.slug]),
        lambda t: reverse("forums:topic", args=[t.pk]),
        lambda t: reverse("forums:post_edit", args=[t.posts.get().pk]),
        lambda t: reverse("forums:post_history", args=[t.posts.get().pk]),
    ],
    ids=["category", "new-topic", "topic", "edit", "history"],
)
def test_pages_of_a_partner_category_answer_404_to_a_customer(
    client, member, service_topic, url
):
    client.force_login(member)

    assert client.get(url(service_topic)).status_code == 404


def test_posting_into_a_hidden_category_answers_404_and_creates_nothing(
    client, member, service_topic
):
    client.force_login(member)
    before = snapshot(Topic, Post)

    new_topic = client.post(
        reverse("forums:topic_create", args=[service_topic.category.slug]),
        {"title": "Sneaky", "body": "Hello partners"},
    )
    reply = client.post(
        reverse("forums:reply", args=[service_topic.pk]), {"body": "Hello partners"}
    )
    flag = client.post(
        reverse("forums:post_flag", args=[service_topic.posts.get().pk]),
        {"reason": "spam"},
    )

    assert (new_topic.status_code, reply.status_code, flag.status_code) == (
        404,
        404,
        404,
    )
    assert snapshot(Topic, Post) == before


def test_image_of_a_partner_post_answers_404_to_a_customer(
    client, member, gold_partner, service_topic
):
    image = PostImage(
        post=service_topic.posts.get(),
        content_type="image/png",
        width=1,
        height=1,
        size=3,
    )
    image.image.save("a.png", ContentFile(b"png"), save=True)

    client.force_login(gold_partner)
    assert client.get(reverse("forums:image", args=[image.pk])).status_code == 200
    client.force_login(member)
    assert client.get(reverse("forums:image", args=[image.pk])).status_code == 404


def test_search_finds_nothing_in_categories_the_reader_may_not_see(
    client, member, open_category, service_topic
):
    TopicFactory(category=open_category, title="Charger for the drill")
    client.force_login(member)

    response = client.get(reverse("forums:search"), {"q": "charger"})

    titles = [post.topic.title for post in response.context["results"]]
    assert titles == ["Charger for the drill"]


def test_topics_waiting_for_approval_are_shown_only_to_author_and_moderators(
    client, member, newcomer, moderator, open_category
):
    topic = TopicFactory(category=open_category, author=newcomer, title="Waiting")
    Topic.objects.filter(pk=topic.pk).update(awaiting_approval=True)
    topic.posts.update(status=Post.Status.PENDING, approved_at=None)
    url = reverse("forums:topic", args=[topic.pk])

    client.force_login(member)
    assert client.get(url).status_code == 404
    client.force_login(newcomer)
    assert client.get(url).status_code == 200
    client.force_login(moderator)
    assert client.get(url).status_code == 200


def test_user_without_company_goes_to_the_no_company_page(client, user_without_company):
    client.force_login(user_without_company)

    response = client.get(reverse("forums:index"))

    assert response.status_code == 302
    assert response.url == "/portal/no-company/"


def test_visible_reply_count_in_topic_list(client, member, open_category):
    topic = TopicFactory(category=open_category, title="Counted")
    PostFactory(topic=topic)
    PostFactory(topic=topic, status=Post.Status.PENDING, approved_at=None)
    client.force_login(member)

    response = client.get(reverse("forums:category", args=["fasteners"]))

    assert [(t.title, t.reply_count) for t in response.context["topics"]] == [
        ("Counted", 2)
    ]
