"""Training certificates: the PDF and the number anyone can verify.

A certificate number names the course, the company and the person (base 36)
and ends in an HMAC of the three under the SECRET_KEY, so it can neither be
guessed nor altered, and nothing is written when a certificate is downloaded.
The public verification page re-checks the number and that the course is
still completed; a number whose course or person is gone is no longer valid.
"""

import base64
import re
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.safestring import mark_safe
from reportlab.graphics import renderSVG
from reportlab.graphics.barcode import qr
from reportlab.graphics.shapes import Drawing

from cms import selectors
from cms.models import CoursePage
from partner_portal.models import Company, Membership
from partner_portal.pdf import render_pdf

_SALT = "cms.certificate"
_DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_NUMBER = re.compile(
    r"^([0-9A-Z]{1,8})-([0-9A-Z]{1,8})-([0-9A-Z]{1,8})-([A-Z2-7]{10})$"
)


@dataclass(frozen=True)
class CertificateFacts:
    number: str
    person_name: str
    company_name: str
    course_title: str
    completed_on: date
    lessons: int
    score: int | None


def _base36(value: int) -> str:
    digits = ""
    while True:
        value, rest = divmod(value, 36)
        digits = _DIGITS[rest] + digits
        if not value:
            return digits


def _signature(body: str) -> str:
    return base64.b32encode(salted_hmac(_SALT, body).digest()).decode()[:10]


def certificate_number(*, course_id: int, company_id: int, user_id: int) -> str:
    body = "-".join(_base36(value) for value in (course_id, company_id, user_id))
    return f"{body}-{_signature(body)}"


def certificate_facts(*, company, user, course, progress) -> CertificateFacts:
    completed = progress.last_activity or timezone.now()
    return CertificateFacts(
        number=certificate_number(
            course_id=course.pk, company_id=company.pk, user_id=user.pk
        ),
        person_name=user.get_full_name() or user.email,
        company_name=company.name,
        course_title=course.title,
        completed_on=timezone.localtime(completed).date(),
        lessons=progress.total,
        score=progress.best_score,
    )


def certificate_verify(*, number: str) -> CertificateFacts | None:
    """The facts of the certificate with `number`, or None when the number is
    malformed, forged, or its course is no longer live and completed."""
    match = _NUMBER.match(number.strip().upper())
    if not match:
        return None
    *ids, signature = match.groups()
    if not constant_time_compare(signature, _signature("-".join(ids))):
        return None
    course_id, company_id, user_id = (int(value, 36) for value in ids)
    company = Company.objects.filter(pk=company_id).first()
    course = CoursePage.objects.live().filter(pk=course_id).first()
    if company is None or course is None:
        return None
    membership = (
        Membership.objects.for_company(company)
        .filter(user_id=user_id)
        .select_related("user")
        .first()
    )
    if membership is None:
        return None
    progress = selectors.course_progress(
        company=company, user=membership.user, course=course
    )
    if not progress.complete:
        return None
    return certificate_facts(
        company=company, user=membership.user, course=course, progress=progress
    )


def verify_url(number: str) -> str:
    path = reverse("cms:certificate_verify", args=[number])
    return settings.PORTAL_BASE_URL + path


def _qr_svg(text: str, size: float = 90) -> str:
    widget = qr.QrCodeWidget(text, barLevel="M")
    x1, y1, x2, y2 = widget.getBounds()
    drawing = Drawing(
        size, size, transform=[size / (x2 - x1), 0, 0, size / (y2 - y1), 0, 0]
    )
    drawing.add(widget)
    svg = renderSVG.drawToString(drawing)
    # The XML declaration and doctype cannot stand inside HTML.
    return svg[svg.index("<svg") :]


def certificate_pdf(facts: CertificateFacts) -> bytes:
    """The certificate as PDF in the active language: issuer, person, course,
    completion date, and the number with a QR code of its verification page."""
    url = verify_url(facts.number)
    return render_pdf(
        "cms/certificate_pdf.html",
        {
            "facts": facts,
            "verify_url": url,
            # Drawn by ReportLab from our own URL: no user text in it.
            "qr_svg": mark_safe(_qr_svg(url)),  # noqa: S308
        },
    )
