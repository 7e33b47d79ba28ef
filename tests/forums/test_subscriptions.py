"""Subscribers get a mail for each published reply (after the commit, via
django-tasks), not for their own posts, not for posts waiting in the queue,
and not when they may no longer see the category."""

import pytest
from django.core import mail
from django.urls import reverse

from forums.models import Subscription
from forums.services import post_approve, post_create, topic_create


@pytest.fixture
def topic(member, open_category):
    return topic_create(
        user=member, category=open_category, title="Torque", body="Which torque?"
    )


def test_the_starter_is_subscribed_and_mailed_on_a_reply(
    gold_partner, member, topic, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        reply = post_create(user=gold_partner, topic=topic, body="25 Nm, dry.")

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["buyer@acme.example"]
    assert message.subject == "New reply in “Torque”"
    assert "Nils Northwind replied in “Torque”:" in message.body
    assert "25 Nm, dry." in message.body
    assert f"/portal/forums/t/{topic.pk}/#post-{reply.pk}" in message.body


def test_no_mail_for_own_posts_or_posts_in_the_queue(
    member, newcomer, moderator, topic, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post_create(user=member, topic=topic, body="Bump")
        waiting = post_create(user=newcomer, topic=topic, body="New here")

    assert mail.outbox == []

    with django_capture_on_commit_callbacks(execute=True):
        post_approve(moderator=moderator, post=waiting)

    assert [m.to for m in mail.outbox] == [["buyer@acme.example"]]


def test_no_mail_to_subscribers_who_can_no_longer_see_the_category(
    gold_partner, silver_partner, topic, django_capture_on_commit_callbacks
):
    Subscription.objects.create(topic=topic, user=silver_partner)
    topic.category.audience = "gold"
    topic.category.save()

    with django_capture_on_commit_callbacks(execute=True):
        post_create(user=gold_partner, topic=topic, body="Gold only now")

    assert mail.outbox == []


def test_subscribe_toggle(client, gold_partner, topic):
    client.force_login(gold_partner)
    url = reverse("forums:subscription", args=[topic.pk])

    client.post(url)
    assert Subscription.objects.filter(user=gold_partner, topic=topic).exists()
    client.post(url)
    assert not Subscription.objects.filter(user=gold_partner, topic=topic).exists()
