"""The moderators' list of suspensions: active ones first, then past ones,
with "Lift now" to end a suspension early (logged, the member told by mail).
Category moderators see and lift only suspensions in their categories; a
suspension in one category stops posting there only."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from forums.models import ModerationLog, Suspension
from forums.services import post_create
from tests.factories import UserFactory
from tests.factories.forums import TopicFactory
from tests.helpers import messages_of, snapshot

LIST = "/portal/forums/moderation/suspensions/"


def _suspend(user, *, category=None, days=3, reason="Spam", by=None, **fields):
    return Suspension.objects.create(
        user=user,
        category=category,
        until=timezone.now() + timedelta(days=days),
        reason=reason,
        by=by,
        **fields,
    )


def _lift(client, suspension):
    return client.post(reverse("forums:suspension_lift", args=[suspension.pk]))


@pytest.fixture
def category_moderator(gold_partner, partner_category):
    gold_partner.forum_moderations.create(
        category=partner_category, company=gold_partner.memberships.get().company
    )
    return gold_partner


def test_list_shows_active_suspensions_first_then_past_ones(
    client, moderator, member, newcomer, open_category
):
    later = _suspend(member, days=10, reason="Insults", by=moderator)
    sooner = _suspend(newcomer, category=open_category, days=2, by=moderator)
    expired = _suspend(member, days=-5, reason="Old")
    lifted = _suspend(
        newcomer,
        days=5,
        lifted_at=timezone.now() - timedelta(days=1),
        lifted_by=moderator,
    )
    client.force_login(moderator)

    response = client.get(LIST)

    assert response.status_code == 200
    rows = [(s.pk, s.active) for s in response.context["suspensions"]]
    assert rows == [
        (sooner.pk, True),
        (later.pk, True),
        (lifted.pk, False),
        (expired.pk, False),
    ]
    page = response.content.decode()
    assert page.count("Lift now") == 2
    assert "All categories" in page
    assert "Fasteners" in page


def test_category_moderator_sees_only_their_categories(
    client, category_moderator, member, open_category, partner_category
):
    own = _suspend(member, category=partner_category)
    _suspend(member, category=open_category)
    _suspend(member)
    client.force_login(category_moderator)

    response = client.get(LIST)

    assert [s.pk for s in response.context["suspensions"]] == [own.pk]


def test_lifting_ends_the_suspension_logs_it_and_mails_the_member(
    client, moderator, member, open_category, django_capture_on_commit_callbacks
):
    suspension = _suspend(member, category=open_category, reason="Spam links")
    client.force_login(moderator)

    with django_capture_on_commit_callbacks(execute=True):
        response = _lift(client, suspension)

    assert response.status_code == 302
    assert response.url == LIST
    suspension.refresh_from_db()
    assert suspension.lifted_by == moderator
    assert suspension.lifted_at is not None
    assert not suspension.is_active
    entry = ModerationLog.objects.get()
    assert (entry.action, entry.actor, entry.target_user, entry.category) == (
        "lift",
        moderator,
        member,
        open_category,
    )
    assert entry.reason == "Spam links"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [member.email]
    assert message.subject == "You may post in the forums again"
    assert "lifted your suspension in “Fasteners”" in message.body
    assert "http://127.0.0.1:8000/portal/forums/" in message.body
    topic = TopicFactory(category=open_category)
    assert post_create(user=member, topic=topic, body="Back").status == "visible"


def test_category_moderator_lifts_in_their_category(
    client, category_moderator, newcomer, partner_category
):
    suspension = _suspend(newcomer, category=partner_category)
    client.force_login(category_moderator)

    response = _lift(client, suspension)

    assert messages_of(response) == [
        "The suspension of Nora Newbie is lifted; they are told by mail."
    ]
    suspension.refresh_from_db()
    assert suspension.lifted_by == category_moderator


@pytest.mark.parametrize("where", ["other_category", "every_category"])
def test_category_moderator_cannot_lift_elsewhere(
    client, category_moderator, member, open_category, where
):
    category = open_category if where == "other_category" else None
    suspension = _suspend(member, category=category)
    client.force_login(category_moderator)
    before = snapshot(Suspension, ModerationLog)

    response = _lift(client, suspension)

    assert response.status_code == 404
    assert snapshot(Suspension, ModerationLog) == before
    assert mail.outbox == []


def test_a_member_cannot_see_or_lift_suspensions(client, member, newcomer):
    suspension = _suspend(newcomer)
    client.force_login(member)
    before = snapshot(Suspension, ModerationLog)

    assert client.get(LIST).status_code == 403
    assert _lift(client, suspension).status_code == 403
    assert snapshot(Suspension, ModerationLog) == before


def test_an_ended_suspension_cannot_be_lifted(client, moderator, member):
    suspension = _suspend(member, days=-1)
    client.force_login(moderator)
    before = snapshot(Suspension, ModerationLog)

    response = _lift(client, suspension)

    assert messages_of(response) == ["This suspension has ended already."]
    assert snapshot(Suspension, ModerationLog) == before


def test_a_suspension_in_one_category_stops_posting_there_only(
    member, open_category, partner_category
):
    other = TopicFactory(category=open_category)
    _suspend(member, category=partner_category)

    assert post_create(user=member, topic=other, body="Fine").status == "visible"
    _suspend(member, category=open_category, reason="Off-topic")
    with pytest.raises(ValidationError) as raised:
        post_create(user=member, topic=other, body="Again")
    assert raised.value.code == "suspended"


def test_suspending_in_one_category(client, moderator, member, open_category):
    TopicFactory(category=open_category, author=member).posts.create(
        author=member, body="x", html="x"
    )
    client.force_login(moderator)

    response = client.post(
        reverse("forums:suspend", args=[member.pk]),
        {"category": open_category.pk, "days": 2, "reason": "Off-topic"},
    )

    assert response.url == LIST
    suspension = Suspension.objects.get()
    assert (suspension.category, suspension.user) == (open_category, member)
    assert ModerationLog.objects.get().category == open_category


def test_suspension_list_is_flat_in_rows(client, moderator):
    client.force_login(moderator)

    def queries():
        client.get(LIST)
        with CaptureQueriesContext(connection) as context:
            client.get(LIST)
        return len(context.captured_queries)

    _suspend(UserFactory(), by=moderator)
    few = queries()
    for _ in range(20):
        _suspend(UserFactory(), by=moderator, lifted_by=moderator)

    assert queries() == few
