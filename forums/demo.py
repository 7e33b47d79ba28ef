"""Demo forums: categories for everyone signed in, for partners and for gold
partners; topics with replies, a solved topic, posts waiting in the
moderation queue and a flagged post (called by `load_demo`; idempotent by
category slug and topic title).

Everything goes through the services, as members would post. The demo
moves each post back in time after writing it, so the rate limits (one post
a minute for new members) hold and the topics look lived in.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone

from forums.models import Category, Flag, Post, Suspension, Topic
from forums.services import (
    category_moderator_nominate,
    member_suspend,
    post_approve,
    post_create,
    post_flag,
    solution_mark,
    suspension_lift,
    topic_create,
)
from partner_portal.models import Membership
from partner_portal.permissions import Role
from partner_portal.services import invitation_accept, invitation_create

User = get_user_model()

CATEGORIES = [
    # slug, name, audience, description
    (
        "sales-marketing",
        "Sales & marketing",
        "partners",
        "Campaigns, price lists and selling tips among partners.",
    ),
    (
        "service-repair",
        "Service & repair",
        "partners",
        "Repairs, spare parts and service questions; for partners only.",
    ),
    ("fasteners", "Fasteners", "signed_in", "Bolts, nuts and how to use them."),
    ("power-tools", "Power tools", "signed_in", "Drills and their accessories."),
    ("safety-gear", "Safety gear", "signed_in", "Gloves, helmets and the rules."),
    (
        "gold-lounge",
        "Gold partner lounge",
        "gold",
        "For our gold partners: early news and direct answers.",
    ),
]

NEW_MEMBER = ("tina@northwind.example", "Tina", "Technician")
MODERATOR = "moderator@portal.example"
# Printed by load_demo with the other logins.
LOGINS = [(NEW_MEMBER[0], "northwind · Partner user, new in the forums (posts wait)")]


def _user(email):
    return User.objects.get(email=email)


def _new_member(companies):
    """A new partner user at Northwind, invited and accepted as in real life."""
    email, first, last = NEW_MEMBER
    user = User.objects.filter(email=email).first()
    if user and Membership.objects.filter(user=user).exists():
        return user
    northwind = companies["northwind"]
    admin = _user("partner@northwind.example")
    invitation = invitation_create(
        company=northwind,
        invited_by=admin,
        email=email,
        role=Role.PARTNER_USER,
        base_url=settings.PORTAL_BASE_URL,
    )
    return invitation_accept(
        invitation=invitation,
        first_name=first,
        last_name=last,
        password="portal-demo-2026",
    ).user


class _Clock:
    """Hands out moments from ten days ago onwards, an hour or so apart."""

    def __init__(self):
        self.moment = timezone.now() - timedelta(days=10)

    def next(self):
        self.moment += timedelta(hours=3, minutes=17)
        return self.moment


def _backdate(post, moment):
    Post.objects.filter(pk=post.pk).update(
        created_at=moment, approved_at=moment if post.approved_at else None
    )
    post.created_at = moment
    topic = Topic.objects.get(pk=post.topic_id)
    if topic.posts.order_by("pk").first().pk == post.pk:
        Topic.objects.filter(pk=topic.pk).update(created_at=moment, last_post_at=moment)
    elif post.status == Post.Status.VISIBLE:
        Topic.objects.filter(pk=topic.pk).update(last_post_at=moment)


def _approve(post, moderator, moment):
    post_approve(moderator=moderator, post=post)
    Post.objects.filter(pk=post.pk).update(approved_at=moment)
    Topic.objects.filter(pk=post.topic_id, last_post_at__gt=moment).update(
        last_post_at=moment
    )


def _topic(category, author, title, body, clock, moderator, *, approve=True):
    topic = Topic.objects.filter(category=category, title=title).first()
    if topic:
        return topic, False
    topic = topic_create(user=author, category=category, title=title, body=body)
    post = topic.posts.get()
    moment = clock.next()
    _backdate(post, moment)
    if approve and post.status == Post.Status.PENDING:
        _approve(post, moderator, moment)
    topic.refresh_from_db()
    return topic, True


def _reply(topic, author, body, clock, moderator, *, approve=True):
    post = post_create(user=author, topic=topic, body=body)
    moment = clock.next()
    _backdate(post, moment)
    if approve and post.status == Post.Status.PENDING:
        _approve(post, moderator, moment)
    post.refresh_from_db()
    return post


def load(*, stdout, companies):
    categories = {}
    for position, (slug, name, audience, description) in enumerate(CATEGORIES):
        categories[slug], _created = Category.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "audience": audience,
                "description": description,
                "position": position,
            },
        )
    moderator = _user(MODERATOR)
    nils = _user("partner@northwind.example")
    clara = _user("franchise@contoso.example")
    bruno = _user("buyer@acme.example")
    tina = _new_member(companies)
    clock = _Clock()

    # A solved topic: Clara's drill question, answered by Nils.
    topic, created = _topic(
        categories["service-repair"],
        clara,
        "Drill 18 V: battery does not charge any more",
        "Three customers brought back the **cordless drill 18 V** this week: "
        "the charger LED blinks red and the battery stays empty.\n\n"
        "Is there a known fault, or do we replace the batteries?",
        clock,
        moderator,
    )
    if created:
        answer = _reply(
            topic,
            nils,
            "We had the same. It is the charger, not the battery:\n\n"
            "1. Unplug the charger for 30 seconds.\n"
            "2. Clean the contacts with a dry cloth.\n"
            "3. If it still blinks red, claim the **charger** under warranty.\n\n"
            "See the service notes: <https://service.example/drill-500>",
            clock,
            moderator,
        )
        _reply(
            topic,
            clara,
            "Cleaning the contacts fixed two of the three. Thank you, Nils!",
            clock,
            moderator,
        )
        solution_mark(user=clara, topic=topic, post=answer)

    topic, created = _topic(
        categories["sales-marketing"],
        nils,
        "Spring campaign material for distributors",
        "Has anyone used the new spring flyers yet? We print them with our "
        "own logo and would like to share what worked.",
        clock,
        moderator,
    )
    if created:
        _reply(
            topic,
            clara,
            "Yes, we used them in the shop window. The *safety gear* page "
            "worked best for us.",
            clock,
            moderator,
        )

    # A flagged post: a visible reply two members flagged (it stays visible
    # until a third flag; the moderators see it in the queue).
    topic, created = _topic(
        categories["fasteners"],
        bruno,
        "Torque values for M8 bolts",
        "Which tightening torque do you use for the **hex bolts M8 × 40** in "
        "steel frames?",
        clock,
        moderator,
    )
    if created:
        _reply(
            topic,
            nils,
            "For strength class 8.8 we use about 25 Nm, dry thread.",
            clock,
            moderator,
        )
        spam = _reply(
            topic,
            clara,
            "BEST PRICES for bolts!!! Call now, only today, cheapest in town!!!",
            clock,
            moderator,
        )
        post_flag(user=bruno, post=spam, reason=Flag.Reason.SPAM)
        post_flag(
            user=nils,
            post=spam,
            reason=Flag.Reason.OFF_TOPIC,
            comment="Not an answer to the question.",
        )

    # Posts waiting in the queue: Tina's first topic and first reply.
    topic, created = _topic(
        categories["power-tools"],
        bruno,
        "Which drill bits for concrete?",
        "We need to drill 8 mm holes into concrete walls. Which bits do you "
        "recommend for the 18 V drill?",
        clock,
        moderator,
    )
    if created:
        _reply(
            topic,
            tina,
            "SDS bits do not fit this drill; take carbide-tipped masonry bits "
            "and switch off the hammer function for tiles.",
            clock,
            moderator,
            approve=False,
        )
    _topic(
        categories["service-repair"],
        tina,
        "Spare parts list for the safety helmet?",
        "Is there a list of spare parts (inner harness, chin strap) for the "
        "white safety helmet?",
        clock,
        moderator,
        approve=False,
    )

    _topic(
        categories["gold-lounge"],
        nils,
        "Early access to the autumn catalogue",
        "Welcome to the gold lounge. Post here what you would like to see in "
        "the autumn catalogue.",
        clock,
        moderator,
    )

    # Nils moderates "Sales & marketing" for the partners.
    if not categories["sales-marketing"].moderators.filter(user=nils).exists():
        category_moderator_nominate(
            company=companies["northwind"],
            admin=nils,
            user=nils,
            category=categories["sales-marketing"],
        )
    # A past suspension on the moderators' list: Tina's, in "Sales &
    # marketing", lifted early by Nils, who moderates that category.
    if not Suspension.objects.filter(user=tina).exists():
        suspension = member_suspend(
            moderator=moderator,
            user=tina,
            days=3,
            reason="Posted the same offer in three topics.",
            category=categories["sales-marketing"],
        )
        suspension_lift(moderator=nils, suspension=suspension)
    stdout.write(
        f"Forums: {Category.objects.count()} categories, "
        f"{Topic.objects.count()} topics, "
        f"{Post.objects.filter(status=Post.Status.PENDING).count()} posts waiting."
    )
