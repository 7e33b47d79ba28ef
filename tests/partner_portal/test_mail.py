"""All mail goes through one queued task, in the recipient's language, with a
subject on one line."""

from unittest import mock

import pytest
from django.db import transaction
from django.utils.translation import gettext as _

from partner_portal.language import preferred_language_set
from partner_portal.mail import clean_subject, send_mail_task, send_mail_to
from tests.factories import InvitationFactory, UserFactory

TEMPLATE = "partner_portal/email/invitation.txt"


def _invitation_subject(invitation):
    return lambda: (
        _("You are invited to the %(company)s portal")
        % {"company": invitation.company.name}
    )


@pytest.fixture
def invitation(db):
    return InvitationFactory(
        company__name="Acme Industrial GmbH", invited_by=UserFactory()
    )


def test_mail_is_queued_after_commit_and_sent_by_the_task(
    invitation, mailoutbox, django_capture_on_commit_callbacks
):
    # When a mail is asked for inside a transaction
    with mock.patch("partner_portal.mail.send_mail_task") as queued:
        queued.enqueue.side_effect = send_mail_task.enqueue
        enqueue = queued.enqueue
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            count = send_mail_to(
                "someone@example.com",
                template=TEMPLATE,
                subject=_invitation_subject(invitation),
                context={"invitation": invitation, "link": "http://x/"},
            )
            # Then nothing is sent or queued before the commit
            assert count == 1
            assert mailoutbox == []
            enqueue.assert_not_called()
        for callback in callbacks:
            callback()

    # And at the commit the one task sends it
    enqueue.assert_called_once()
    assert enqueue.call_args.kwargs["to"] == ["someone@example.com"]
    assert len(mailoutbox) == 1
    assert mailoutbox[0].subject == "You are invited to the Acme Industrial GmbH portal"


def _mail_then_fail(invitation):
    with transaction.atomic():
        send_mail_to(
            "someone@example.com",
            template=TEMPLATE,
            subject="Hello",
            context={"invitation": invitation, "link": "http://x/"},
        )
        raise RuntimeError("the document could not be saved")


def test_rolled_back_transaction_queues_no_mail(
    invitation, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError):
            _mail_then_fail(invitation)

    assert callbacks == []
    assert mailoutbox == []


def test_german_recipient_gets_a_german_mail_and_english_one_an_english_mail(
    invitation, mailoutbox, django_capture_on_commit_callbacks
):
    # Given one user who prefers German and one who never chose
    german = UserFactory(email="anna@example.de")
    preferred_language_set(user=german, language="de")
    english = UserFactory(email="bob@example.com")

    # When both are mailed (once as a user, once by address)
    with django_capture_on_commit_callbacks(execute=True):
        send_mail_to(
            [german, "BOB@example.com"],
            template=TEMPLATE,
            subject=_invitation_subject(invitation),
            context={"invitation": invitation, "link": "http://x/"},
        )

    # Then each reads their own language
    by_address = {mail.to[0]: mail for mail in mailoutbox}
    assert set(by_address) == {"anna@example.de", "BOB@example.com"}
    german_mail = by_address["anna@example.de"]
    assert german_mail.subject == "Einladung zum Portal von Acme Industrial GmbH"
    assert "Öffnen Sie diesen Link, um Ihr Konto anzulegen:" in german_mail.body
    english_mail = by_address["BOB@example.com"]
    assert english_mail.subject == "You are invited to the Acme Industrial GmbH portal"
    assert "Open this link to create your account:" in english_mail.body
    assert english.email == "bob@example.com"


def test_german_preference_found_by_address_in_any_case(
    invitation, mailoutbox, django_capture_on_commit_callbacks
):
    german = UserFactory(email="Anna@Example.de")
    preferred_language_set(user=german, language="de")

    with django_capture_on_commit_callbacks(execute=True):
        send_mail_to(
            "anna@example.de",
            template=TEMPLATE,
            subject=_invitation_subject(invitation),
            context={"invitation": invitation, "link": "http://x/"},
        )

    assert mailoutbox[0].subject == "Einladung zum Portal von Acme Industrial GmbH"


def test_explicit_language_wins_over_the_preference(
    invitation, mailoutbox, django_capture_on_commit_callbacks
):
    german = UserFactory()
    preferred_language_set(user=german, language="de")

    with django_capture_on_commit_callbacks(execute=True):
        send_mail_to(
            german,
            template=TEMPLATE,
            subject=_invitation_subject(invitation),
            context={"invitation": invitation, "link": "http://x/"},
            language="en",
        )

    assert mailoutbox[0].subject == "You are invited to the Acme Industrial GmbH portal"


def test_company_name_with_a_newline_gives_a_one_line_subject(
    db, mailoutbox, django_capture_on_commit_callbacks
):
    # Given a company whose name carries a newline and a control character
    invitation = InvitationFactory(
        company__name="Evil\r\nBcc: x@evil.example\x07 Ltd", invited_by=UserFactory()
    )

    # When its invitation is mailed, nothing raises BadHeaderError
    with django_capture_on_commit_callbacks(execute=True):
        send_mail_to(
            "someone@example.com",
            template=TEMPLATE,
            subject=_invitation_subject(invitation),
            context={"invitation": invitation, "link": "http://x/"},
        )

    # Then the subject is on one line and no header was injected
    mail = mailoutbox[0]
    assert mail.subject == (
        "You are invited to the Evil Bcc: x@evil.example Ltd portal"
    )
    assert mail.bcc == []
    assert "\n" not in mail.message()["Subject"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Order 1\n2", "Order 1 2"),
        ("  many   spaces\t\there ", "many spaces here"),
        ("line\u2028separator\u2029paragraph", "line separator paragraph"),
        ("\x00null\x1funit", "null unit"),
        # The zero-width non-joiner is part of Persian spelling: it stays.
        ("می\u200cخواهم", "می\u200cخواهم"),
    ],
)
def test_clean_subject(text, expected):
    assert clean_subject(text) == expected


def test_clean_subject_shortens_very_long_subjects():
    subject = clean_subject("x" * 500)

    assert len(subject) == 200
    assert subject.endswith("…")


def test_recipients_without_address_and_repeats_are_skipped(
    invitation, mailoutbox, django_capture_on_commit_callbacks
):
    nobody = UserFactory(email="")

    with django_capture_on_commit_callbacks(execute=True):
        count = send_mail_to(
            [nobody, "", "a@example.com", "A@example.com"],
            template=TEMPLATE,
            subject="Hello",
            context={"invitation": invitation, "link": "http://x/"},
        )

    assert count == 1
    assert [mail.to for mail in mailoutbox] == [["a@example.com"]]


def test_a_subject_is_required(db):
    with pytest.raises(ValueError, match="subject"):
        send_mail_to("a@example.com", template=TEMPLATE, context={})
