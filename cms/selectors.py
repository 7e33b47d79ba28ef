"""Reads for pages, tiles and views. Every list of pages goes through the
audience rule (`audience_q`), so nobody sees a title they may not open."""

import re
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.db import DatabaseError, transaction
from django.db.models import Count, Q
from django.db.models.functions import Coalesce
from django.utils import translation
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe

from cms.models import (
    ArticleFeedback,
    ArticlePage,
    ContentPage,
    CoursePage,
    KnowledgeCategoryPage,
    LessonCompletion,
    LessonPage,
    NewsCategory,
    NewsPage,
    QuizAttempt,
    SearchMiss,
)
from partner_portal.audience import audience_q, audiences_for_user
from partner_portal.models import Membership


def _in_current_locale(pages):
    """Pages in the active language where there are any, else those in the
    default language: a language without translations still gets content."""
    localised = pages.filter(locale__language_code=translation.get_language())
    if localised.exists():
        return localised
    return pages.filter(locale__language_code=settings.LANGUAGE_CODE)


# News


def news_latest(*, request, limit: int = 3):
    news = (
        NewsPage.objects.live()
        .public()
        .filter(audience_q(request))
        .select_related("locale")
        .order_by("-date", "-pk")
    )
    return list(_in_current_locale(news)[:limit])


def news_for_audiences(*, audiences, limit: int = 20):
    """The latest news for a set of audiences (a feed has no request)."""
    news = (
        NewsPage.objects.live()
        .public()
        .filter(audience__in=audiences)
        .select_related("locale")
        .order_by("-date", "-pk")
    )
    return list(_in_current_locale(news)[:limit])


def news_list(*, request, index, category=None):
    news = (
        NewsPage.objects.child_of(index)
        .live()
        .public()
        .filter(audience_q(request))
        .select_related("locale")
        .prefetch_related("categories")
        .order_by("-date", "-pk")
    )
    if category is not None:
        news = news.filter(categories=category)
    return news


def news_categories():
    return list(NewsCategory.objects.all())


def footer_pages(*, request):
    return list(
        _in_current_locale(
            ContentPage.objects.live()
            .public()
            .filter(show_in_footer=True)
            .filter(audience_q(request))
        )
    )


# Trainings


@dataclass
class CourseProgress:
    course: CoursePage
    lesson_ids: list[int]
    done_ids: set[int] = field(default_factory=set)
    quiz_passed: bool = False
    best_score: int | None = None
    last_activity: datetime | None = None
    # False for visitors and staff: progress belongs to a company member.
    tracked: bool = True

    @property
    def total(self) -> int:
        return len(self.lesson_ids)

    @property
    def done(self) -> int:
        return len(self.done_ids & set(self.lesson_ids))

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0

    @property
    def lessons_done(self) -> bool:
        return self.total > 0 and self.done == self.total

    @property
    def complete(self) -> bool:
        return self.lessons_done and (self.quiz_passed or not self.course.has_quiz)

    @property
    def started(self) -> bool:
        return self.done > 0 or self.best_score is not None


def lesson_list(*, request, course):
    return list(
        LessonPage.objects.child_of(course)
        .live()
        .filter(audience_q(request))
        .order_by("path")
    )


def _progress_for(*, company, users, courses) -> dict:
    """{(user_id, course_id): CourseProgress} in a fixed number of queries."""
    courses = list(courses)
    lessons_by_course = {course.pk: [] for course in courses}
    paths = {course.path: course.pk for course in courses}
    if courses:
        depth = courses[0].depth + 1
        lessons = (
            LessonPage.objects.live()
            .filter(depth=depth)
            .filter(
                Q(
                    *[Q(path__startswith=path) for path in paths],
                    _connector=Q.OR,
                )
            )
            .order_by("path")
            .values_list("pk", "path")
        )
        step = LessonPage.steplen
        for pk, path in lessons:
            course_id = paths.get(path[:-step])
            if course_id is not None:
                lessons_by_course[course_id].append(pk)
    user_ids = [user.pk for user in users]
    result = {
        (user_id, course.pk): CourseProgress(
            course=course, lesson_ids=lessons_by_course[course.pk]
        )
        for user_id in user_ids
        for course in courses
    }
    if not result or company is None:
        return result
    lesson_to_course = {
        lesson_id: course_id
        for course_id, lesson_ids in lessons_by_course.items()
        for lesson_id in lesson_ids
    }
    completions = LessonCompletion.objects.for_company(company).filter(
        user_id__in=user_ids, lesson_id__in=lesson_to_course
    )
    for user_id, lesson_id, when in completions.values_list(
        "user_id", "lesson_id", "completed_at"
    ):
        progress = result[(user_id, lesson_to_course[lesson_id])]
        progress.done_ids.add(lesson_id)
        if progress.last_activity is None or when > progress.last_activity:
            progress.last_activity = when
    attempts = QuizAttempt.objects.for_company(company).filter(
        user_id__in=user_ids, course__in=courses
    )
    for user_id, course_id, score, passed, when in attempts.values_list(
        "user_id", "course_id", "score", "passed", "created_at"
    ):
        progress = result[(user_id, course_id)]
        progress.quiz_passed = progress.quiz_passed or passed
        progress.best_score = max(progress.best_score or 0, score)
        if progress.last_activity is None or when > progress.last_activity:
            progress.last_activity = when
    return result


def course_progress(*, company, user, course) -> CourseProgress:
    if not user.is_authenticated or company is None:
        progress = _progress_for(company=None, users=[user], courses=[course])
        progress = progress.get((user.pk, course.pk)) or CourseProgress(
            course=course,
            lesson_ids=list(
                LessonPage.objects.child_of(course).live().values_list("pk", flat=True)
            ),
        )
        progress.tracked = False
        return progress
    return _progress_for(company=company, users=[user], courses=[course])[
        (user.pk, course.pk)
    ]


def course_list(*, request, index=None):
    courses = (
        CoursePage.objects.live()
        .filter(audience_q(request))
        .select_related("locale")
        .order_by("path")
    )
    if index is not None:
        courses = courses.child_of(index)
    return list(courses)


def course_list_with_progress(*, request, index):
    courses = course_list(request=request, index=index)
    company = getattr(request, "company", None)
    if not request.user.is_authenticated or company is None:
        return [
            course_progress(company=None, user=request.user, course=course)
            for course in courses
        ]
    progress = _progress_for(company=company, users=[request.user], courses=courses)
    return [progress[(request.user.pk, course.pk)] for course in courses]


def team_progress(*, company, viewer):
    """The company's active members and their progress in every course the
    company may see: (courses, [(membership, [CourseProgress, ...]), ...])."""
    audiences = audiences_for_user(viewer, company)
    courses = list(
        _in_current_locale(
            CoursePage.objects.live().filter(audience__in=audiences).order_by("path")
        )
    )
    members = list(
        Membership.objects.for_company(company)
        .filter(is_active=True)
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "pk")
    )
    progress = _progress_for(
        company=company, users=[m.user for m in members], courses=courses
    )
    rows = [
        (member, [progress[(member.user_id, course.pk)] for course in courses])
        for member in members
    ]
    return courses, rows


# Knowledge base


def knowledge_categories(*, request, index):
    return list(
        KnowledgeCategoryPage.objects.child_of(index)
        .live()
        .filter(audience_q(request))
        .select_related("locale")
        .order_by("path")
    )


def article_list(*, request, category):
    return list(
        ArticlePage.objects.child_of(category)
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
    page: ArticlePage
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

    Full-text search through Wagtail's search backend (SQLite FTS or
    PostgreSQL full text); where it finds nothing (e.g. Chinese text, which
    has no spaces between words) a plain substring match on title and summary."""
    terms = search_terms(query)
    if not terms:
        return []
    articles = (
        ArticlePage.objects.live()
        .descendant_of(index)
        .filter(audience_q(request))
        .select_related("locale")
    )
    try:
        with transaction.atomic():
            pages = list(articles.search(" ".join(terms), operator="or")[:limit])
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
    visible = ArticlePage.objects.live().filter(audience_q(request))
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
    return ArticleFeedback.objects.filter(user=user, article=article).first()


def knowledge_report(*, limit_misses: int = 50, limit_comments: int = 30):
    """For editors: per-article views and helpfulness, recent comments, and the
    searches that found nothing."""
    articles = (
        ArticlePage.objects.select_related("locale")
        .annotate(
            helpful_yes=Count("feedback", filter=Q(feedback__helpful=True)),
            helpful_no=Count("feedback", filter=Q(feedback__helpful=False)),
            view_count=Coalesce("stats__views", 0),
        )
        .order_by("-view_count", "title")
    )
    comments = (
        ArticleFeedback.objects.exclude(comment="")
        .select_related("article", "user")
        .order_by("-updated_at")[:limit_comments]
    )
    misses = SearchMiss.objects.order_by("-count", "-last_seen")[:limit_misses]
    return {"articles": articles, "comments": comments, "misses": misses}


# Navigation


def help_links(*, request) -> list[tuple[str, str]]:
    """(label, URL) of the knowledge base, news and trainings the user may
    open, for the navigation's Help menu. The pages answer in the reader's
    language at the default language's address."""
    from django.utils.translation import gettext as _

    from cms.models import KnowledgeIndexPage, NewsIndexPage, TrainingIndexPage

    links = []
    for model, label in (
        (KnowledgeIndexPage, _("Knowledge base")),
        (NewsIndexPage, _("News")),
        (TrainingIndexPage, _("Trainings")),
    ):
        page = (
            model.objects.live()
            .filter(audience_q(request), locale__language_code=settings.LANGUAGE_CODE)
            .first()
        )
        if page is not None:
            links.append((label, page.get_url(request)))
    return links
