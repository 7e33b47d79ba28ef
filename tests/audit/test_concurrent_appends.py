"""Events recorded at the same moment in one company take turns on the
chain's head: every one gets its own number, each links to the one before,
and the first events of a new chain agree on one head row. On SQLite the
writers are serialised anyway; on PostgreSQL the head's row lock does it."""

import threading

import pytest
from django.db import connection

from audit.actions import Action
from audit.models import AuditChain, AuditEntry
from audit.services import record
from audit.verify import verify_chains
from tests.factories import CompanyFactory

pytestmark = pytest.mark.concurrency

THREADS = 6
EACH = 5


def _append_concurrently(*companies):
    barrier = threading.Barrier(THREADS)
    errors = []

    def work(company):
        try:
            barrier.wait(timeout=30)
            for _index in range(EACH):
                record(Action.BUDGET_SET, company=company)
        except Exception as error:  # collected and asserted below
            errors.append(error)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=work, args=(companies[index % len(companies)],))
        for index in range(THREADS)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return errors


def test_concurrent_events_of_a_new_chain_get_one_number_each(transactional_db):
    company = CompanyFactory()

    errors = _append_concurrently(company)

    assert errors == []
    numbers = list(
        AuditEntry.objects.for_company(company)
        .order_by("seq")
        .values_list("seq", flat=True)
    )
    assert numbers == list(range(1, THREADS * EACH + 1))
    assert AuditChain.objects.filter(company=company).count() == 1
    assert verify_chains() == []


def test_two_companies_append_side_by_side(transactional_db):
    first, second = CompanyFactory(), CompanyFactory()

    errors = _append_concurrently(first, second)

    assert errors == []
    half = THREADS // 2 * EACH
    for company in (first, second):
        numbers = list(
            AuditEntry.objects.for_company(company).values_list("seq", flat=True)
        )
        assert sorted(numbers) == list(range(1, half + 1))
    assert verify_chains() == []
