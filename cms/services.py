"""Writes: training progress, quiz attempts, article feedback, statistics,
and knowledge-article drafts other apps propose (forums: solved topics)."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page

from cms.lookup import cms_model
from cms.selectors import course_progress

# Two identical quiz submissions this close together are one double click.
_DOUBLE_SUBMIT = timedelta(seconds=30)


def lesson_complete(*, company, user, lesson):
    """Mark a lesson done for a member of `company`. Idempotent: doing it
    again keeps the first completion."""
    if company is None:
        raise ValidationError(_("Progress is kept for members of a company."))
    completion, _created = cms_model("LessonCompletion").objects.get_or_create(
        company=company, user=user, lesson=lesson
    )
    return completion


def quiz_submit(*, company, user, course, answers: dict[str, int]):
    """Score a quiz attempt: `answers` maps each question's block id to the
    index of the chosen answer. Every question must be answered and every
    lesson of the course done first; raises ValidationError otherwise. The
    attempt passes with at least the course's pass mark (percent correct)."""
    if company is None:
        raise ValidationError(_("Progress is kept for members of a company."))
    questions = [block for block in course.quiz if block.block_type == "question"]
    if not questions:
        raise ValidationError(_("This course has no quiz."))
    if not course_progress(company=company, user=user, course=course).lessons_done:
        raise ValidationError(_("Finish every lesson before you take the quiz."))
    missing = [block.id for block in questions if block.id not in answers]
    if missing:
        raise ValidationError(_("Please answer every question."))
    correct = 0
    for block in questions:
        choices = list(block.value["answers"])
        chosen = answers[block.id]
        if 0 <= chosen < len(choices) and choices[chosen]["correct"]:
            correct += 1
    total = len(questions)
    score = round(100 * correct / total)
    QuizAttempt = cms_model("QuizAttempt")
    with transaction.atomic():
        recent = (
            QuizAttempt.objects.for_company(company)
            .select_for_update()
            .filter(
                user=user,
                course=course,
                created_at__gte=timezone.now() - _DOUBLE_SUBMIT,
                correct=correct,
                total=total,
            )
            .first()
        )
        if recent is not None:
            return recent
        attempt = QuizAttempt(
            company=company,
            user=user,
            course=course,
            correct=correct,
            total=total,
            score=score,
            passed=score >= course.pass_mark,
        )
        attempt.full_clean()
        attempt.save()
    return attempt


def article_feedback_set(*, user, article, helpful: bool, comment: str = ""):
    """One answer per person and article: a second answer replaces the first.
    Returns (feedback, created)."""
    comment = (comment or "").strip()[:1000]
    now = timezone.now()
    ArticleFeedback = cms_model("ArticleFeedback")
    try:
        with transaction.atomic():
            feedback, created = ArticleFeedback.objects.update_or_create(
                article=article,
                user=user,
                defaults={"helpful": helpful, "comment": comment, "updated_at": now},
                create_defaults={
                    "helpful": helpful,
                    "comment": comment,
                    "created_at": now,
                    "updated_at": now,
                },
            )
    except IntegrityError:
        # The same person's parallel request created it a moment ago.
        feedback = ArticleFeedback.objects.get(article=article, user=user)
        feedback.helpful, feedback.comment, feedback.updated_at = helpful, comment, now
        feedback.save(update_fields=["helpful", "comment", "updated_at"])
        created = False
    return feedback, created


def article_view_record(*, article) -> None:
    ArticleStats = cms_model("ArticleStats")
    if not ArticleStats.objects.filter(article=article).update(views=F("views") + 1):
        try:
            with transaction.atomic():
                ArticleStats.objects.create(article=article, views=1)
        except IntegrityError:
            ArticleStats.objects.filter(article=article).update(views=F("views") + 1)


def search_miss_record(*, query: str, language_code: str) -> None:
    """Count a knowledge-base search that found nothing, by its normalised text
    (case and spacing ignored)."""
    normalised = " ".join(query.split())[:200].casefold()
    if not normalised:
        return
    now = timezone.now()
    SearchMiss = cms_model("SearchMiss")
    updated = SearchMiss.objects.filter(
        query=normalised, language_code=language_code
    ).update(count=F("count") + 1, last_seen=now)
    if not updated:
        try:
            with transaction.atomic():
                SearchMiss.objects.create(
                    query=normalised, language_code=language_code, last_seen=now
                )
        except IntegrityError:
            SearchMiss.objects.filter(
                query=normalised, language_code=language_code
            ).update(count=F("count") + 1, last_seen=now)


def article_draft_create(
    *,
    user,
    category_page,
    slug: str,
    title: str,
    summary: str,
    sections: list[tuple[str, str]],
    audience: str,
) -> tuple[Page, bool]:
    """An unpublished knowledge article below `category_page`: each section
    becomes a heading and a paragraph (`sections` are (heading, HTML) pairs),
    with a first revision by `user` that editors review and publish in the
    content admin (and its approval workflow); nothing is published here.

    The slug is the natural key below the category: when a page with it
    exists already, that page is answered with False and nothing is written.
    Raises ValidationError for a page Wagtail refuses (e.g. an empty title).
    """
    ArticlePage = cms_model("ArticlePage")
    existing = ArticlePage.objects.child_of(category_page).filter(slug=slug).first()
    if existing is not None:
        return existing, False
    body = []
    for heading, html in sections:
        body += [
            {"type": "heading", "value": heading},
            {"type": "paragraph", "value": html},
        ]
    with transaction.atomic():
        page = ArticlePage(
            title=title,
            slug=slug,
            summary=summary,
            body=body,
            audience=audience,
            live=False,
            owner=user,
        )
        category_page.add_child(instance=page)
        page.save_revision(user=user, log_action=True)
    return page, True
