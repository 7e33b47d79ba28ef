"""A company admin reads, filters and exports their company's trail (never
another company's); superusers read every company's, also the portal's own
chain. The page costs the same number of queries for 10 or 300 entries."""

import csv
import datetime
import io

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from audit.actions import Action
from audit.models import AuditEntry
from audit.services import ObjectRef, record
from audit.views import details
from tests.factories import UserFactory

LIST = reverse("audit:list")
EXPORT = reverse("audit:export")
STAFF_LIST = reverse("audit:staff_list")
STAFF_EXPORT = reverse("audit:staff_export")


def _rows(response):
    text = response.content.decode()
    return list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))


def _entries(response):
    return [(e.action, e.actor_email) for e in response.context["entries"]]


def test_an_admin_reads_only_their_companys_trail(
    client, company, company_admin, buyer, other_company, other_admin
):
    record(Action.BUDGET_SET, company=company, actor=buyer)
    record(Action.API_KEY_CREATED, company=other_company, actor=other_admin)
    client.force_login(company_admin)

    response = client.get(LIST)

    assert response.status_code == 200
    # Newest first: the admin's own sign-in, then the budget.
    assert _entries(response) == [
        ("auth.login", "admin@acme.example"),
        ("budget.set", "buyer@acme.example"),
    ]
    assert "admin@globex.example" not in response.text
    assert "api_key.created" not in {e.action for e in response.context["entries"]}


def test_the_trail_filters_by_action_actor_and_dates(
    client, company, company_admin, buyer
):
    record(Action.BUDGET_SET, company=company, actor=buyer)
    record(Action.BUDGET_DELETED, company=company, actor=company_admin)
    client.force_login(company_admin)

    by_action = client.get(LIST, {"action": "budget.set"})
    by_actor = client.get(LIST, {"actor": "BUYER@"})
    today = timezone.localdate()
    tomorrow = (today + datetime.timedelta(days=1)).isoformat()
    yesterday = (today - datetime.timedelta(days=1)).isoformat()
    in_range = client.get(LIST, {"date_from": today.isoformat(), "date_to": today})
    future = client.get(LIST, {"date_from": tomorrow})
    past = client.get(LIST, {"date_to": yesterday})

    assert _entries(by_action) == [("budget.set", "buyer@acme.example")]
    assert _entries(by_actor) == [("budget.set", "buyer@acme.example")]
    assert len(_entries(in_range)) == 3
    assert _entries(future) == []
    assert _entries(past) == []


def test_an_invalid_filter_answers_400_with_the_whole_trail(
    client, company, company_admin
):
    client.force_login(company_admin)

    response = client.get(LIST, {"date_from": "not-a-date"})

    assert response.status_code == 400
    assert len(_entries(response)) == 1


def test_the_export_is_the_filtered_trail_with_hashes(
    client, company, company_admin, buyer, other_company
):
    entry = record(
        Action.PRICE_CHANGED,
        company=company,
        actor=buyer,
        obj=ObjectRef("company price", "7", "=HYPERLINK(1)"),
        data={"changes": {"price": ["1.00", "2.00"]}},
    )
    record(Action.BUDGET_SET, company=other_company)
    client.force_login(company_admin)

    response = client.get(EXPORT, {"action": "price.changed"})

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment;")
    header, *rows = _rows(response)
    assert header[:5] == ["Number", "Time (UTC)", "Actor", "IP address", "Action"]
    assert rows == [
        [
            "1",
            entry.created_at.astimezone(datetime.UTC).isoformat(),
            "buyer@acme.example",
            "",
            "price.changed",
            "company price",
            "7",
            "'=HYPERLINK(1)",
            '{"changes": {"price": ["1.00", "2.00"]}}',
            "0" * 64,
            entry.hash,
        ]
    ]


def test_superusers_read_every_trail_and_filter_by_company(
    client, company, other_company, buyer, other_admin
):
    record(Action.BUDGET_SET, company=company, actor=buyer)
    record(Action.API_KEY_CREATED, company=other_company, actor=other_admin)
    superuser = UserFactory(email="root@portal.example", is_superuser=True)
    client.force_login(superuser)

    everything = client.get(STAFF_LIST)
    acme = client.get(STAFF_LIST, {"company": company.pk})
    portal = client.get(STAFF_LIST, {"company": "portal"})
    export = client.get(STAFF_EXPORT, {"company": other_company.pk})

    assert set(_entries(everything)) == {
        ("budget.set", "buyer@acme.example"),
        ("api_key.created", "admin@globex.example"),
        ("auth.login", "root@portal.example"),
    }
    assert _entries(acme) == [("budget.set", "buyer@acme.example")]
    assert _entries(portal) == [("auth.login", "root@portal.example")]
    [_header, row] = _rows(export)
    assert (row[0], row[5]) == ("Globex Corporation", "api_key.created")


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response


def test_the_trail_page_does_not_grow_with_the_entries(
    client, company, company_admin, buyer
):
    for _index in range(10):
        record(Action.BUDGET_SET, company=company, actor=buyer, obj=company)
    client.force_login(company_admin)
    client.get(LIST)  # the session and the frame's caches
    few, _response = _queries(client, LIST)

    for _index in range(290):
        record(Action.BUDGET_SET, company=company, actor=buyer, obj=company)
    # The frame's caches again, emptied by the writes, as before `few`
    client.get(LIST)
    many, response = _queries(client, LIST)

    assert response.context["page_obj"].paginator.count == 301
    assert many == few
    assert many <= 20
    assert AuditEntry.objects.for_company(company).count() == 301


def test_the_staff_page_does_not_grow_with_the_entries(
    client, company, other_company, buyer
):
    superuser = UserFactory(is_superuser=True)
    for _index in range(5):
        record(Action.BUDGET_SET, company=company, actor=buyer)
        record(Action.BUDGET_SET, company=other_company)
    client.force_login(superuser)
    client.get(STAFF_LIST)
    few, _response = _queries(client, STAFF_LIST)

    for _index in range(100):
        record(Action.BUDGET_SET, company=company, actor=buyer)
        record(Action.BUDGET_SET, company=other_company)
    many, _response = _queries(client, STAFF_LIST)

    assert many == few
    assert many <= 20


def test_long_words_in_the_details_are_shortened_on_the_page():
    text = details({"sha256": "a" * 64, "reason": "Too expensive", "empty": ""})

    assert text == f"reason: Too expensive · sha256: {'a' * 16}…"
