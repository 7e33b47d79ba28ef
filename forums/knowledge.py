"""Turning a solved topic into a knowledge-base article draft.

The cms app owns the pages: its `article_draft_create` service writes the
unpublished draft, and editors review and publish it in the content admin
(and its approval workflow). This module decides who may propose one, what
goes into it and records the moderation log entry.
"""

import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.html import strip_tags
from django.utils.text import Truncator, slugify
from django.utils.translation import gettext as _

from cms.selectors import draft_category_list
from cms.services import article_draft_create
from forums.models import ModerationLog, Post, Topic
from partner_portal.permissions import StaffGroup, is_in_staff_group

KNOWLEDGE_TEAM = (StaffGroup.CONTENT_EDITOR, StaffGroup.FORUM_MODERATOR)


def may_create_knowledge_draft(user) -> bool:
    """The knowledge-base team: content editors and forum moderators."""
    return any(is_in_staff_group(user, group) for group in KNOWLEDGE_TEAM)


def knowledge_categories():
    """The knowledge-base categories a draft may go into, in tree order."""
    return draft_category_list()


def knowledge_draft_create(*, user, topic: Topic, category_page):
    """An unpublished article draft under `category_page`: the question (the
    opening post) and the accepted answer (the solution). Its audience is the
    forum category's, so a partners-only answer never becomes a public page.
    Raises PermissionDenied outside the knowledge-base team and
    ValidationError for a topic without a visible solution. A second click
    finds the first draft."""
    if not may_create_knowledge_draft(user):
        raise PermissionDenied
    solution = topic.solution
    if solution is None or solution.status != Post.Status.VISIBLE:
        raise ValidationError(
            _("Only a solved topic can become a knowledge article."), code="unsolved"
        )
    question = topic.posts.order_by("created_at", "pk").first()
    summary = Truncator(re.sub(r"\s+", " ", strip_tags(solution.html)).strip()).chars(
        480
    )
    with transaction.atomic():
        page, created = article_draft_create(
            user=user,
            category_page=category_page,
            slug=f"{slugify(topic.title)[:60] or 'topic'}-forum-{topic.pk}",
            title=topic.title,
            summary=summary,
            sections=[(_("Question"), question.html), (_("Answer"), solution.html)],
            audience=topic.category.audience,
        )
        if not created:
            return page, False
        ModerationLog.objects.create(
            actor=user,
            action=ModerationLog.Action.KNOWLEDGE,
            topic=topic,
            category=topic.category,
            post=solution,
            reason=_("Draft “%(title)s” in %(category)s")
            % {"title": page.title, "category": category_page.title},
        )
    return page, True
