"""Invitations leave the request through the one mail task, in the inviting
admin's language, with a subject on one line whatever the company is called."""

from unittest import mock

import pytest
from django.core import mail
from django.urls import reverse

from partner_portal.language import preferred_language_set
from partner_portal.mail import send_mail_task
from partner_portal.permissions import Role
from tests.factories import UserFactory

COLLEAGUES = reverse("partner_portal:colleagues")


@pytest.fixture
def queued():
    with mock.patch("partner_portal.mail.send_mail_task") as task:
        task.enqueue.side_effect = send_mail_task.enqueue
        yield task.enqueue


def test_invitation_is_queued_after_the_commit(
    client, company_admin, queued, django_capture_on_commit_callbacks
):
    client.force_login(company_admin)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(COLLEAGUES, {"email": "new@example.com", "role": Role.BUYER})
    assert mail.outbox == []
    queued.assert_not_called()

    with django_capture_on_commit_callbacks(execute=True):
        for callback in callbacks:
            callback()
    queued.assert_called_once()
    assert queued.call_args.kwargs["to"] == ["new@example.com"]
    assert [m.to for m in mail.outbox] == [["new@example.com"]]


def test_company_name_with_a_newline_does_not_break_the_invitation(
    client, company, company_admin, django_capture_on_commit_callbacks
):
    company.name = "Acme\nIndustrial\r\nGmbH"
    company.save()
    client.force_login(company_admin)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            COLLEAGUES, {"email": "new@example.com", "role": Role.BUYER}
        )

    assert response.status_code == 302
    assert [m.subject for m in mail.outbox] == [
        "You are invited to the Acme Industrial GmbH portal"
    ]


def test_invitee_reads_the_admins_language_unless_they_chose_one(
    client, company_admin, django_capture_on_commit_callbacks
):
    # Given a German-speaking admin, and one invitee who already has an
    # account and chose English
    known = UserFactory(email="known@example.com")
    preferred_language_set(user=known, language="en")
    client.force_login(company_admin)
    client.post(reverse("set_language"), {"language": "de", "next": "/portal/"})

    with django_capture_on_commit_callbacks(execute=True):
        client.post(COLLEAGUES, {"email": "new@example.com", "role": Role.BUYER})
        client.post(COLLEAGUES, {"email": "known@example.com", "role": Role.BUYER})

    assert [(m.to, m.subject) for m in mail.outbox] == [
        (["new@example.com"], "Einladung zum Portal von Acme Industrial GmbH"),
        (["known@example.com"], "You are invited to the Acme Industrial GmbH portal"),
    ]
