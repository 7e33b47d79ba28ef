"""A training certificate carries the issuer and a number; anyone holding the
number checks it on a public page, which names the person, company, course
and completion date, and refuses numbers that are altered or not earned."""

from datetime import date

import pytest
from django.urls import reverse

from cms import certificates
from cms.services import lesson_complete, quiz_submit
from partner_portal.audience import Audience
from partner_portal.permissions import Role
from tests.factories import MembershipFactory
from tests.factories.cms import course_page, lessons_of
from tests.pdf_glyphs import capture_pdf_html


@pytest.fixture
def course(home):
    return course_page(
        "Pump service basics", audience=Audience.PARTNERS, quiz=True, pass_mark=50
    )


@pytest.fixture
def graduate(partner_company, course):
    user = MembershipFactory(
        company=partner_company,
        role=Role.PARTNER_USER,
        user__first_name="Grace",
        user__last_name="Graduate",
    ).user
    for lesson in lessons_of(course):
        lesson_complete(company=partner_company, user=user, lesson=lesson)
    answers = {
        block.id: next(i for i, a in enumerate(block.value["answers"]) if a["correct"])
        for block in course.quiz
    }
    quiz_submit(company=partner_company, user=user, course=course, answers=answers)
    return user


def _number(course, company, user):
    return certificates.certificate_number(
        course_id=course.pk, company_id=company.pk, user_id=user.pk
    )


def _verify(client, number):
    return client.get(reverse("cms:certificate_verify", args=[number]))


def test_a_visitor_verifies_an_earned_certificate(
    client, course, partner_company, graduate
):
    response = _verify(client, _number(course, partner_company, graduate))

    assert response.status_code == 200
    facts = response.context["facts"]
    assert (facts.person_name, facts.company_name, facts.course_title) == (
        "Grace Graduate",
        "Northwind Traders",
        "Pump service basics",
    )
    assert 'id="certificate-valid"' in response.text
    assert "Grace Graduate" in response.text


def test_the_number_is_checked_case_insensitively(
    client, course, partner_company, graduate
):
    number = _number(course, partner_company, graduate)

    assert _verify(client, number.lower()).status_code == 200


@pytest.mark.parametrize(
    "tamper",
    [
        lambda number: number[:-1] + ("A" if number[-1] != "A" else "B"),
        lambda number: "Z" + number,  # another course, same signature
        lambda number: "not-a-number",
    ],
)
def test_an_altered_number_is_not_valid(
    client, course, partner_company, graduate, tamper
):
    response = _verify(client, tamper(_number(course, partner_company, graduate)))

    assert response.status_code == 404
    assert response.context["facts"] is None
    assert 'id="certificate-invalid"' in response.text
    assert "Grace Graduate" not in response.text


def test_a_genuine_number_of_an_unfinished_course_is_not_valid(
    client, course, partner_company, partner_admin
):
    # A correctly signed number for someone who has not completed the course
    response = _verify(client, _number(course, partner_company, partner_admin))

    assert response.status_code == 404


def test_the_certificate_pdf_prints_issuer_number_and_verification_link(
    client, monkeypatch, course, partner_company, graduate
):
    rendered = {}

    def capture(template_name, context):
        rendered.update(context, template=template_name)
        return b"%PDF-1.7 certificate"

    monkeypatch.setattr(certificates, "render_pdf", capture)
    client.force_login(graduate)

    response = client.get(reverse("cms:course_certificate", args=[course.pk]))

    number = _number(course, partner_company, graduate)
    assert response.status_code == 200
    assert rendered["template"] == "cms/certificate_pdf.html"
    assert rendered["facts"].number == number
    assert rendered["verify_url"].endswith(
        reverse("cms:certificate_verify", args=[number])
    )
    assert "<svg" in rendered["qr_svg"]


def test_the_certificate_names_its_issuer(db, monkeypatch, settings):
    settings.PORTAL_ISSUER_NAME = "Muster Werkzeug GmbH"
    pages = capture_pdf_html(monkeypatch)
    facts = certificates.CertificateFacts(
        number="1-2-3-ABCDEFGHIJ",
        person_name="Grace Graduate",
        company_name="Northwind Traders",
        course_title="Pump service basics",
        completed_on=date(2026, 11, 29),
        lessons=3,
        score=90,
    )

    certificates.certificate_pdf(facts)

    assert "Issued by Muster Werkzeug GmbH" in pages[0]
    assert "1-2-3-ABCDEFGHIJ" in pages[0]
