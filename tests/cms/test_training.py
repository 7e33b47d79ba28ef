"""Trainings: lessons marked done, progress, the quiz, the certificate, and
the team view of a company admin; another company sees nothing."""

import pytest
from django.urls import reverse

from cms.models import LessonCompletion, QuizAttempt
from partner_portal.audience import Audience
from partner_portal.permissions import Role
from tests.factories import MembershipFactory
from tests.factories.cms import course_page, lessons_of
from tests.helpers import assert_cross_company_404, messages_of, snapshot


@pytest.fixture
def course(home):
    return course_page(
        "Partner basics", audience=Audience.PARTNERS, lessons=2, quiz=True
    )


@pytest.fixture
def colleague(partner_company):
    return MembershipFactory(
        company=partner_company,
        role=Role.PARTNER_USER,
        user__email="nina@northwind.example",
        user__first_name="Nina",
        user__last_name="Colleague",
    ).user


def _done(client, lesson):
    return client.post(reverse("cms:lesson_complete", kwargs={"pk": lesson.pk}))


def _answers(course, right=True):
    data = {}
    for block in course.quiz:
        correct = next(i for i, a in enumerate(block.value["answers"]) if a["correct"])
        data[f"q-{block.id}"] = str(
            correct if right else (correct + 1) % len(block.value["answers"])
        )
    return data


def _finish_lessons(client, course):
    for lesson in lessons_of(course):
        _done(client, lesson)


def test_marking_lessons_done_shows_progress(client, course, partner_admin):
    first, second = lessons_of(course)
    client.force_login(partner_admin)

    response = _done(client, first)
    again = _done(client, first)
    page = client.get(course.url)

    assert response.url == second.url
    assert messages_of(response) == [f"“{first.title}” is marked as done."]
    assert again.status_code == 302
    assert LessonCompletion.objects.count() == 1
    progress = page.context["progress"]
    assert (progress.done, progress.total, progress.percent) == (1, 2, 50)
    assert "1 of 2 lessons done" in page.content.decode()


def test_the_quiz_opens_after_every_lesson_is_done(client, course, partner_admin):
    client.force_login(partner_admin)
    url = reverse("cms:course_quiz", kwargs={"pk": course.pk})

    early = client.post(url, _answers(course))

    assert early.status_code == 200
    assert "Finish every lesson before you take the quiz." in early.content.decode()
    assert not QuizAttempt.objects.exists()


def test_a_failed_quiz_gives_no_certificate_and_may_be_retried(
    client, course, partner_admin
):
    client.force_login(partner_admin)
    _finish_lessons(client, course)
    url = reverse("cms:course_quiz", kwargs={"pk": course.pk})
    certificate = reverse("cms:course_certificate", kwargs={"pk": course.pk})

    failed = client.post(url, _answers(course, right=False))

    assert messages_of(failed)[-1].startswith("Not passed: 0 of 2 answers correct")
    assert client.get(certificate).status_code == 404

    passed = client.post(url, _answers(course))

    assert messages_of(passed)[-1] == "Passed: 2 of 2 answers correct (100%)."
    assert [a.passed for a in QuizAttempt.objects.order_by("pk")] == [False, True]


def test_unanswered_questions_keep_the_given_answers(client, course, partner_admin):
    client.force_login(partner_admin)
    _finish_lessons(client, course)
    answers = _answers(course)
    first_key = next(iter(answers))
    partial = {first_key: answers[first_key]}

    response = client.post(
        reverse("cms:course_quiz", kwargs={"pk": course.pk}), partial
    )

    assert response.status_code == 200
    assert response.context["form"].data[first_key] == answers[first_key]
    assert "Please choose an answer." in response.content.decode()
    assert not QuizAttempt.objects.exists()


def test_a_double_submit_makes_one_attempt(client, course, partner_admin):
    client.force_login(partner_admin)
    _finish_lessons(client, course)
    url = reverse("cms:course_quiz", kwargs={"pk": course.pk})

    client.post(url, _answers(course))
    client.post(url, _answers(course))

    assert QuizAttempt.objects.count() == 1


def test_completion_gives_a_certificate_pdf(client, course, partner_admin):
    client.force_login(partner_admin)
    _finish_lessons(client, course)
    client.post(reverse("cms:course_quiz", kwargs={"pk": course.pk}), _answers(course))

    page = client.get(course.url)
    response = client.get(reverse("cms:course_certificate", kwargs={"pk": course.pk}))

    assert page.context["progress"].complete is True
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert "attachment;" in response["Content-Disposition"]


def test_a_course_without_quiz_is_complete_when_the_lessons_are_done(
    client, home, buyer
):
    course = course_page("Safety", audience=Audience.SIGNED_IN, lessons=1, quiz=False)
    client.force_login(buyer)

    _finish_lessons(client, course)

    response = client.get(reverse("cms:course_certificate", kwargs={"pk": course.pk}))
    assert response.status_code == 200
    assert (
        client.get(reverse("cms:course_quiz", kwargs={"pk": course.pk})).status_code
        == 404
    )


def test_the_company_admin_sees_colleagues_progress_and_certificates(
    client, course, partner_admin, colleague
):
    client.force_login(colleague)
    _done(client, lessons_of(course)[0])
    client.force_login(partner_admin)

    response = client.get(reverse("cms:training_team"))

    rows = {
        member.user.email: progress for member, progress in response.context["rows"]
    }
    assert rows["nina@northwind.example"][0].done == 1
    assert rows["partner@northwind.example"][0].done == 0
    assert "nina@northwind.example" in rows


def test_a_colleague_who_is_no_admin_sees_no_team_and_no_other_certificate(
    client, course, partner_admin, colleague
):
    client.force_login(partner_admin)
    _finish_lessons(client, course)
    client.post(reverse("cms:course_quiz", kwargs={"pk": course.pk}), _answers(course))
    client.force_login(colleague)

    team = client.get(reverse("cms:training_team"))
    other = client.get(
        reverse(
            "cms:course_certificate_member",
            kwargs={"pk": course.pk, "user_pk": partner_admin.pk},
        )
    )

    assert team.status_code == 403
    assert other.status_code == 404


def test_the_admin_downloads_a_colleagues_certificate(
    client, course, partner_admin, colleague
):
    client.force_login(colleague)
    _finish_lessons(client, course)
    client.post(reverse("cms:course_quiz", kwargs={"pk": course.pk}), _answers(course))
    client.force_login(partner_admin)

    response = client.get(
        reverse(
            "cms:course_certificate_member",
            kwargs={"pk": course.pk, "user_pk": colleague.pk},
        )
    )

    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")


def test_another_company_sees_neither_progress_nor_certificate(
    client, course, partner_admin, colleague
):
    client.force_login(colleague)
    _finish_lessons(client, course)
    client.post(reverse("cms:course_quiz", kwargs={"pk": course.pk}), _answers(course))
    before = snapshot(LessonCompletion, QuizAttempt)

    response = assert_cross_company_404(
        client,
        reverse(
            "cms:course_certificate_member",
            kwargs={"pk": course.pk, "user_pk": colleague.pk},
        ),
    )
    team = client.get(reverse("cms:training_team"))

    assert response.status_code == 404
    rows = team.context["rows"]
    assert all(
        member.company_id != partner_admin.memberships.first().company_id
        for member, _p in rows
    )
    assert all(p.done == 0 for _member, progresses in rows for p in progresses)
    assert snapshot(LessonCompletion, QuizAttempt) == before


def test_a_customer_cannot_mark_a_partner_lesson_done(client, course, buyer):
    client.force_login(buyer)
    before = snapshot(LessonCompletion)

    response = _done(client, lessons_of(course)[0])

    assert response.status_code == 404
    assert snapshot(LessonCompletion) == before
