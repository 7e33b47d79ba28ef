"""Other apps propose knowledge articles through one cms service: an
unpublished draft with a first revision, found again by its slug."""

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Page

from cms.models import ArticlePage
from cms.selectors import draft_category_list
from cms.services import article_draft_create
from partner_portal.audience import Audience
from tests.factories.cms import knowledge_category

SECTIONS = [("Question", "<p>Why?</p>"), ("Answer", "<p>Because.</p>")]


def _create(user, category, **changes):
    arguments = {
        "user": user,
        "category_page": category,
        "slug": "why-forum-1",
        "title": "Why?",
        "summary": "Because.",
        "sections": SECTIONS,
        "audience": Audience.PARTNERS,
        **changes,
    }
    return article_draft_create(**arguments)


def test_a_draft_is_unpublished_with_a_revision_by_its_author(staff_user):
    category = knowledge_category("Service")

    page, created = _create(staff_user, category)

    assert created is True
    page = ArticlePage.objects.child_of(category).get()
    assert (page.title, page.slug, page.live, page.audience, page.summary) == (
        "Why?",
        "why-forum-1",
        False,
        "partners",
        "Because.",
    )
    assert [(block.block_type, str(block.value)) for block in page.body] == [
        ("heading", "Question"),
        ("paragraph", "<p>Why?</p>"),
        ("heading", "Answer"),
        ("paragraph", "<p>Because.</p>"),
    ]
    assert page.get_latest_revision().user == staff_user
    assert page.owner == staff_user


def test_the_same_slug_finds_the_first_draft_and_writes_nothing(staff_user):
    category = knowledge_category("Service")
    first, _ = _create(staff_user, category)
    pages = Page.objects.count()

    again, created = _create(staff_user, category, title="Other title")

    assert (again.pk, again.title, created) == (first.pk, "Why?", False)
    assert Page.objects.count() == pages


def test_a_draft_without_title_is_refused(staff_user):
    category = knowledge_category("Service")
    pages = Page.objects.count()

    with pytest.raises(ValidationError):
        _create(staff_user, category, title="")

    assert Page.objects.count() == pages


def test_drafts_may_go_into_any_category_in_tree_order(db):
    first = knowledge_category("Service")
    hidden = knowledge_category("Partners only", audience=Audience.PARTNERS)

    assert list(draft_category_list()) == [first, hidden]
