"""The order history and the catalogue cost the same number of SQL queries
for 10 as for 100 orders or products: no query per row."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories.orders import CompanyPriceFactory, order_place, product_create


def _queries(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


def _orders(*, user, company, product, start, count):
    for number in range(start, start + count):
        order_place(
            user=user,
            company=company,
            lines=[(product, 1)],
            po_number=f"PO-{number:04d}",
        )


def test_order_history_queries_do_not_grow_with_the_orders(
    client, procurement, buyer, company, bolts, gloves
):
    # Given ten orders of two buyers
    _orders(user=buyer, company=company, product=bolts, start=0, count=5)
    _orders(user=procurement, company=company, product=gloves, start=5, count=5)
    client.force_login(procurement)
    client.get(reverse("orders:list"))  # warm the session and caches
    with_10 = _queries(client, reverse("orders:list"))

    # When there are a hundred
    _orders(user=buyer, company=company, product=bolts, start=10, count=90)
    with_100 = _queries(client, reverse("orders:list"))

    # Then the page costs the same
    assert with_100 == with_10


def test_catalogue_queries_do_not_grow_with_the_products(client, buyer, company):
    # Given ten products, one with a company price
    products = [
        product_create(title=f"Part {n:03d}", sku=f"PART-{n:03d}", price="5.00")
        for n in range(10)
    ]
    CompanyPriceFactory(company=company, product=products[0], price="4.00")
    client.force_login(buyer)
    client.get(reverse("catalogue:index"))
    with_10 = _queries(client, reverse("catalogue:index"))

    # When there are a hundred, several with company prices
    more = [
        product_create(title=f"Part {n:03d}", sku=f"PART-{n:03d}", price="5.00")
        for n in range(10, 100)
    ]
    for product in more[:5]:
        CompanyPriceFactory(company=company, product=product, price="4.00")
    with_100 = _queries(client, reverse("catalogue:index"))

    # Then the page costs the same
    assert with_100 == with_10
