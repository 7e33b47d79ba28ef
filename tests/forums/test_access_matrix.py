"""Who may open which forum URL: every named URL in the `forums` namespace,
for a visitor, a member of another company (Globex, a customer: partner
categories are not theirs to see), someone missing what the URL needs, and
someone allowed.

The world: Northwind (gold distributor) with its admin, who started a topic
in the partners-only "Service & repair", and a colleague who replied with an
image and moderates that category; Acme's buyer; our forum moderator.
A new named URL fails `test_every_named_url_is_in_the_matrix` until it has a
row here. Every denial also checks that no forum data changed.
"""

import io
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image

from forums.models import (
    CategoryModerator,
    Flag,
    ModerationLog,
    Post,
    PostImage,
    PostRevision,
    Subscription,
    Suspension,
    Topic,
)
from partner_portal.permissions import Role
from tests.factories import CompanyFactory, MembershipFactory, UserFactory
from tests.factories.cms import knowledge_category
from tests.factories.forums import (
    CategoryFactory,
    PostFactory,
    TopicFactory,
    forum_moderator,
    make_trusted,
)
from tests.helpers import snapshot
from tests.matrix import (
    FORBIDDEN,
    GO_NO_COMPANY,
    LOGIN,
    NOT_FOUND,
    OK,
    Expect,
    Row,
    matrix_tests,
)

MODERATORS = "/portal/forums/moderators/"
QUEUE = "/portal/forums/moderation/"
LOG = "/portal/forums/moderation/log/"
SUSPENSIONS = "/portal/forums/moderation/suspensions/"
DONE = Expect(302, changes=True)


def _slug(world):
    return {"slug": world.partner_category.slug}


def _topic(world):
    return {"pk": world.topic.pk}


def _reply(world):
    return {"pk": world.reply.pk}


def _topic_page(world):
    return f"/portal/forums/t/{world.topic.pk}/"


def _reply_anchor(world):
    return f"/portal/forums/t/{world.topic.pk}/#post-{world.reply.pk}"


def _member_posts(persona, expect):
    """The same expectations for the pages every member may use."""
    return {
        "anonymous": LOGIN,
        "other_company": OK,
        "missing_capability": ("no_company", GO_NO_COMPANY),
        "allowed": (persona, expect),
    }


def _partner_only(allowed, *, missing=("no_company", GO_NO_COMPANY)):
    return {
        "anonymous": LOGIN,
        "other_company": NOT_FOUND,
        "missing_capability": missing,
        "allowed": allowed,
    }


def _moderators_only(allowed, *, missing=("partner_admin", FORBIDDEN)):
    return {
        "anonymous": LOGIN,
        "other_company": FORBIDDEN,
        "missing_capability": missing,
        "allowed": allowed,
    }


MATRIX = [
    Row("forums:index", **_member_posts("member", OK)),
    Row("forums:search", **_member_posts("member", OK)),
    Row(
        "forums:search",
        data=lambda w: {"q": "charger"},
        other_company=OK,
        allowed=("member", OK),
        label="-query",
    ),
    Row("forums:category", kwargs=_slug, **_partner_only(("partner_admin", OK))),
    Row(
        "forums:category",
        kwargs=_slug,
        allowed=("member", NOT_FOUND),
        label="-customer",
    ),
    Row("forums:topic_create", kwargs=_slug, **_partner_only(("colleague", OK))),
    Row(
        "forums:topic_create",
        method="post",
        kwargs=_slug,
        data=lambda w: {"title": "Spare parts", "body": "Where?", "token": "m1"},
        **_partner_only(("partner_admin", DONE)),
    ),
    Row("forums:topic", kwargs=_topic, **_partner_only(("colleague", OK))),
    Row(
        "forums:reply",
        method="post",
        kwargs=_topic,
        data=lambda w: {"body": "Thanks!", "token": "m2"},
        **_partner_only(("partner_admin", DONE)),
    ),
    Row(
        "forums:subscription",
        method="post",
        kwargs=_topic,
        **_partner_only(("colleague", Expect(302, _topic_page, changes=True))),
    ),
    Row(
        "forums:topic_moderate",
        method="post",
        kwargs=_topic,
        data=lambda w: {"action": "lock", "reason": "Done"},
        **_moderators_only(("moderator", Expect(302, _topic_page, changes=True))),
    ),
    Row(
        "forums:topic_moderate",
        method="post",
        kwargs=_topic,
        data=lambda w: {"action": "pin", "reason": ""},
        allowed=("colleague", Expect(302, _topic_page, changes=True)),
        label="-category-moderator",
    ),
    Row(
        "forums:knowledge_draft",
        method="post",
        kwargs=_topic,
        data=lambda w: {"category": w.knowledge_category.pk},
        **_moderators_only(
            ("moderator", Expect(302, _topic_page, changes=True)),
            missing=("colleague", FORBIDDEN),
        ),
    ),
    Row(
        "forums:post_edit",
        kwargs=_reply,
        **_partner_only(("colleague", OK), missing=("partner_admin", NOT_FOUND)),
    ),
    Row(
        "forums:post_edit",
        method="post",
        kwargs=_reply,
        data=lambda w: {"body": "Clean the contacts first."},
        **_partner_only(
            ("colleague", Expect(302, _reply_anchor, changes=True)),
            missing=("partner_admin", NOT_FOUND),
        ),
    ),
    Row(
        "forums:post_history",
        kwargs=_reply,
        **_partner_only(("colleague", OK), missing=("partner_admin", NOT_FOUND)),
    ),
    Row(
        "forums:post_flag",
        method="post",
        kwargs=_reply,
        data=lambda w: {"reason": "off_topic"},
        # Flagging one's own post is refused with a message.
        **_partner_only(
            ("partner_admin", Expect(302, _reply_anchor, changes=True)),
            missing=("colleague", Expect(302, _reply_anchor)),
        ),
    ),
    Row(
        "forums:solution",
        method="post",
        kwargs=_reply,
        # The reply is the solution already: the starter unmarks it.
        data=lambda w: {"clear": "1"},
        **_partner_only(
            ("partner_admin", Expect(302, _topic_page, changes=True)),
            missing=("other_partner", FORBIDDEN),
        ),
    ),
    Row(
        "forums:post_moderate",
        method="post",
        kwargs=_reply,
        data=lambda w: {"action": "hide", "reason": "Checking"},
        **_moderators_only(("moderator", Expect(302, QUEUE, changes=True))),
    ),
    Row(
        "forums:image",
        kwargs=lambda w: {"pk": w.image.pk},
        **_partner_only(("partner_admin", OK)),
    ),
    Row("forums:queue", **_moderators_only(("colleague", OK))),
    Row("forums:queue", allowed=("moderator", OK), label="-staff"),
    Row("forums:log", **_moderators_only(("colleague", OK))),
    Row(
        "forums:suspend",
        kwargs=lambda w: {"user_id": w.colleague.pk},
        **_moderators_only(("moderator", OK), missing=("colleague", FORBIDDEN)),
    ),
    Row(
        "forums:suspend",
        method="post",
        kwargs=lambda w: {"user_id": w.colleague.pk},
        data=lambda w: {"days": 3, "reason": "Cool down"},
        **_moderators_only(
            ("moderator", Expect(302, SUSPENSIONS, changes=True)),
            missing=("colleague", FORBIDDEN),
        ),
    ),
    Row("forums:suspensions", **_moderators_only(("colleague", OK))),
    Row("forums:suspensions", allowed=("moderator", OK), label="-staff"),
    Row(
        "forums:suspension_lift",
        method="post",
        kwargs=lambda w: {"pk": w.suspension.pk},
        **_moderators_only(
            ("colleague", Expect(302, SUSPENSIONS, changes=True)),
        ),
    ),
    Row(
        "forums:suspension_lift",
        method="post",
        kwargs=lambda w: {"pk": w.suspension_elsewhere.pk},
        # The colleague moderates "Service & repair", not "Fasteners".
        missing_capability=("colleague", NOT_FOUND),
        allowed=("moderator", Expect(302, SUSPENSIONS, changes=True)),
        label="-other-category",
    ),
    Row(
        "forums:moderators",
        # Globex is a customer: no forum moderators of its own.
        **_moderators_only(("partner_admin", OK), missing=("colleague", FORBIDDEN)),
    ),
    Row(
        "forums:moderators",
        method="post",
        data=lambda w: {"user": w.colleague.pk, "category": w.open_category.pk},
        **_moderators_only(
            ("partner_admin", Expect(302, MODERATORS, changes=True)),
            missing=("colleague", FORBIDDEN),
        ),
    ),
    Row(
        "forums:moderator_remove",
        method="post",
        kwargs=lambda w: {"pk": w.nomination.pk},
        **_partner_only(
            ("partner_admin", Expect(302, MODERATORS, changes=True)),
            missing=("colleague", FORBIDDEN),
        ),
    ),
]


def _png():
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "blue").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def world(db):
    northwind = CompanyFactory(name="Northwind Traders", distributor=True)
    partner_admin = make_trusted(
        MembershipFactory(company=northwind, role=Role.COMPANY_ADMIN).user
    )
    colleague = make_trusted(
        MembershipFactory(company=northwind, role=Role.PARTNER_USER).user
    )
    other_partner = make_trusted(
        MembershipFactory(
            company=CompanyFactory(franchisee=True), role=Role.COMPANY_ADMIN
        ).user
    )
    member = make_trusted(MembershipFactory(role=Role.BUYER).user)
    open_category = CategoryFactory(name="Fasteners", slug="fasteners")
    partner_category = CategoryFactory(
        name="Service & repair", slug="service-repair", audience="partners"
    )
    topic = TopicFactory(
        category=partner_category, author=partner_admin, title="Charger"
    )
    reply = PostFactory(topic=topic, author=colleague, body="Clean the contacts")
    Topic.objects.filter(pk=topic.pk).update(solution=reply)
    image = PostImage(
        post=reply, content_type="image/png", width=4, height=4, size=len(_png())
    )
    image.image.save("matrix.png", ContentFile(_png()), save=True)
    nomination = CategoryModerator.objects.create(
        company=northwind,
        category=partner_category,
        user=colleague,
        nominated_by=partner_admin,
    )
    suspension = Suspension.objects.create(
        user=other_partner,
        category=partner_category,
        until=timezone.now() + timedelta(days=3),
        reason="Spam",
    )
    suspension_elsewhere = Suspension.objects.create(
        user=other_partner,
        category=open_category,
        until=timezone.now() + timedelta(days=3),
        reason="Spam",
    )
    users = {
        "anonymous": None,
        "other_admin": MembershipFactory(
            company=CompanyFactory(name="Globex Corporation"),
            role=Role.COMPANY_ADMIN,
        ).user,
        "no_company": UserFactory(email="nobody@example.com"),
        "partner_admin": partner_admin,
        "colleague": colleague,
        "other_partner": other_partner,
        "member": member,
        "moderator": forum_moderator(),
    }
    return SimpleNamespace(
        users=users,
        colleague=colleague,
        open_category=open_category,
        partner_category=partner_category,
        topic=topic,
        reply=reply,
        image=image,
        nomination=nomination,
        suspension=suspension,
        suspension_elsewhere=suspension_elsewhere,
        knowledge_category=knowledge_category("Service"),
    )


def _database():
    return snapshot(
        Topic,
        Post,
        PostRevision,
        PostImage,
        Flag,
        Subscription,
        Suspension,
        CategoryModerator,
        ModerationLog,
    )


(
    test_access,
    test_every_named_url_is_in_the_matrix,
    test_every_row_has_an_expectation,
) = matrix_tests(
    MATRIX,
    "forums",
    database=lambda world: _database(),
)
