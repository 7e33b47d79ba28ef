"""Courses and lessons with each member's progress, and a team's progress."""

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Q
from wagtail.models import Page

from cms.lookup import cms_model
from cms.selectors.common import _in_current_locale
from partner_portal.audience import audience_q, audiences_for_user
from partner_portal.models import Membership

# Trainings


@dataclass
class CourseProgress:
    course: Page  # a CoursePage
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
        cms_model("LessonPage")
        .objects.child_of(course)
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
            cms_model("LessonPage")
            .objects.live()
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
        step = cms_model("LessonPage").steplen
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
    completions = (
        cms_model("LessonCompletion")
        .objects.for_company(company)
        .filter(user_id__in=user_ids, lesson_id__in=lesson_to_course)
    )
    for user_id, lesson_id, when in completions.values_list(
        "user_id", "lesson_id", "completed_at"
    ):
        progress = result[(user_id, lesson_to_course[lesson_id])]
        progress.done_ids.add(lesson_id)
        if progress.last_activity is None or when > progress.last_activity:
            progress.last_activity = when
    attempts = (
        cms_model("QuizAttempt")
        .objects.for_company(company)
        .filter(user_id__in=user_ids, course__in=courses)
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
                cms_model("LessonPage")
                .objects.child_of(course)
                .live()
                .values_list("pk", flat=True)
            ),
        )
        progress.tracked = False
        return progress
    return _progress_for(company=company, users=[user], courses=[course])[
        (user.pk, course.pk)
    ]


def course_list(*, request, index=None):
    courses = (
        cms_model("CoursePage")
        .objects.live()
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
            cms_model("CoursePage")
            .objects.live()
            .filter(audience__in=audiences)
            .order_by("path")
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
