"""The staff queue: Support and Sales see every entry, filter by kind and
status, see the counts per kind, mark entries in review or done with a note and
export them; nobody else, and no company member, sees any entry."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from feedback.models import Feedback
from tests.feedback.conftest import entry
from tests.helpers import messages_of, snapshot

QUEUE = "/portal/feedback/"


@pytest.fixture
def entries(buyer, company, other_buyer, other_company):
    made = {
        "idea": entry("idea", message="Add a dark mode", user=buyer, company=company),
        "thanks": entry("thanks", kind="praise", message="Great shop"),
        "slow": entry(
            "slow",
            kind="complaint",
            message="Checkout is slow",
            user=other_buyer,
            company=other_company,
        ),
        "old": entry("old", kind="complaint", message="Old complaint"),
    }
    Feedback.objects.filter(pk=made["old"].pk).update(status="done")
    return made


def _shown(response):
    return {e.message for e in response.context["entries"]}


@pytest.mark.parametrize("agent", ["support_agent", "sales_agent"])
def test_support_and_sales_see_the_open_entries_of_everyone(
    client, request, entries, agent
):
    client.force_login(request.getfixturevalue(agent))

    response = client.get(QUEUE)

    assert response.status_code == 200
    assert _shown(response) == {"Add a dark mode", "Great shop", "Checkout is slow"}
    page = response.content.decode()
    assert "Acme Industrial GmbH" in page
    assert "Globex Corporation" in page


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"kind": "complaint"}, {"Checkout is slow"}),
        ({"kind": "complaint", "status": "all"}, {"Checkout is slow", "Old complaint"}),
        ({"status": "done"}, {"Old complaint"}),
        ({"status": "in_review"}, set()),
        ({"kind": "praise", "status": "new"}, {"Great shop"}),
        ({"kind": "nonsense"}, {"Add a dark mode", "Great shop", "Checkout is slow"}),
    ],
)
def test_the_queue_filters_by_kind_and_status(
    client, support_agent, entries, query, expected
):
    client.force_login(support_agent)

    assert _shown(client.get(QUEUE, query)) == expected


def test_the_counts_per_kind_follow_the_status_filter(client, support_agent, entries):
    client.force_login(support_agent)

    open_counts = client.get(QUEUE).context["kind_counts"]
    all_counts = client.get(QUEUE, {"status": "all"}).context["kind_counts"]

    assert [(kind, count) for kind, _label, count in open_counts] == [
        ("suggestion", 1),
        ("praise", 1),
        ("complaint", 1),
    ]
    assert [(kind, count) for kind, _label, count in all_counts] == [
        ("suggestion", 1),
        ("praise", 1),
        ("complaint", 2),
    ]


def test_an_agent_marks_an_entry_in_review_then_done_with_a_note(
    client, support_agent, entries
):
    client.force_login(support_agent)
    url = reverse("feedback:handle", args=[entries["slow"].pk])

    in_review = client.post(
        url,
        {
            "status": "in_review",
            "note": " Asked the shop team ",
            "back": "kind=complaint&page=1",
        },
    )
    reviewed = Feedback.objects.get(pk=entries["slow"].pk)
    done = client.post(url, {"status": "done", "note": "Fixed in 4.2"})
    finished = Feedback.objects.get(pk=entries["slow"].pk)

    assert in_review.status_code == 302
    assert in_review.url == f"{QUEUE}?kind=complaint&status=open&page=1"
    assert (reviewed.status, reviewed.staff_note, reviewed.handled_by) == (
        "in_review",
        "Asked the shop team",
        support_agent,
    )
    assert reviewed.handled_at is not None
    assert done.url == f"{QUEUE}?status=open"
    assert (finished.status, finished.staff_note) == ("done", "Fixed in 4.2")
    assert finished.handled_at >= reviewed.handled_at
    number = entries["slow"].pk
    # Not shown yet, so the first message is still waiting beside the second.
    assert messages_of(done) == [
        f"Feedback #{number} is now: In review.",
        f"Feedback #{number} is now: Done.",
    ]


@pytest.mark.parametrize("status", ["new", "closed", ""])
def test_an_entry_cannot_go_back_to_new_or_to_an_unknown_status(
    client, support_agent, entries, status
):
    client.force_login(support_agent)
    before = snapshot(Feedback)

    response = client.post(
        reverse("feedback:handle", args=[entries["idea"].pk]),
        {"status": status, "note": "x"},
    )

    assert response.status_code == 302
    assert messages_of(response)[0].startswith("The feedback was not changed:")
    assert snapshot(Feedback) == before


def test_a_foreign_back_address_leads_to_the_queue(client, support_agent, entries):
    client.force_login(support_agent)

    response = client.post(
        reverse("feedback:handle", args=[entries["idea"].pk]),
        {"status": "done", "back": "next=https://evil.example&status=evil"},
    )

    assert response.url == f"{QUEUE}?status=open"


def test_the_export_lists_the_filtered_entries_with_formulas_neutralised(
    client, support_agent, buyer, company
):
    entry("formula", message='=HYPERLINK("http://x")', user=buyer, company=company)
    entry("praise", kind="praise", message="Nice")
    client.force_login(support_agent)

    response = client.get(reverse("feedback:export"), {"kind": "suggestion"})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:5] == ["Number", "Sent at", "Kind", "Status", "Message"]
    assert len(rows) == 2
    assert rows[1][2:9] == [
        "Suggestion",
        "New",
        '\'=HYPERLINK("http://x")',
        "/portal/orders/",
        "buyer@acme.example",
        "Acme Industrial GmbH",
        "en",
    ]


@pytest.mark.parametrize(
    "persona",
    ["company_admin", "buyer", "other_admin", "partner_admin", "returns_desk"],
)
def test_no_company_member_and_no_other_staff_see_any_feedback(
    client, request, entries, persona
):
    client.force_login(request.getfixturevalue(persona))
    before = snapshot(Feedback)

    queue = client.get(QUEUE)
    export = client.get(reverse("feedback:export"))
    handle = client.post(
        reverse("feedback:handle", args=[entries["idea"].pk]), {"status": "done"}
    )

    assert (queue.status_code, export.status_code, handle.status_code) == (
        403,
        403,
        403,
    )
    for response in (queue, export, handle):
        assert b"Add a dark mode" not in response.content
        assert b"Checkout is slow" not in response.content
    assert snapshot(Feedback) == before


def test_a_company_user_finds_their_own_feedback_only_through_the_scope(
    entries, company, other_company
):
    assert list(Feedback.objects.for_company(company)) == [entries["idea"]]
    assert list(Feedback.objects.for_company(other_company)) == [entries["slow"]]
    assert list(Feedback.objects.for_company(None)) == []


def test_the_queue_costs_the_same_queries_for_few_and_many_entries(
    client, support_agent, buyer, company
):
    client.force_login(support_agent)
    entry("first", user=buyer, company=company)
    client.get(QUEUE)
    with CaptureQueriesContext(connection) as few:
        client.get(QUEUE)
    for n in range(30):
        entry(f"more-{n}", user=buyer if n % 2 else None, company=company)
    with CaptureQueriesContext(connection) as many:
        response = client.get(QUEUE)

    assert len(response.context["entries"]) == 25
    assert len(many) == len(few)
    # The page count, the counts per kind and the page of entries; the rest
    # is the page frame's.
    own = [q for q in many.captured_queries if "feedback_feedback" in q["sql"]]
    assert len(own) == 3
