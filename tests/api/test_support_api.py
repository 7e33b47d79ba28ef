"""/api/v1/support/ with a company key: the requests the key's member sees on
"Support", one request with its public conversation (internal notes never),
customer replies once per Idempotency-Key, and the services one may request."""

import pytest
from django.core import mail

from partner_portal.permissions import Role, StaffGroup
from support.models import Event, Message, Status, SupportRequest
from support.services import sharing_set
from support.services.desk import agent_reply, request_assign
from tests.api.conftest import assert_problem
from tests.api.service_world import (  # noqa: F401  fixtures
    fixture_desk_team,
    fixture_laptop_service,
    fixture_other_services,
    fixture_private_files,
    queries_of,
)
from tests.factories import MembershipFactory, StaffUserFactory
from tests.support.helpers import new_request, set_status

LIST = "/api/v1/support/requests/"
SERVICES = "/api/v1/support/services/"
NOTE = "Customer is on the old firmware, do not tell them yet"


def detail(number):
    return f"{LIST}{number}/"


def replies(number):
    return f"{LIST}{number}/replies/"


@pytest.fixture(name="agent")
def fixture_agent(db):
    return StaffUserFactory(
        email="support@portal.example",
        first_name="Sam",
        last_name="Agent",
        staff_groups=[StaffGroup.SUPPORT],
    )


@pytest.fixture(name="conversation")
def fixture_conversation(company, buyer, desk_team, agent):
    """A request with a public answer, an internal note and an assignment."""
    support_request = new_request(company=company, user=buyer)
    request_assign(support_request=support_request, actor=agent, assignee=agent)
    public = agent_reply(
        support_request=support_request, author=agent, body="Please restart it."
    )
    note = agent_reply(
        support_request=support_request, author=agent, body=NOTE, internal=True
    )
    mail.outbox.clear()
    support_request.refresh_from_db()
    return support_request, public, note


# Reading.


def test_the_list_shows_the_companys_requests_newest_first(
    company_key, company, buyer, procurement, desk_team
):
    first = new_request(company=company, user=procurement, subject="Label printer")
    second = new_request(company=company, user=buyer)
    client = company_key(buyer, access="read", resources=["support"])

    body = client.get(LIST).json()

    assert [row["number"] for row in body["results"]] == [second.number, first.number]
    assert body["results"][0] == {
        "number": second.number,
        "subject": "Printer offline",
        "status": "new",
        "status_label": "New",
        "priority": "normal",
        "priority_label": "Normal",
        "approval": "not_needed",
        "approval_label": "Not needed",
        "service": None,
        "service_name": "",
        "requester": "Bruno Buyer",
        "created_at": body["results"][0]["created_at"],
        "updated_at": body["results"][0]["updated_at"],
    }


def test_without_sharing_a_colleague_sees_only_their_own(
    company_key, company, buyer, procurement, company_admin, desk_team
):
    mine = new_request(company=company, user=buyer)
    theirs = new_request(company=company, user=procurement)
    sharing_set(company=company, share=False)

    own = company_key(buyer).get(LIST).json()
    admin = company_key(company_admin).get(LIST).json()

    assert [row["number"] for row in own["results"]] == [mine.number]
    assert admin["count"] == 2
    assert_problem(company_key(buyer).get(detail(theirs.number)), 404)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"status": "open"}, ["new"]),
        ({"status": "resolved"}, ["resolved"]),
        ({"status": "waiting_for_me"}, []),
        ({"ordering": "created_at"}, ["resolved", "new"]),
    ],
)
def test_the_list_filters_by_status_like_the_support_page(
    company_key, company, buyer, desk_team, query, expected
):
    set_status(new_request(company=company, user=buyer), Status.RESOLVED)
    new_request(company=company, user=buyer)

    body = company_key(buyer).get(LIST, query).json()

    assert [row["status"] for row in body["results"]] == expected


@pytest.mark.parametrize(
    ("query", "field"),
    [({"status": "lost"}, "status"), ({"ordering": "x"}, "ordering")],
)
def test_a_wrong_filter_is_a_400(company_key, buyer, query, field):
    assert_problem(company_key(buyer).get(LIST, query), 400, field=field)


def test_the_detail_has_the_public_conversation_and_history(
    company_key, buyer, conversation
):
    support_request, public, note = conversation

    body = company_key(buyer, access="read").get(detail(support_request.number)).json()

    assert body["number"] == support_request.number
    assert body["description"] == "It says paper jam."
    assert (body["team"], body["assignee"], body["status"]) == (
        "Service desk",
        "Sam Agent",
        "in_progress",
    )
    assert body["messages"] == [
        {
            "id": public.pk,
            "author": "Sam Agent",
            "body": "Please restart it.",
            "created_at": body["messages"][0]["created_at"],
            "attachments": [],
        }
    ]
    assert [(e["kind"], e["value"]) for e in body["history"]] == [
        ("created", "New"),
        ("reply", ""),
        ("status", "In progress"),
    ]


def test_an_internal_note_never_appears_in_the_api(company_key, buyer, conversation):
    support_request, public, note = conversation
    client = company_key(buyer)

    response = client.get(detail(support_request.number))
    listed = client.get(LIST).content.decode()

    assert Message.objects.filter(pk=note.pk, internal=True).exists()
    assert Event.objects.filter(request=support_request, kind="note").exists()
    raw = response.content.decode()
    assert NOTE not in raw
    assert NOTE not in listed
    assert "Internal note" not in raw
    body = response.json()
    assert [m["id"] for m in body["messages"]] == [public.pk]
    assert {e["kind"] for e in body["history"]} == {"created", "reply", "status"}


def test_another_companys_request_is_404_and_not_listed(
    company_key, other_admin, conversation
):
    support_request, _public, _note = conversation
    client = company_key(other_admin)

    assert_problem(client.get(detail(support_request.number)), 404)
    assert client.get(LIST).json()["count"] == 0
    assert_problem(client.get(detail("REQ-2000-000404")), 404)


def test_the_list_costs_the_same_queries_for_few_and_many(
    company_key, company, buyer, desk_team, laptop_service
):
    client = company_key(buyer, access="read", resources=["support"])
    for index in range(3):
        new_request(
            company=company, user=buyer, service=laptop_service, key=f"a{index}"
        )
    few = queries_of(lambda: client.get(LIST))
    colleague = MembershipFactory(company=company, role=Role.BUYER).user
    for index in range(40):
        new_request(
            company=company,
            user=colleague if index % 2 else buyer,
            service=laptop_service if index % 3 else None,
            key=f"b{index}",
        )

    many = queries_of(lambda: client.get(LIST, {"page_size": 100}))

    assert many == few
    assert few <= 12


# Replies.


def test_a_reply_by_key_is_a_public_customer_reply(
    company_key, buyer, conversation, agent, django_capture_on_commit_callbacks
):
    support_request, _public, _note = conversation
    SupportRequest.objects.filter(pk=support_request.pk).update(status=Status.WAITING)
    client = company_key(buyer, resources=["support"])

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            replies(support_request.number),
            {"body": "  Done, still broken. "},
            format="json",
        )

    assert response.status_code == 201, response.content
    message = Message.objects.get(pk=response.json()["id"])
    assert (message.body, message.author, message.internal) == (
        "Done, still broken.",
        buyer,
        False,
    )
    assert response.json() == {
        "id": message.pk,
        "author": "Bruno Buyer",
        "body": "Done, still broken.",
        "created_at": response.json()["created_at"],
        "attachments": [],
    }
    support_request.refresh_from_db()
    assert support_request.status == Status.IN_PROGRESS
    assert [m.to for m in mail.outbox] == [[agent.email]]


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({}, "body", "This field is required."),
        ({"body": "   "}, "body", "This field may not be blank."),
        (
            {"body": "x" * 10001},
            "body",
            "Ensure this field has no more than 10000 characters.",
        ),
        ({"body": "Hi", "internal": True}, "internal", "Unknown field."),
    ],
)
def test_a_wrong_reply_is_a_400_and_saves_nothing(
    company_key, buyer, conversation, data, field, message
):
    support_request, _public, _note = conversation
    before = Message.objects.count()

    response = company_key(buyer).post(
        replies(support_request.number), data, format="json"
    )

    assert assert_problem(response, 400, field=field)["errors"][field] == [message]
    assert Message.objects.count() == before


def test_a_closed_request_takes_no_reply(company_key, buyer, conversation):
    support_request, _public, _note = conversation
    set_status(support_request, Status.CLOSED)

    response = company_key(buyer).post(
        replies(support_request.number), {"body": "Hello?"}, format="json"
    )

    body = assert_problem(response, 400, field="non_field_errors")
    assert body["errors"]["non_field_errors"] == [
        "This request is no longer open; reopen it to write again."
    ]
    assert (
        support_request.messages.filter(author__email="buyer@acme.example").count() == 0
    )


def test_a_retried_reply_is_written_once(company_key, buyer, conversation):
    support_request, _public, _note = conversation
    client = company_key(buyer)

    first = client.post(
        replies(support_request.number),
        {"body": "Thanks"},
        format="json",
        HTTP_IDEMPOTENCY_KEY="reply-1",
    )
    retry = client.post(
        replies(support_request.number),
        {"body": "Thanks"},
        format="json",
        HTTP_IDEMPOTENCY_KEY="reply-1",
    )

    assert (first.status_code, retry.status_code) == (201, 201)
    assert retry["Idempotent-Replayed"] == "true"
    assert support_request.messages.filter(body="Thanks").count() == 1


def test_another_company_cannot_reply(company_key, other_admin, conversation):
    support_request, _public, _note = conversation
    before = Message.objects.count()

    response = company_key(other_admin).post(
        replies(support_request.number), {"body": "Hi"}, format="json"
    )

    assert_problem(response, 404)
    assert Message.objects.count() == before


# The services one may request.


def test_services_list_what_the_member_may_request_with_their_forms(
    company_key, buyer, laptop_service, other_services
):
    body = company_key(buyer, access="read", resources=["support"]).get(SERVICES).json()

    assert [service["slug"] for service in body] == ["licence", "new-laptop", "scan"]
    laptop = body[1]
    assert (laptop["department"], laptop["requires_approval"]) == ("IT", False)
    assert laptop["form_fields"][0] == {
        "label": "Model",
        "kind": "choice",
        "required": True,
        "help_text": "",
        "choices": ["Standard", "Developer"],
        "future_only": False,
    }
    assert [field["label"] for field in laptop["form_fields"]] == [
        "Model",
        "Needed by",
        "Quantity",
        "Cost centre",
        "Notes",
    ]


# Who may.


def test_no_key_and_a_revoked_key_are_401(api_client, company_key, buyer):
    client = company_key(buyer)
    client.api_key.revoke(by=buyer)

    for response in (
        api_client.get(LIST),
        client.get(LIST),
        client.get(SERVICES),
        client.post(LIST, {"subject": "x", "description": "y"}, format="json"),
    ):
        assert_problem(response, 401)
    assert SupportRequest.objects.count() == 0


@pytest.mark.parametrize(
    ("access", "resources", "method", "status"),
    [
        ("write", ["returns"], "get", 403),
        ("write", ["returns"], "post", 403),
        ("read", ["support"], "post", 403),
        ("read", ["support"], "get", 200),
    ],
)
def test_the_keys_scope_decides(
    company_key, buyer, desk_team, access, resources, method, status
):
    client = company_key(buyer, access=access, resources=resources)

    if method == "get":
        response = client.get(LIST)
    else:
        response = client.post(
            LIST, {"subject": "Printer", "description": "Jam"}, format="json"
        )

    assert response.status_code == status
    assert SupportRequest.objects.count() == 0


def test_a_staff_key_has_no_company_requests(staff_key):
    assert_problem(staff_key().get(LIST), 403)
