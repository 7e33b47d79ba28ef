"""Every response and log line carries the request's id; the error pages
show it, so a user's report leads to the log lines of their request."""

import json
import logging

import pytest
from django.test import override_settings
from django.urls import path

from partner_portal.request_log import (
    HEADER,
    JsonFormatter,
    RequestIdFilter,
    current_request_id,
)

logger = logging.getLogger("tests.request_log")


def _logs_and_fails(request):
    logger.warning("about to fail")
    raise RuntimeError("boom")


urlpatterns = [path("fails/", _logs_and_fails)]
handler500 = "partner_portal.views.errors.server_error"


def test_every_response_carries_a_new_request_id(client, db):
    first = client.get("/healthz")
    second = client.get("/healthz")

    assert len(first[HEADER]) == 32
    assert first[HEADER] != second[HEADER]


def test_the_proxys_request_id_is_kept_when_it_is_a_plain_token(client, db):
    response = client.get("/healthz", headers={HEADER: "lb-7f3a9c21.42"})

    assert response[HEADER] == "lb-7f3a9c21.42"


@pytest.mark.parametrize(
    "given", ["short", "with space 12345", "a\nnewline-12345", "x" * 65]
)
def test_an_unsafe_request_id_is_replaced(client, db, given):
    response = client.get("/healthz", headers={HEADER: given})

    assert response[HEADER] != given
    assert len(response[HEADER]) == 32


@override_settings(ROOT_URLCONF=__name__)
def test_the_error_page_and_the_log_lines_name_the_same_request(client, db, caplog):
    client.raise_request_exception = False
    caplog.handler.addFilter(RequestIdFilter())

    with caplog.at_level(logging.WARNING):
        response = client.get("/fails/")

    request_id = response[HEADER]
    assert response.status_code == 500
    assert request_id in response.content.decode()
    ours = [r for r in caplog.records if r.name == "tests.request_log"]
    assert [r.request_id for r in ours] == [request_id]
    # Django's own report of the exception carries it too.
    errors = [r for r in caplog.records if r.name == "django.request"]
    assert errors
    assert all(r.request_id == request_id for r in errors)


def test_a_404_page_shows_the_reference(client, db):
    response = client.get("/no-such-page-here/")

    assert response.status_code == 404
    assert response[HEADER] in response.content.decode()


def test_json_lines_carry_time_level_message_id_and_traceback():
    record = logging.LogRecord(
        "portal", logging.ERROR, __file__, 1, "failed %s", ("twice",), None
    )
    record.request_id = "req-12345678"
    try:
        raise ValueError("bad")
    except ValueError:
        import sys

        record.exc_info = sys.exc_info()

    entry = json.loads(JsonFormatter().format(record))

    assert entry["level"] == "ERROR"
    assert entry["logger"] == "portal"
    assert entry["message"] == "failed twice"
    assert entry["request_id"] == "req-12345678"
    assert "ValueError: bad" in entry["exception"]
    assert entry["time"].endswith("+00:00")


def test_outside_a_request_lines_say_so():
    assert current_request_id() == "-"
