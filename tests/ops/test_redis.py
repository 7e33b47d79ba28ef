"""With REDIS_URL the cache, the sessions' cache and the API's rate-limit
counters live in Redis, where every app server finds them; without Redis the
portal gets slower, not broken (partner_portal/cache.py)."""

import logging
import time

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.cache import caches
from django.test import Client
from django.urls import reverse

from api.models import ApiKey
from config.settings.cache import redis_cache
from partner_portal.cache import ResilientRedisCache
from tests.api.conftest import client_with
from tests.factories import DEFAULT_PASSWORD
from tests.ops.redis_server import RedisServer, free_port, redis_server_missing

pytestmark = pytest.mark.skipif(
    redis_server_missing(),
    reason="redis-server is not installed (apt-get install redis-server)",
)

# Short, so that a test sees Redis used again soon after it comes back.
RETRY_AFTER = 0.2


def _cache_entry(url: str) -> dict:
    entry = redis_cache(url)
    entry["OPTIONS"]["RETRY_AFTER"] = RETRY_AFTER
    return entry


@pytest.fixture
def redis_server(tmp_path):
    server = RedisServer(tmp_path)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def redis_settings(settings, redis_server):
    """The portal's cache pointed at the test's own Redis."""
    settings.CACHES = {"default": _cache_entry(redis_server.url)}
    return caches["default"]


@pytest.fixture
def quiet_once_a_minute(monkeypatch):
    # The warning is logged once a minute per process; start the minute here.
    monkeypatch.setattr(ResilientRedisCache, "_warned_at", None)


def _sign_in(client, user):
    response = client.post(
        reverse("login"), {"username": user.email, "password": DEFAULT_PASSWORD}
    )
    assert response.status_code == 302
    assert response.url == reverse("partner_portal:start")
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def _products_key(company, user, *, per_minute=0):
    key, plaintext = ApiKey.issue(
        company=company,
        name="ERP",
        access="read",
        resources=["products"],
        created_by=user,
        rate_per_minute=per_minute,
    )
    return key, client_with(plaintext)


def test_session_page_frame_and_api_counter_are_kept_in_redis(
    client, company, buyer, redis_server, redis_settings
):
    # Given a buyer who signs in and opens the start page
    session_key = _sign_in(client, buyer)
    assert client.get(reverse("partner_portal:start")).status_code == 200

    # When their ERP calls the API three times with a limit of two a minute
    key, api = _products_key(company, buyer, per_minute=2)
    codes = [api.get("/api/v1/products/").status_code for _ in range(3)]

    # Then the third call is refused, and session, page frame and the
    # counter are Redis keys (Django's key format ":<version>:<key>")
    assert codes == [200, 200, 429]
    keys = redis_server.keys()
    assert f":1:django.contrib.sessions.cached_db{session_key}" in keys
    assert ":1:portal:frame:generation" in keys
    assert f":1:api-throttle:api_key:{key.pk}" in keys
    # ... which another app server (another cache instance) reads the same
    other_server = ResilientRedisCache(redis_server.url, _cache_entry(redis_server.url))
    assert len(other_server.get(f"api-throttle:api_key:{key.pk}")) == 2


def test_a_redis_flush_logs_nobody_out(client, buyer, redis_server, redis_settings):
    # Given a signed-in buyer: the session is in Redis and in the database
    session_key = _sign_in(client, buyer)
    assert Session.objects.filter(session_key=session_key).exists()

    # When Redis loses everything
    redis_server.client().flushdb()

    # Then the buyer is still signed in (read from the database, cached again)
    response = client.get(reverse("partner_portal:start"))
    assert response.status_code == 200
    assert response.context["user"] == buyer
    assert f":1:django.contrib.sessions.cached_db{session_key}" in redis_server.keys()


def test_an_unreachable_redis_answers_as_an_empty_cache(
    settings, caplog, quiet_once_a_minute
):
    # Given a cache whose Redis port nobody listens on
    settings.CACHES = {"default": _cache_entry(f"redis://127.0.0.1:{free_port()}/0")}
    cache = caches["default"]

    # When the portal reads, writes and counts many times
    started = time.monotonic()
    with caplog.at_level(logging.WARNING, logger="partner_portal.cache"):
        for _ in range(200):
            assert cache.set("greeting", "hello") is None
            assert cache.get("greeting", "missing") == "missing"
            assert cache.add("counter", 0) is False
            assert cache.incr("counter") == 1
            assert cache.has_key("greeting") is False
            assert cache.get_many(["greeting", "counter"]) == {}
            assert cache.delete("greeting") is False
    elapsed = time.monotonic() - started

    # Then every call is a miss, all of them together cost well under a
    # second, and one warning says so (not one per call)
    assert elapsed < 1.0
    warnings = [r for r in caplog.records if r.name == "partner_portal.cache"]
    assert len(warnings) == 1
    assert "Redis cache unavailable" in warnings[0].getMessage()


def test_a_working_redis_keeps_the_cache_rules(redis_settings):
    # A missing counter is an error, as in every Django cache: only an
    # unreachable Redis turns it into a first step.
    with pytest.raises(ValueError, match="not found"):
        redis_settings.incr("never-set")
    assert redis_settings.add("counter", 5) is True
    assert redis_settings.incr("counter") == 6
    assert redis_settings.get("counter") == 6


def test_clear_with_a_key_prefix_leaves_other_prefixes_alone(redis_server, settings):
    # Given two portals (or test runs) sharing one Redis with their own prefixes
    settings.CACHES = {
        "default": {**_cache_entry(redis_server.url), "KEY_PREFIX": "one"},
        "other": {**_cache_entry(redis_server.url), "KEY_PREFIX": "two"},
    }
    caches["default"].set("name", "first")
    caches["other"].set("name", "second")

    # When the first clears its cache
    caches["default"].clear()

    # Then only its own keys are gone
    assert caches["default"].get("name") is None
    assert caches["other"].get("name") == "second"
    assert redis_server.keys() == ["two:1:name"]


@pytest.mark.fault
def test_after_a_lost_write_the_cache_starts_empty(
    redis_server, redis_settings, caplog, quiet_once_a_minute
):
    # Given a cached value (a user's token, a page-frame generation)
    cache = redis_settings
    cache.set("token", "old")

    # When Redis stops answering for a while (keeping its data) and the
    # write that should replace the value times out
    redis_server.client().client_pause(1500, all=True)
    cache.set("token", "new")
    time.sleep(1.6)

    # Then the old value is not served again once Redis answers: the cache
    # was cleared first
    with caplog.at_level(logging.WARNING, logger="partner_portal.cache"):
        assert cache.get("token") is None
    assert any("cleared it" in r.getMessage() for r in caplog.records)
    cache.set("token", "newer")
    assert cache.get("token") == "newer"


@pytest.mark.fault
def test_redis_gone_makes_the_portal_slower_not_broken(
    client, company, buyer, redis_server, redis_settings, caplog, quiet_once_a_minute
):
    # Given a signed-in buyer and their ERP's API key, with Redis running
    _sign_in(client, buyer)
    _key, api = _products_key(company, buyer)
    assert api.get("/api/v1/products/").status_code == 200

    # When Redis stops
    redis_server.stop()

    # Then the signed-in buyer, a fresh sign-in and the API all still work
    with caplog.at_level(logging.WARNING, logger="partner_portal.cache"):
        start = client.get(reverse("partner_portal:start"))
        assert start.status_code == 200
        assert start.context["user"] == buyer
        newcomer = Client()
        _sign_in(newcomer, buyer)
        assert newcomer.get(reverse("partner_portal:start")).status_code == 200
        assert api.get("/api/v1/products/").status_code == 200
    assert any("Redis cache unavailable" in r.getMessage() for r in caplog.records)

    # When Redis starts again (empty)
    redis_server.start()
    time.sleep(RETRY_AFTER * 2)

    # Then the portal uses it again: the session is cached there once more
    session_key = newcomer.cookies[settings.SESSION_COOKIE_NAME].value
    deadline = time.monotonic() + 5
    while True:
        assert newcomer.get(reverse("partner_portal:start")).status_code == 200
        keys = redis_server.keys()
        if f":1:django.contrib.sessions.cached_db{session_key}" in keys:
            break
        assert time.monotonic() < deadline, f"Redis not used again: {keys}"
        time.sleep(RETRY_AFTER)
    assert ":1:portal:frame:generation" in keys
