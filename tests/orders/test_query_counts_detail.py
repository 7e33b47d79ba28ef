"""An order's page costs the same number of SQL queries, at most 20, for an
order of one line as for one of thirty."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories.orders import order_place, product_create


def _queries(client, order):
    url = reverse("orders:detail", args=[order.number])
    client.get(url)  # the session and the frame's caches
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response


def test_the_order_page_does_not_grow_with_the_lines(
    client, company, procurement, page_cache_off
):
    # Given an order of one line and one of thirty
    products = [
        product_create(title=f"Part {n:02d}", sku=f"PART-{n:02d}", price="5.00")
        for n in range(30)
    ]
    small = order_place(user=procurement, company=company, lines=[(products[0], 1)])
    big = order_place(
        user=procurement, company=company, lines=[(p, 2) for p in products]
    )
    client.force_login(procurement)

    # When the procurement user opens each
    few, _response = _queries(client, small)
    many, response = _queries(client, big)

    # Then both cost the same, and no more than 20 queries
    assert big.lines.count() == 30
    assert "PART-29" in response.text
    assert many == few
    assert many <= 20
