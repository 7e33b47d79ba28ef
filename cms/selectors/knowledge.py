"""The knowledge base: categories, articles, search with highlighting,
related articles, feedback and the editors' report."""

import re
from dataclasses import dataclass

from django.db import DatabaseError, transaction
from django.db.models import Count, Q
from django.db.models.functions import Coalesce
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from wagtail.models import Page

from cms.lookup import cms_model
from partner_portal.audience import audience_q
from partner_portal.search_config import page_search

# Knowledge base


def knowledge_categories(*, request, index):
    return list(
        cms_model("KnowledgeCategoryPage")
        .objects.child_of(index)
        .live()
        .filter(audience_q(request))
        .select_related("locale")
        .order_by("path")
    )


def draft_category_list():
    """Every knowledge-base category in tree order, live or not and for any
    audience: where staff may put an article draft."""
    return cms_model("KnowledgeCategoryPage").objects.order_by("path")


def article_list(*, request, category):
    return list(
        cms_model("ArticlePage")
        .objects.child_of(category)
        .live()
        .filter(audience_q(request))
        .select_related("locale")
        .order_by("kind", "title")
    )


_TERM = re.compile(r"\w+", re.UNICODE)
MAX_QUERY = 200
MAX_TERMS = 8


def search_terms(query: str) -> list[str]:
    """The words of a query: quotes, operators and punctuation dropped, length
    and number of words bounded, so any input makes a harmless search."""
    terms = []
    for term in _TERM.findall((query or "")[:MAX_QUERY]):
        term = term[:50]
        if term.casefold() not in (t.casefold() for t in terms):
            terms.append(term)
    return terms[:MAX_TERMS]


@dataclass
class SearchHit:
    page: Page  # an ArticlePage
    snippet: str


def _plain_text(article) -> str:
    parts = [article.summary]
    for block in article.body.raw_data:
        if block["type"] in ("paragraph", "heading") and isinstance(
            block["value"], str
        ):
            parts.append(strip_tags(block["value"]))
    return " ".join(" ".join(parts).split())


def highlight(text: str, terms: list[str], *, width: int = 220) -> str:
    """A passage of `text` around the first term found, escaped, with every
    term marked."""
    if not terms:
        return escape(text[:width])
    pattern = re.compile("|".join(re.escape(t) for t in terms), re.IGNORECASE)
    first = pattern.search(text)
    start = max(0, first.start() - width // 3) if first else 0
    passage = text[start : start + width]
    pieces = []
    position = 0
    for match in pattern.finditer(passage):
        pieces.append(escape(passage[position : match.start()]))
        pieces.append(f"<mark>{escape(match.group())}</mark>")
        position = match.end()
    pieces.append(escape(passage[position:]))
    prefix = "… " if start > 0 else ""
    suffix = " …" if start + width < len(text) else ""
    return mark_safe(prefix + "".join(pieces) + suffix)  # noqa: S308  escaped above


def article_search(*, request, index, query: str, limit: int = 100):
    """Articles below `index` the user may see that match `query`, best
    first, each with a highlighted snippet.

    Full-text search through Wagtail's search backend (SQLite FTS, or
    PostgreSQL full text in the pages' language); where it finds nothing
    (e.g. Chinese text, which has no spaces between words) a plain substring
    match on title and summary."""
    terms = search_terms(query)
    if not terms:
        return []
    articles = (
        cms_model("ArticlePage")
        .objects.live()
        .descendant_of(index)
        .filter(audience_q(request))
        .select_related("locale")
    )
    try:
        with transaction.atomic():
            found = page_search(
                articles, " ".join(terms), locale_id=index.locale_id, operator="or"
            )
            pages = list(found[:limit])
    except DatabaseError:
        pages = []
    if not pages:
        contains = Q()
        for term in terms:
            contains |= Q(title__icontains=term) | Q(summary__icontains=term)
        pages = list(articles.filter(contains).order_by("title")[:limit])
    return [
        SearchHit(page=page, snippet=highlight(_plain_text(page), terms))
        for page in pages
    ]


def article_related(*, request, article, limit: int = 4):
    visible = cms_model("ArticlePage").objects.live().filter(audience_q(request))
    related = list(
        visible.filter(pk__in=article.related_articles.values("pk"))
        .exclude(pk=article.pk)
        .order_by("title")[:limit]
    )
    if len(related) < limit:
        siblings = (
            visible.sibling_of(article, inclusive=False)
            .exclude(pk__in=[page.pk for page in related])
            .order_by("title")[: limit - len(related)]
        )
        related.extend(siblings)
    return related


def article_feedback_of(*, user, article):
    if not user.is_authenticated:
        return None
    return (
        cms_model("ArticleFeedback").objects.filter(user=user, article=article).first()
    )


def knowledge_report(*, limit_misses: int = 50, limit_comments: int = 30):
    """For editors: per-article views and helpfulness, recent comments, and the
    searches that found nothing."""
    articles = (
        cms_model("ArticlePage")
        .objects.select_related("locale")
        .annotate(
            helpful_yes=Count("feedback", filter=Q(feedback__helpful=True)),
            helpful_no=Count("feedback", filter=Q(feedback__helpful=False)),
            view_count=Coalesce("stats__views", 0),
        )
        .order_by("-view_count", "title")
    )
    comments = (
        cms_model("ArticleFeedback")
        .objects.exclude(comment="")
        .select_related("article", "user")
        .order_by("-updated_at")[:limit_comments]
    )
    misses = cms_model("SearchMiss").objects.order_by("-count", "-last_seen")[
        :limit_misses
    ]
    return {"articles": articles, "comments": comments, "misses": misses}
