"""Who may use which `cms` URL (the pages themselves are covered by
test_page_audience.py): a visitor, the admin of another partner company, a
user lacking what the URL needs, and someone allowed. Denials change nothing."""

from types import SimpleNamespace

import pytest
from django.urls import reverse

from cms.models import ArticleFeedback, LessonCompletion, QuizAttempt
from cms.services import lesson_complete, quiz_submit
from partner_portal.audience import Audience
from partner_portal.permissions import Role
from tests.factories import CompanyFactory, MembershipFactory, UserFactory
from tests.factories.cms import article_page, course_page, home_page, lessons_of
from tests.helpers import snapshot
from tests.matrix import (
    FORBIDDEN,
    GO_NO_COMPANY,
    LOGIN,
    NOT_FOUND,
    OK,
    Expect,
    Row,
    matrix_tests,
)


def _lesson(world):
    return {"pk": world.lessons[0].pk}


def _course(world):
    return {"pk": world.course.pk}


def _member_certificate(world):
    return {"pk": world.course.pk, "user_pk": world.users["colleague"].pk}


def _certificate_number(world):
    from cms.certificates import certificate_number

    number = certificate_number(
        course_id=world.course.pk,
        company_id=world.company.pk,
        user_id=world.users["colleague"].pk,
    )
    return {"number": number}


def _feed(world):
    from cms.feeds import news_feed_url

    url = news_feed_url(user=world.users["admin"], company=world.company)
    return {"token": url.rstrip("/").rsplit("/", 1)[1]}


def _article(world):
    return {"pk": world.article.pk}


MATRIX = [
    Row(
        "cms:lesson_complete",
        "post",
        kwargs=_lesson,
        anonymous=LOGIN,
        other_company=Expect(302, lambda w: w.lessons[1].url),
        missing_capability=("customer", NOT_FOUND),
        allowed=("admin", Expect(302, lambda w: w.lessons[1].url, changes=True)),
    ),
    Row(
        "cms:lesson_complete",
        "post",
        kwargs=_lesson,
        label="-no-company",
        missing_capability=("no_company", GO_NO_COMPANY),
    ),
    Row(
        "cms:course_quiz",
        kwargs=_course,
        anonymous=LOGIN,
        other_company=OK,
        missing_capability=("customer", NOT_FOUND),
        allowed=("admin", OK),
    ),
    Row(
        "cms:course_quiz",
        "post",
        kwargs=_course,
        data=lambda w: {f"q-{block.id}": "0" for block in w.course.quiz},
        anonymous=LOGIN,
        missing_capability=("customer", NOT_FOUND),
        allowed=("colleague", Expect(302, lambda w: w.course.url, changes=True)),
    ),
    Row(
        "cms:course_certificate",
        kwargs=_course,
        anonymous=LOGIN,
        other_company=NOT_FOUND,
        missing_capability=("admin", NOT_FOUND),  # not completed
        allowed=("colleague", OK),
    ),
    Row(
        "cms:course_certificate_member",
        kwargs=_member_certificate,
        anonymous=LOGIN,
        other_company=NOT_FOUND,
        missing_capability=("partner_user", NOT_FOUND),
        allowed=("admin", OK),
    ),
    Row(
        # Public: the certificate number is the credential.
        "cms:certificate_verify",
        kwargs=_certificate_number,
        anonymous=OK,
        other_company=OK,
        allowed=("admin", OK),
    ),
    Row(
        "cms:certificate_verify",
        kwargs=lambda world: {"number": "1-2-3-ABCDEFGHIJ"},
        label="-forged",
        anonymous=NOT_FOUND,
    ),
    Row(
        "cms:training_team",
        anonymous=LOGIN,
        other_company=OK,  # their own team
        missing_capability=("colleague", FORBIDDEN),
        allowed=("admin", OK),
    ),
    Row(
        # Feed readers cannot log in: the signed token is the credential.
        "cms:news_feed",
        kwargs=_feed,
        anonymous=OK,
        allowed=("admin", OK),
    ),
    Row(
        "cms:news_feed",
        kwargs=lambda world: {"token": "forged-token"},
        label="-forged",
        anonymous=NOT_FOUND,
    ),
    Row(
        "cms:article_feedback",
        "post",
        kwargs=_article,
        data=lambda w: {"helpful": "yes"},
        anonymous=LOGIN,
        missing_capability=("customer", NOT_FOUND),
        allowed=(
            "admin",
            Expect(302, lambda w: w.article.url + "#feedback", changes=True),
        ),
    ),
]


@pytest.fixture
def world(db):
    """Northwind (gold) with an admin, a colleague who finished the partner
    course and passed its quiz, and a partner user; Acme's buyer as the
    customer; Fabrikam (another gold partner) as the other company."""
    home_page()
    company = CompanyFactory(name="Northwind Traders", distributor=True)
    users = {
        persona: MembershipFactory(company=company, role=role).user
        for persona, role in [
            ("admin", Role.COMPANY_ADMIN),
            ("colleague", Role.PARTNER_USER),
            ("partner_user", Role.PARTNER_USER),
        ]
    }
    course = course_page(
        "Partner course", audience=Audience.PARTNERS, quiz=True, pass_mark=50
    )
    lessons = lessons_of(course)
    for lesson in lessons:
        lesson_complete(company=company, user=users["colleague"], lesson=lesson)
    answers = {
        block.id: next(i for i, a in enumerate(block.value["answers"]) if a["correct"])
        for block in course.quiz
    }
    quiz_submit(
        company=company, user=users["colleague"], course=course, answers=answers
    )
    article = article_page("Partner tiers", audience=Audience.PARTNERS)
    customer = MembershipFactory(
        company=CompanyFactory(name="Acme"), role=Role.BUYER
    ).user
    other = CompanyFactory(name="Fabrikam", distributor=True)
    users |= {
        "anonymous": None,
        "customer": customer,
        "other_admin": MembershipFactory(company=other, role=Role.COMPANY_ADMIN).user,
        "no_company": UserFactory(email="nobody@example.com"),
    }
    return SimpleNamespace(
        company=company, course=course, lessons=lessons, article=article, users=users
    )


def _database(world):
    return snapshot(
        LessonCompletion.objects.for_company(world.company),
        QuizAttempt.objects.for_company(world.company),
        ArticleFeedback,
    )


(
    test_access,
    test_every_named_url_is_in_the_matrix,
    test_every_row_has_an_expectation,
) = matrix_tests(
    MATRIX,
    "cms",
    database=_database,
)


def test_the_feedback_url_needs_a_visible_article(client, world):
    client.force_login(world.users["admin"])

    response = client.post(
        reverse("cms:article_feedback", kwargs={"pk": world.course.pk}),
        {"helpful": "yes"},
    )

    assert response.status_code == 404
