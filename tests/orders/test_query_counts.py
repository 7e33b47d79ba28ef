"""The order history and the catalogue cost the same number of SQL queries
for 10 as for 1,000 orders or products: no query per row."""

from copy import copy

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from oscar.core.loading import get_model

from tests.factories.orders import CompanyPriceFactory, order_place, product_create

Order = get_model("order", "Order")
Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")


def _more_orders(*, company, total):
    """Copies of the company's orders up to `total` (bulk: placing 1,000
    orders through checkout would take minutes)."""
    existing = list(Order.objects.for_company(company))
    clones = []
    for index in range(total - len(existing)):
        clone = copy(existing[index % len(existing)])
        clone.pk = clone.id = None
        clone.number = f"9{index:06d}"
        clones.append(clone)
    Order.objects.bulk_create(clones)


def _more_products(*, like, total):
    """Copies of product `like` with their stock records, up to `total`."""
    record = like.stockrecords.get()
    products = []
    for index in range(total):
        product = copy(like)
        product.pk = product.id = None
        product.title = f"Bulk part {index:04d}"
        product.slug = f"bulk-part-{index:04d}"
        products.append(product)
    products = Product.objects.bulk_create(products)
    records = []
    for index, product in enumerate(products):
        clone = copy(record)
        clone.pk = clone.id = None
        clone.product = product
        clone.partner_sku = f"BULK-{index:04d}"
        records.append(clone)
    StockRecord.objects.bulk_create(records)
    like.categories.through.objects.bulk_create(
        [
            like.categories.through(product=product, category=category)
            for product in products
            for category in like.categories.all()
        ]
    )


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
    client, procurement, buyer, company, bolts, gloves, page_cache_off
):
    # Given ten orders of two buyers
    _orders(user=buyer, company=company, product=bolts, start=0, count=5)
    _orders(user=procurement, company=company, product=gloves, start=5, count=5)
    client.force_login(procurement)
    client.get(reverse("orders:list"))  # warm the session and caches
    with_10 = _queries(client, reverse("orders:list"))

    # When there are a thousand
    _more_orders(company=company, total=1000)
    assert Order.objects.for_company(company).count() == 1000
    # The frame's caches again, emptied by the writes, as before `with_10`
    client.get(reverse("orders:list"))
    with_1000 = _queries(client, reverse("orders:list"))

    # Then the page costs the same
    assert with_1000 == with_10


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

    # When there are a thousand, several with company prices
    _more_products(like=products[1], total=990)
    for product in Product.objects.filter(title__startswith="Bulk part")[:5]:
        CompanyPriceFactory(company=company, product=product, price="4.00")
    assert Product.objects.browsable().count() >= 1000
    with_1000 = _queries(client, reverse("catalogue:index"))

    # Then the page costs the same
    assert with_1000 == with_10
