"""Visitors may send five entries per address and hour; the sixth is refused
with a clear message, keeps what was typed and saves nothing. Members are not
limited, and a double submit does not count twice."""

import time
from types import SimpleNamespace

from django.core.cache import caches
from django.core.cache.backends import locmem
from django.urls import reverse

from feedback.models import Feedback
from feedback.services import ANONYMOUS_PER_HOUR
from tests.feedback.conftest import form_data, send


def _send_many(client, count, prefix="k", **extra):
    return [
        send(client, submission_key=f"{prefix}{n}", **extra).status_code
        for n in range(count)
    ]


def test_the_sixth_entry_in_an_hour_is_refused_with_a_message(client, db):
    assert ANONYMOUS_PER_HOUR == 5
    assert _send_many(client, 5) == [302] * 5

    response = send(client, submission_key="sixth", message="One more thing")

    assert response.status_code == 429
    page = response.content.decode()
    assert (
        "You have sent a lot of feedback in the last hour. Please try again later."
        in page
    )
    assert "One more thing</textarea>" in page
    assert Feedback.objects.count() == 5


def test_another_address_may_still_send(client, db):
    _send_many(client, 6)

    response = client.post(
        reverse("feedback:send"),
        form_data(submission_key="elsewhere"),
        REMOTE_ADDR="203.0.113.9",
    )

    assert response.status_code == 302
    assert Feedback.objects.count() == 6


def test_a_double_submit_does_not_count_twice(client, db):
    _send_many(client, 4)
    send(client, submission_key="k3")  # the fourth form, posted again

    assert send(client, submission_key="fifth").status_code == 302
    assert Feedback.objects.count() == 5


def test_members_are_not_limited(client, buyer):
    client.force_login(buyer)

    assert _send_many(client, 8) == [302] * 8
    assert Feedback.objects.filter(user=buyer).count() == 8


def test_the_limit_starts_again_after_an_hour(client, db, monkeypatch):
    _send_many(client, 6)
    backend = caches["default"]
    if isinstance(backend, locmem.LocMemCache):
        later = time.time() + 3601
        monkeypatch.setattr(locmem, "time", SimpleNamespace(time=lambda: later))
    else:
        # Redis (REDIS_URL) expires the counter itself: it is set to an hour,
        # and the hour is cut short.
        key = "feedback:anonymous:127.0.0.1"
        redis_client = backend._cache.get_client(write=True)
        assert 3500 < redis_client.ttl(backend.make_key(key)) <= 3600
        backend.touch(key, 0)

    assert send(client, submission_key="next-hour").status_code == 302
    assert Feedback.objects.count() == 6
