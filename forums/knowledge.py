"""Turning a solved topic into a knowledge-base article draft.

The cms app owns the page types and exposes no service for drafts, so this
module uses Wagtail's public page API only: `add_child` with `live=False`
and `save_revision`. The draft is never published here; editors review and
publish it in the content admin (and its approval workflow).
"""

import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.html import strip_tags
from django.utils.text import Truncator, slugify
from django.utils.translation import gettext as _

from forums.models import ModerationLog, Post, Topic
from partner_portal.permissions import StaffGroup, is_in_staff_group

KNOWLEDGE_TEAM = (StaffGroup.CONTENT_EDITOR, StaffGroup.FORUM_MODERATOR)


def may_create_knowledge_draft(user) -> bool:
    """The knowledge-base team: content editors and forum moderators."""
    return any(is_in_staff_group(user, group) for group in KNOWLEDGE_TEAM)


def knowledge_categories():
    """The knowledge-base categories a draft may go into, in tree order."""
    from cms.models import KnowledgeCategoryPage

    return KnowledgeCategoryPage.objects.order_by("path")


def _paragraph(html: str) -> dict:
    return {"type": "paragraph", "value": html}


def knowledge_draft_create(*, user, topic: Topic, category_page):
    """An unpublished article draft under `category_page`: the question (the
    opening post) and the accepted answer (the solution). Its audience is the
    forum category's, so a partners-only answer never becomes a public page.
    Raises PermissionDenied outside the knowledge-base team and
    ValidationError for a topic without a visible solution. A second click
    finds the first draft."""
    from cms.models import ArticlePage

    if not may_create_knowledge_draft(user):
        raise PermissionDenied
    solution = topic.solution
    if solution is None or solution.status != Post.Status.VISIBLE:
        raise ValidationError(
            _("Only a solved topic can become a knowledge article."), code="unsolved"
        )
    slug = f"{slugify(topic.title)[:60] or 'topic'}-forum-{topic.pk}"
    existing = ArticlePage.objects.child_of(category_page).filter(slug=slug).first()
    if existing is not None:
        return existing, False
    question = topic.posts.order_by("created_at", "pk").first()
    summary = Truncator(re.sub(r"\s+", " ", strip_tags(solution.html)).strip()).chars(
        480
    )
    body = [
        {"type": "heading", "value": _("Question")},
        _paragraph(question.html),
        {"type": "heading", "value": _("Answer")},
        _paragraph(solution.html),
    ]
    with transaction.atomic():
        page = ArticlePage(
            title=topic.title,
            slug=slug,
            summary=summary,
            body=body,
            audience=topic.category.audience,
            live=False,
            owner=user,
        )
        category_page.add_child(instance=page)
        page.save_revision(user=user, log_action=True)
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
