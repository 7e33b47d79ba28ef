"""The page cache (partner_portal/page_cache.py): a page opened again while
nothing changed is served as rendered the first time; any change in the
database, another person, company, language, message or period renders it
anew, and access is decided before the cache is asked."""

from datetime import timedelta

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from partner_portal import page_cache
from partner_portal.page_cache import HIT_HEADER
from tests.factories.forums import CategoryFactory, TopicFactory
from tests.factories.orders import order_place

HISTORY = reverse("orders:list")


def _get(client, path=HISTORY, **extra):
    response = client.get(path, **extra)
    assert response.status_code == 200, response.status_code
    return response


@pytest.fixture
def buyer_client(client, buyer):
    client.force_login(buyer)
    # The first page sets the CSRF cookie; pages are kept from then on.
    client.get(reverse("partner_portal:start"))
    return client


def test_the_same_page_again_is_served_as_rendered(buyer_client, buyer, company, bolts):
    # Given a buyer with an order who opened their order history once
    order = order_place(user=buyer, company=company, lines=[(bolts, 1)])
    first = _get(buyer_client)

    # When they open it again
    again = _get(buyer_client)

    # Then the second answer is the kept page, identical, with the order
    assert first[HIT_HEADER] == "miss"
    assert again[HIT_HEADER] == "hit"
    assert again.content == first.content
    assert str(order.number) in again.content.decode()


def test_a_change_in_the_database_renders_the_page_anew(
    buyer_client, buyer, company, bolts
):
    # Given the order history, kept
    _get(buyer_client)
    assert _get(buyer_client)[HIT_HEADER] == "hit"

    # When an order is placed (a write, inside the test's open transaction)
    order = order_place(user=buyer, company=company, lines=[(bolts, 2)])

    # Then the next view is rendered anew and shows it
    response = _get(buyer_client)
    assert response[HIT_HEADER] == "miss"
    assert str(order.number) in response.content.decode()


def test_another_company_never_gets_a_kept_page(
    buyer_client, buyer, company, bolts, other_buyer
):
    # Given Acme's order history and order page, kept for Acme's buyer
    order = order_place(user=buyer, company=company, lines=[(bolts, 1)])
    detail = reverse("orders:detail", args=[order.number])
    for _ in range(2):
        _get(buyer_client)
        _get(buyer_client, detail)
    assert _get(buyer_client, detail)[HIT_HEADER] == "hit"

    # When Globex's buyer asks for the same addresses
    other = Client()
    other.force_login(other_buyer)
    other.get(reverse("partner_portal:start"))
    history = other.get(HISTORY)
    detail_answer = other.get(detail)

    # Then their own (empty) history, and Acme's order is not found
    assert history.status_code == 200
    assert HIT_HEADER not in history or history[HIT_HEADER] == "miss"
    assert str(order.number) not in history.content.decode()
    assert detail_answer.status_code == 404


def test_a_page_with_a_message_to_show_is_rendered_fresh(buyer_client, rf):
    # Given a kept order history
    _get(buyer_client)
    assert _get(buyer_client)[HIT_HEADER] == "hit"

    # When a message waits for the next page (as after a saved form)
    storage = CookieStorage(rf.get("/"))
    message = Message(constants.SUCCESS, "Your budget is saved.")
    buyer_client.cookies["messages"] = storage._encode([message])
    shown = _get(buyer_client)

    # Then the page is rendered with the message and not kept with it
    assert "Your budget is saved." in shown.content.decode()
    assert shown.get(HIT_HEADER) is None
    after = _get(buyer_client)
    assert "Your budget is saved." not in after.content.decode()


def test_language_and_period_are_part_of_the_key(buyer_client, monkeypatch, settings):
    # Given a kept order history in English
    english = _get(buyer_client)
    assert _get(buyer_client)[HIT_HEADER] == "hit"

    # When the same page is asked for in German
    buyer_client.cookies["django_language"] = "de"
    german = _get(buyer_client)

    # Then it is rendered in German, not served from the English one
    assert german.get(HIT_HEADER) != "hit"
    assert 'lang="de"' in german.content.decode()
    assert german.content != english.content

    # And once kept, when the period (PORTAL_PAGE_CACHE_SECONDS) has passed,
    # it is rendered anew
    _get(buyer_client)
    assert _get(buyer_client)[HIT_HEADER] == "hit"
    later = timezone.now() + timedelta(seconds=settings.PORTAL_PAGE_CACHE_SECONDS)
    monkeypatch.setattr(page_cache.timezone, "now", lambda: later)
    assert _get(buyer_client)[HIT_HEADER] == "miss"


def test_a_page_whose_rendering_writes_is_not_kept(buyer_client, buyer):
    # Given a topic the buyer has not read yet
    topic = TopicFactory(category=CategoryFactory(audience="signed_in"))
    path = reverse("forums:topic", args=[topic.pk])

    # When they open it: the first view marks it read (a write)
    first = _get(buyer_client, path)

    # Then that page is not kept; the next one (no write) is, and then served
    assert first.get(HIT_HEADER) is None
    assert _get(buyer_client, path)[HIT_HEADER] == "miss"
    assert _get(buyer_client, path)[HIT_HEADER] == "hit"


def test_turned_off_with_zero_seconds(buyer_client, settings):
    settings.PORTAL_PAGE_CACHE_SECONDS = 0
    for _ in range(3):
        assert _get(buyer_client).get(HIT_HEADER) is None


def test_a_committed_write_moves_the_generation_for_every_worker(
    company, django_capture_on_commit_callbacks
):
    # Given the current write generation
    key = page_cache._GENERATION_KEY
    before = page_cache.generations.current(key)

    # When a worker's transaction writes and commits (a transaction of its
    # own: what the fixtures' writes registered for the test's is dropped)
    connection.run_on_commit.clear()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        company.name = "Acme Renamed"
        company.save(update_fields=["name"])
        company.save(update_fields=["name"])
        # Not yet: until the commit other workers still read the old data
        assert page_cache.generations.current(key) == before

    # Then, on the commit (once, however many statements), it moves
    assert callbacks.count(page_cache.bump) == 1
    assert page_cache.generations.current(key) != before


@pytest.mark.parametrize(
    ("sql", "write"),
    [
        ('SELECT "a" FROM "b"', False),
        ("  select 1", False),
        ('SAVEPOINT "s1"', False),
        ('INSERT INTO "order_order" ("number") VALUES (%s)', True),
        ('UPDATE "partner_portal_company" SET "name" = %s', True),
        ('DELETE FROM "forums_post" WHERE "id" = %s', True),
        ('UPDATE "django_session" SET "session_data" = %s', False),
        ('WITH x AS (SELECT 1) UPDATE "a" SET "b" = 1', True),
    ],
)
def test_which_statements_count_as_writes(sql, write):
    assert page_cache._is_write(sql) is write


def test_every_connection_is_watched(db):
    connection.ensure_connection()
    assert page_cache._track_writes in connection.execute_wrappers
