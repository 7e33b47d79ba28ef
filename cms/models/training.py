"""Trainings: courses of lessons, progress per person, an optional quiz."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.blocks import BodyBlock, QuizBlock
from cms.models.base import AudiencePageMixin
from partner_portal.audience import Audience
from partner_portal.models import CompanyOwnedModel


class TrainingIndexPage(AudiencePageMixin, Page):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, "audience", "intro"]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.CoursePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("training list")

    def get_context(self, request, *args, **kwargs):
        from cms.selectors import course_list_with_progress

        context = super().get_context(request, *args, **kwargs)
        context["courses"] = course_list_with_progress(request=request, index=self)
        return context


class CoursePage(AudiencePageMixin, Page):
    intro = models.TextField(_("summary"), max_length=600)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("introduction"))
    quiz = StreamField(
        QuizBlock(),
        blank=True,
        verbose_name=_("final quiz"),
        help_text=_("Optional: with questions, the course is complete once passed."),
    )
    pass_mark = models.PositiveSmallIntegerField(
        # xgettext:no-python-format
        _("pass mark (% correct)"),
        default=80,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )

    content_panels = [
        *Page.content_panels,
        "audience",
        "intro",
        "body",
        "quiz",
        "pass_mark",
    ]
    search_fields = [
        *Page.search_fields,
        index.FilterField("audience"),
        index.SearchField("intro"),
        index.SearchField("body"),
    ]
    parent_page_types = ["cms.TrainingIndexPage"]
    subpage_types = ["cms.LessonPage"]

    class Meta:
        verbose_name = _("course")

    def save(self, *args, **kwargs):
        # Trainings are for signed-in partners and customers, never anonymous.
        if self.audience == Audience.EVERYONE:
            self.audience = Audience.SIGNED_IN
        return super().save(*args, **kwargs)

    @property
    def has_quiz(self) -> bool:
        return len(self.quiz) > 0

    def get_context(self, request, *args, **kwargs):
        from cms.selectors import course_progress, lesson_list

        context = super().get_context(request, *args, **kwargs)
        context["lessons"] = lesson_list(request=request, course=self)
        context["progress"] = course_progress(
            company=getattr(request, "company", None), user=request.user, course=self
        )
        return context


class LessonPage(AudiencePageMixin, Page):
    intro = models.TextField(_("summary"), blank=True)
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"), default=10
    )
    body = StreamField(
        BodyBlock(),
        verbose_name=_("lesson"),
        help_text=_("Text, videos and downloadable material."),
    )

    content_panels = [
        *Page.content_panels,
        "audience",
        "intro",
        "duration_minutes",
        "body",
    ]
    search_fields = [
        *Page.search_fields,
        index.FilterField("audience"),
        index.SearchField("intro"),
        index.SearchField("body"),
    ]
    parent_page_types = ["cms.CoursePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("lesson")

    def get_context(self, request, *args, **kwargs):
        from cms.selectors import course_progress, lesson_list

        context = super().get_context(request, *args, **kwargs)
        course = self.get_parent().specific
        lessons = lesson_list(request=request, course=course)
        position = next(
            (i for i, lesson in enumerate(lessons) if lesson.pk == self.pk), None
        )
        context["course"] = course
        context["progress"] = course_progress(
            company=getattr(request, "company", None), user=request.user, course=course
        )
        context["next_lesson"] = (
            lessons[position + 1]
            if position is not None and position + 1 < len(lessons)
            else None
        )
        return context


class LessonCompletion(CompanyOwnedModel):
    """A person finished a lesson, as a member of a company (their company
    admin sees it; another company never does)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    lesson = models.ForeignKey(
        LessonPage, on_delete=models.CASCADE, related_name="completions"
    )
    completed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["company", "user", "lesson"], name="lesson_done_once"
            )
        ]

    def __str__(self):
        return f"{self.user} · {self.lesson_id}"


class QuizAttempt(CompanyOwnedModel):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    course = models.ForeignKey(
        CoursePage, on_delete=models.CASCADE, related_name="quiz_attempts"
    )
    correct = models.PositiveSmallIntegerField()
    total = models.PositiveSmallIntegerField()
    score = models.PositiveSmallIntegerField(help_text="percent correct")
    passed = models.BooleanField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["company", "user", "course"])]

    def __str__(self):
        return f"{self.user} · {self.course_id} · {self.score}%"
