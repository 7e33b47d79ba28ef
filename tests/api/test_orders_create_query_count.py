"""Placing an order by API costs the same number of SQL queries whether the
company has 2 orders or 200 (bench_api shows the same at 10 and 10,000)."""

from copy import copy

from django.db import connection
from django.test.utils import CaptureQueriesContext
from oscar.core.loading import get_model

from api.management.commands.bench_api import LIST, order_body
from tests.api.orders_helpers import place, ready_to_order

Order = get_model("order", "Order")


def _create_queries(client, index):
    with CaptureQueriesContext(connection) as context:
        response = client.post(
            LIST,
            order_body(["BOLT-M8-100"], index),
            format="json",
            headers={"Idempotency-Key": f"count-{index}"},
        )
    assert response.status_code == 201, response.content
    return len(context.captured_queries)


def _copies(company, total):
    existing = list(Order.objects.for_company(company))
    clones = []
    for index in range(total - len(existing)):
        clone = copy(existing[index % len(existing)])
        clone.pk = clone.id = None
        clone.number = f"8{index:06d}"
        clones.append(clone)
    Order.objects.bulk_create(clones)


def test_order_create_queries_do_not_grow_with_the_orders(
    company_key, company, procurement, bolts
):
    ready_to_order(company, credit="1000000.00")
    place(procurement, company, [(bolts, 1)])
    client = company_key(procurement, resources=["orders"])
    _create_queries(client, 0)  # the key's first use is recorded once
    few = _create_queries(client, 1)

    _copies(company, 200)
    many = _create_queries(client, 2)

    assert Order.objects.for_company(company).count() == 201
    assert many == few
