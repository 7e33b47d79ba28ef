"""The agent's request page: the whole conversation with internal notes
marked, replying and noting (a note never reaches the customer's page,
JSON or mail), assigning, status, merge and the knowledge draft."""

import pytest
from django.core import mail
from django.utils import timezone

from cms.models import ArticlePage
from support.models import Message, Status, SupportRequest
from tests.factories.cms import knowledge_category
from tests.helpers import snapshot
from tests.support.desk_world import agent, make_request, sla_targets, team

NOTE = "Internal: customer is on the old firmware"


@pytest.fixture
def staff(db):
    sla_targets()
    return agent()


@pytest.fixture
def request_(company, buyer, staff):
    return make_request(
        company=company,
        requester=buyer,
        desk_team=team(members=[staff]),
        created_at=timezone.now(),
    )


def _desk(request_, action=""):
    return f"/portal/support/desk/{request_.number}/" + (f"{action}/" if action else "")


def test_the_agent_sees_notes_marked_and_the_customer_never_sees_them(
    client, staff, buyer, request_, django_capture_on_commit_callbacks
):
    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_desk(request_, "reply"), {"body": NOTE, "internal": "on"})
        client.post(_desk(request_, "reply"), {"body": "Please update the firmware."})

    desk_page = client.get(_desk(request_)).content.decode()
    agent_json = client.get(
        f"/portal/support/requests/{request_.number}/messages/"
    ).json()
    client.force_login(buyer)
    customer_page = client.get(f"/portal/support/requests/{request_.number}/")
    customer_json = client.get(
        f"/portal/support/requests/{request_.number}/messages/"
    ).json()

    assert NOTE in desk_page
    assert "Internal note" in desk_page
    assert [m["internal"] for m in agent_json["messages"]] == [True, False]
    assert customer_page.status_code == 200
    assert NOTE not in customer_page.content.decode()
    assert "Please update the firmware." in customer_page.content.decode()
    assert [m["body"] for m in customer_json["messages"]] == [
        "Please update the firmware."
    ]
    assert len(mail.outbox) == 1
    assert NOTE not in mail.outbox[0].body
    assert "Please update the firmware." in mail.outbox[0].body


def test_reply_and_resolve_in_one_step(client, staff, request_):
    client.force_login(staff)

    response = client.post(
        _desk(request_, "reply"), {"body": "Fixed.", "then_status": "resolved"}
    )

    request_.refresh_from_db()
    assert response.status_code == 302
    assert request_.status == Status.RESOLVED
    assert request_.first_response_at is not None


def test_an_empty_reply_is_refused_and_nothing_is_written(client, staff, request_):
    client.force_login(staff)
    before = snapshot(Message, SupportRequest)

    response = client.post(_desk(request_, "reply"), {"body": "  "})

    assert response.status_code == 400
    assert "Write a message or attach a file." in response.content.decode()
    assert snapshot(Message, SupportRequest) == before


def test_assign_to_me_and_to_waiting(client, staff, request_):
    client.force_login(staff)

    client.post(_desk(request_, "assign"), {"assignee": staff.pk})
    client.post(_desk(request_, "status"), {"status": "waiting"})

    request_.refresh_from_db()
    assert request_.assignee == staff
    assert request_.status == Status.WAITING
    assert request_.waiting_since is not None
    page = client.get("/portal/support/desk/", {"status": "waiting"})
    assert "Paused while waiting" in page.content.decode()


def test_merge_into_a_request_of_another_company_is_refused(
    client, staff, request_, other_company, other_buyer
):
    client.force_login(staff)
    foreign = make_request(
        company=other_company, requester=other_buyer, desk_team=request_.team
    )
    before = snapshot(SupportRequest)

    response = client.post(_desk(request_, "merge"), {"target": foreign.number})

    assert response.status_code == 400
    assert "The company has no request" in response.content.decode()
    assert snapshot(SupportRequest) == before


def test_merge_into_a_request_of_the_same_company(
    client, staff, request_, company, buyer
):
    client.force_login(staff)
    target = make_request(company=company, requester=buyer, desk_team=request_.team)

    response = client.post(_desk(request_, "merge"), {"target": target.number})

    request_.refresh_from_db()
    assert response.status_code == 302
    assert request_.merged_into == target
    assert request_.status == Status.CLOSED
    assert request_.number in client.get(_desk(target)).content.decode()


def test_knowledge_draft_from_a_resolved_request(client, staff, request_):
    client.force_login(staff)
    category = knowledge_category("Printing")
    client.post(_desk(request_, "reply"), {"body": "Restart the spooler."})
    client.post(_desk(request_, "status"), {"status": "resolved"})

    response = client.post(_desk(request_, "knowledge"), {"category": category.pk})

    assert response.status_code == 302
    draft = ArticlePage.objects.get()
    assert (draft.title, draft.live) == ("Printer offline", False)


def test_the_knowledge_form_is_offered_only_once_resolved(client, staff, request_):
    client.force_login(staff)

    page = client.get(_desk(request_)).content.decode()

    assert 'id="knowledge-form"' not in page
    assert 'id="merge-form"' in page


def test_customers_get_403_on_the_agent_page_and_its_actions(
    client, buyer, company_admin, request_
):
    before = snapshot(SupportRequest, Message)
    for user in (buyer, company_admin):
        client.force_login(user)
        assert client.get(_desk(request_)).status_code == 403
        assert client.post(_desk(request_, "reply"), {"body": "x"}).status_code == 403
    assert snapshot(SupportRequest, Message) == before


def test_an_unknown_number_is_404_for_agents(client, staff, db):
    client.force_login(staff)

    assert client.get("/portal/support/desk/REQ-2026-999999/").status_code == 404
