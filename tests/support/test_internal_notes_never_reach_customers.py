"""Internal notes are for agents only: never on the customer's request page,
in the conversation JSON, in the history or in a mail; an agent's JSON has
them."""

import pytest
from django.core import mail
from django.urls import reverse

from partner_portal.permissions import StaffGroup
from support.services.notify import mail_requester
from tests.factories import StaffUserFactory
from tests.support.helpers import agent_says, new_request

NOTE = "Customer is on the old firmware, do not tell them yet"


@pytest.fixture
def agent(db):
    return StaffUserFactory(
        email="support@portal.example", staff_groups=[StaffGroup.SUPPORT]
    )


@pytest.fixture
def conversation(company, buyer, desk_team, agent):
    support_request = new_request(company=company, user=buyer)
    public = agent_says(support_request, agent, "Please restart the printer.")
    note = agent_says(support_request, agent, NOTE, internal=True)
    return support_request, public, note


def test_the_customer_page_shows_public_replies_only(client, buyer, conversation):
    support_request, public, note = conversation
    client.force_login(buyer)

    html = client.get(reverse("support:detail", args=[support_request.number])).content

    assert b"Please restart the printer." in html
    assert NOTE.encode() not in html
    assert b"Internal note" not in html


def test_the_customer_json_has_public_messages_only(client, buyer, conversation):
    support_request, public, note = conversation
    client.force_login(buyer)

    data = client.get(reverse("support:messages", args=[support_request.number])).json()

    assert [m["id"] for m in data["messages"]] == [public.pk]
    assert NOTE not in str(data)


def test_the_json_gives_only_messages_after_the_last_one_shown(
    client, buyer, conversation, agent
):
    support_request, public, note = conversation
    later = agent_says(support_request, agent, "Did it help?")
    client.force_login(buyer)

    data = client.get(
        reverse("support:messages", args=[support_request.number]),
        {"after": public.pk},
    ).json()

    assert [(m["id"], m["body"], m["mine"]) for m in data["messages"]] == [
        (later.pk, "Did it help?", False)
    ]


def test_an_agent_json_has_internal_notes(client, agent, conversation):
    support_request, public, note = conversation
    client.force_login(agent)

    data = client.get(reverse("support:messages", args=[support_request.number])).json()

    assert [(m["id"], m["internal"]) for m in data["messages"]] == [
        (public.pk, False),
        (note.pk, True),
    ]


def test_mails_never_carry_an_internal_note(
    conversation, django_capture_on_commit_callbacks
):
    support_request, public, note = conversation
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(ValueError, match="Internal notes"):
            mail_requester(support_request, change="reply", message=note)
        mail_requester(support_request, change="reply", message=public)

    assert len(mail.outbox) == 1
    assert "Please restart the printer." in mail.outbox[0].body
    assert NOTE not in mail.outbox[0].body
