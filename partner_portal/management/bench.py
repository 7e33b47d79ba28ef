"""The harness the benchmark commands share (`make bench`): production-like
settings, timing with SQL query counts, members to log in as, and the
printed table.

Each app's `bench_<app>` command seeds its own data and says what to request;
this module measures it the same way for all of them.
"""

import logging
import math
import statistics
import time
import warnings
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import CommandError
from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

from partner_portal.models import Membership


@dataclass
class Result:
    label: str
    times_ms: list[float]
    # Empty when the step asks no SQL (e.g. rendering a PDF).
    queries: list[int]

    @property
    def median(self) -> float:
        return statistics.median(self.times_ms)

    @property
    def p95(self) -> float:
        ordered = sorted(self.times_ms)
        return ordered[math.ceil(0.95 * len(ordered)) - 1]

    @property
    def query_text(self) -> str:
        if not self.queries:
            return "–"
        low, high = min(self.queries), max(self.queries)
        return str(low) if low == high else f"{low}–{high}"


@contextmanager
def production_like():
    """DEBUG off (no query log, no debug context) as in production, the test
    client's host allowed, and the log quiet: logins by force_login are not
    news, nor static files left uncollected, nor WeasyPrint's steps."""
    logging.getLogger("axes").setLevel(logging.WARNING)
    logging.getLogger("weasyprint").setLevel(logging.WARNING)
    warnings.filterwarnings("ignore", message="No directory at")
    hosts = [*settings.ALLOWED_HOSTS, "testserver"]
    with override_settings(DEBUG=False, ALLOWED_HOSTS=hosts):
        yield


def add_timing_arguments(parser, *, requests: int = 20, warmup: int = 2) -> None:
    parser.add_argument("--requests", type=int, default=requests)
    parser.add_argument("--warmup", type=int, default=warmup)


def measure(
    label: str,
    send,
    *,
    runs: int,
    warmup: int,
    status: int | None = None,
    before=None,
    count_queries: bool = True,
) -> Result:
    """Time `send(i)` `runs` times after `warmup` untimed calls, counting its
    SQL queries. With `status`, `send` returns a response and any other status
    stops the benchmark (a page that fails is not fast). `before` runs untimed
    before each call."""
    times, queries = [], []
    for i in range(warmup + runs):
        if before:
            before()
        # The capture keeps the query log across requests; a full log
        # (9,000 entries) would make it count 0.
        reset_queries()
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = send(i)
            elapsed = time.perf_counter() - start
        if status is not None and response.status_code != status:
            raise CommandError(
                f"{label}: HTTP {response.status_code}, expected {status}."
            )
        if i >= warmup:
            times.append(elapsed * 1000)
            if count_queries:
                queries.append(len(captured))
    return Result(label, times, queries)


def logged_in_client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def member_get_or_create(*, company, email: str, role: str, first_name: str = ""):
    """A member of `company` to request pages as; no password, found again by
    email on the next run."""
    user, created = get_user_model().objects.get_or_create(
        email=email,
        defaults={
            "username": email,
            "first_name": first_name or email.split("@")[0].capitalize(),
            "last_name": company.name,
        },
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    Membership.objects.get_or_create(
        user=user, company=company, defaults={"role": role}
    )
    return user


def write_table(write, results: list[Result], *, first: str = "Page") -> None:
    head = f"{first:<42} {'median ms':>10} {'p95 ms':>9} {'queries':>8}"
    write(head)
    write("-" * len(head))
    for r in results:
        write(f"{r.label:<42} {r.median:>10.1f} {r.p95:>9.1f} {r.query_text:>8}")
