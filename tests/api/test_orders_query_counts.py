"""The order list and the ERP's order list cost the same number of SQL
queries for 10 as for 200 orders (a page of 100): no query per order."""

from copy import copy

from oscar.core.loading import get_model

from tests.api.orders_helpers import count_queries, place, ready_to_order

Order = get_model("order", "Order")


def _more_orders(*, company, total):
    """Copies of the company's orders up to `total` (bulk: placing 200
    orders through checkout would take minutes)."""
    existing = list(Order.objects.for_company(company))
    clones = []
    for index in range(total - len(existing)):
        clone = copy(existing[index % len(existing)])
        clone.pk = clone.id = None
        clone.number = f"9{index:06d}"
        clones.append(clone)
    Order.objects.bulk_create(clones)


def _ten_orders(company, buyer, procurement, bolts):
    ready_to_order(company)
    for number in range(10):
        user = buyer if number % 2 else procurement
        place(user, company, [(bolts, 1)], po_number=f"PO-{number}")


def test_the_order_list_queries_do_not_grow_with_the_orders(
    company_key, company, buyer, procurement, bolts
):
    _ten_orders(company, buyer, procurement, bolts)
    client = company_key(procurement, resources=["orders"], access="read")
    url = "/api/v1/orders/?page_size=100&status=Pending"
    client.get(url)  # the key's first use is recorded once
    few = count_queries(client, url)

    _more_orders(company=company, total=200)

    assert count_queries(client, url) == few
    assert client.get(url).json()["count"] == 200


def test_the_erp_order_list_queries_do_not_grow_with_the_orders(
    staff_key, company, buyer, procurement, bolts
):
    _ten_orders(company, buyer, procurement, bolts)
    client = staff_key(resources=["orders"], access="read")
    url = "/api/v1/erp/orders/?page_size=100&company=acme"
    client.get(url)
    few = count_queries(client, url)

    _more_orders(company=company, total=200)

    assert count_queries(client, url) == few
    assert client.get(url).json()["count"] == 200
