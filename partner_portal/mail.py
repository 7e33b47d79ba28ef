"""All mail the portal sends goes through `send_mail_to`: rendered in each
recipient's language, with a subject that cannot break the header, and sent
by one task through Django's tasks API after the transaction commits (never
inside the request, so a slow mail server cannot hold a page or a lock)."""

import unicodedata
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task

from partner_portal.language import languages_of_addresses, preferred_language

MAX_SUBJECT_LENGTH = 200

Subject = str | Callable[[], str]


def clean_subject(text: str) -> str:
    """`text` on one line: control characters and line or paragraph
    separators become spaces, runs of white space one space, at most
    MAX_SUBJECT_LENGTH characters. (A newline in a header raises
    BadHeaderError; a company name may well contain one.) Format characters
    such as the zero-width non-joiner stay: Persian words need them."""
    text = "".join(
        " " if unicodedata.category(char) in ("Cc", "Zl", "Zp") else char
        for char in str(text)
    )
    text = " ".join(text.split())
    if len(text) > MAX_SUBJECT_LENGTH:
        text = text[: MAX_SUBJECT_LENGTH - 1].rstrip() + "…"
    return text


@task()
def send_mail_task(*, to: list[str], subject: str, body: str) -> None:
    """Send one rendered mail."""
    EmailMessage(
        subject=clean_subject(subject),
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=to,
    ).send()


def _recipients(recipients) -> list[tuple[str, object]]:
    if recipients is None:
        return []
    if isinstance(recipients, str) or not isinstance(recipients, Iterable):
        recipients = [recipients]
    found, seen = [], set()
    for recipient in recipients:
        if isinstance(recipient, str):
            address, user = recipient.strip(), None
        else:
            address, user = (getattr(recipient, "email", "") or "").strip(), recipient
        if address and address.lower() not in seen:
            seen.add(address.lower())
            found.append((address, user))
    return found


def _render(*, template, subject, subject_template, context) -> tuple[str, str]:
    if subject_template:
        subject_text = render_to_string(subject_template, context)
    elif callable(subject):
        subject_text = subject()
    else:
        subject_text = str(subject)
    return clean_subject(subject_text), render_to_string(template, context)


def send_mail_to(
    recipients,
    *,
    template: str,
    context: dict | None = None,
    subject: Subject | None = None,
    subject_template: str | None = None,
    language: str | None = None,
    default_language: str | None = None,
) -> int:
    """Queue one mail per recipient (a user, an address, or a list of them;
    empty addresses and repeats are skipped) and return how many.

    Body from `template`, subject from `subject_template` or `subject` (a
    string, or a callable such as `lambda: _("Order %(number)s") % {...}` so
    that it is translated in the recipient's language). Each mail is rendered
    in `language` if given, else in the recipient's preferred language, else
    in `default_language`, else in the portal's default. The context gets
    `base_url` (settings.PORTAL_BASE_URL, for absolute links) and `recipient`
    (the user, when known). The mails are sent by
    `send_mail_task` once the current transaction commits; nothing is queued
    if it rolls back."""
    if not subject and not subject_template:
        raise ValueError("send_mail_to() needs a subject or a subject_template.")
    targets = _recipients(recipients)
    if not targets:
        return 0
    by_address = languages_of_addresses(
        [address for address, user in targets if user is None]
    )
    base = {"base_url": settings.PORTAL_BASE_URL, **(context or {})}
    fallback = default_language or settings.LANGUAGE_CODE
    for address, user in targets:
        mail_language = (
            language
            or (preferred_language(user) if user is not None else None)
            or by_address.get(address.lower(), fallback)
        )
        with translation.override(mail_language):
            subject_text, body = _render(
                template=template,
                subject=subject,
                subject_template=subject_template,
                context={"recipient": user, **base},
            )
        _enqueue_on_commit(to=[address], subject=subject_text, body=body)
    return len(targets)


def _enqueue_on_commit(*, to: list[str], subject: str, body: str) -> None:
    transaction.on_commit(
        lambda: send_mail_task.enqueue(to=to, subject=subject, body=body)
    )
