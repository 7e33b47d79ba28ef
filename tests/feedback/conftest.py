"""Feedback tests: a clean rate-limit counter per test (the test client always
comes from 127.0.0.1), a helper to send the form, and the queue's staff."""

import itertools

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.urls import reverse

from feedback.services import feedback_create
from partner_portal.permissions import StaffGroup
from tests.factories import StaffUserFactory


@pytest.fixture(autouse=True)
def _fresh_rate_limit():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def support_agent(db):
    return StaffUserFactory(
        email="support@portal.example", staff_groups=[StaffGroup.SUPPORT]
    )


@pytest.fixture
def sales_agent(db):
    return StaffUserFactory(
        email="sales-agent@portal.example", staff_groups=[StaffGroup.SALES]
    )


@pytest.fixture
def returns_desk(db):
    return StaffUserFactory(
        email="returns@portal.example", staff_groups=[StaffGroup.RETURNS_DESK]
    )


def form_data(**overrides):
    data = {
        "kind": "suggestion",
        "message": "Please add a dark mode.",
        "page_url": "/portal/orders/",
        "submission_key": "key-1",
    }
    data.update(overrides)
    return data


def send(client, **overrides):
    return client.post(reverse("feedback:send"), form_data(**overrides))


_addresses = itertools.count(1)


def entry(key, *, kind="suggestion", message="A message", user=None, company=None):
    """An entry as the service makes it, sent from /portal/orders/."""
    return feedback_create(
        kind=kind,
        message=message,
        page_url="/portal/orders/",
        user=user or AnonymousUser(),
        company=company,
        email="",
        language="en",
        submission_key=key,
        # Each from its own address: the visitors' hourly limit stays out of
        # the way.
        client_ip=f"198.51.100.{next(_addresses)}",
    )
