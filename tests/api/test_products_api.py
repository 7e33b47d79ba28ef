"""GET /api/v1/products/ and /api/v1/products/{sku}/: the shop's catalogue with
the key's company's own price (else the list price), VAT and availability;
`q`, `category` and `sku` filter as the shop's search does; the list costs
the same number of queries for 10 and 200 products."""

from copy import copy

import pytest
from oscar.apps.catalogue.categories import create_from_breadcrumbs
from oscar.core.loading import get_model

from tests.api.conftest import assert_problem
from tests.api.orders_helpers import count_queries
from tests.factories.orders import CompanyPriceFactory, product_create

Category = get_model("catalogue", "Category")
Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")
LIST = "/api/v1/products/"


@pytest.fixture
def catalogue(bolts, gloves, acme_bolt_price):
    fasteners = create_from_breadcrumbs("Industrial supplies > Fasteners")
    bolts.categories.add(fasteners)
    hidden = product_create(title="Old bolt", sku="OLD-1", price="1.00")
    hidden.is_public = False
    hidden.save()
    return {"fasteners": fasteners, "hidden": hidden}


def _skus(response):
    assert response.status_code == 200, response.content
    return [row["sku"] for row in response.json()["results"]]


def test_acme_sees_its_own_price_and_the_list_price_it_replaces(
    company_key, buyer, catalogue
):
    client = company_key(buyer, resources=["products"], access="read")

    body = client.get(LIST).json()

    assert [row["sku"] for row in body["results"]] == ["BOLT-M8-100", "GLOVE-L-10"]
    bolts = body["results"][0]
    assert bolts["title"] == "Hex bolt M8 (100)"
    assert bolts["price"] == {
        "currency": "EUR",
        "net": "16.50",
        "vat_rate": "19.00",
        "vat": "3.14",
        "gross": "19.64",
        "list_net": "20.00",
        "is_company_price": True,
    }
    assert bolts["availability"] == {
        "orderable": True,
        "in_stock": 1000,
        "message": "In stock (1000 available)",
    }
    assert [c["name"] for c in bolts["categories"]] == ["Fasteners"]


def test_another_company_pays_the_list_price(company_key, other_admin, catalogue):
    client = company_key(other_admin, resources=["products"], access="read")

    bolts = client.get(f"{LIST}BOLT-M8-100/").json()

    assert bolts["price"]["net"] == "20.00"
    assert bolts["price"]["is_company_price"] is False


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?q=gloves", ["GLOVE-L-10"]),
        ("?q=hex+m8", ["BOLT-M8-100"]),
        ("?q=GLOVE-L", ["GLOVE-L-10"]),
        ("?sku=bolt-m8-100", ["BOLT-M8-100"]),
        ("?sku=BOLT", []),
        ("?ordering=-title", ["GLOVE-L-10", "BOLT-M8-100"]),
    ],
)
def test_search_sku_and_ordering(company_key, buyer, catalogue, query, expected):
    client = company_key(buyer, resources=["products"], access="read")

    assert _skus(client.get(LIST + query)) == expected


def test_a_category_filter_includes_its_subcategories(company_key, buyer, catalogue):
    client = company_key(buyer, resources=["products"], access="read")
    parent = catalogue["fasteners"].get_parent()

    assert _skus(client.get(f"{LIST}?category={parent.pk}")) == ["BOLT-M8-100"]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("?category=999999", "category"),
        ("?category=x", "category"),
        ("?ordering=price", "ordering"),
    ],
)
def test_a_bad_filter_is_a_400(company_key, buyer, catalogue, query, field):
    client = company_key(buyer, resources=["products"], access="read")

    assert_problem(client.get(LIST + query), 400, field=field)


def test_a_hidden_product_is_neither_listed_nor_found(company_key, buyer, catalogue):
    client = company_key(buyer, resources=["products"], access="read")

    assert "OLD-1" not in _skus(client.get(LIST))
    assert_problem(client.get(f"{LIST}OLD-1/"), 404)
    assert_problem(client.get(f"{LIST}NOPE/"), 404)


def test_an_out_of_stock_product_is_listed_as_not_orderable(company_key, buyer, db):
    product_create(title="Rare part", sku="RARE-1", price="9.00", stock=0)
    client = company_key(buyer, resources=["products"], access="read")

    availability = client.get(f"{LIST}RARE-1/").json()["availability"]

    assert availability["orderable"] is False
    assert availability["in_stock"] == 0


def test_a_key_without_products_gets_403_and_no_key_401(
    api_client, company_key, buyer, catalogue
):
    client = company_key(buyer, resources=["orders"], access="read")

    assert_problem(client.get(LIST), 403)
    assert_problem(api_client.get(LIST), 401)


def _more_products(like, total, prefix):
    record = like.stockrecords.get()
    products = []
    for index in range(total):
        product = copy(like)
        product.pk = product.id = None
        product.title = f"{prefix} part {index:04d}"
        product.slug = f"{prefix}-part-{index:04d}"
        products.append(product)
    products = Product.objects.bulk_create(products)
    records = []
    for index, product in enumerate(products):
        clone = copy(record)
        clone.pk = clone.id = None
        clone.product = product
        clone.partner_sku = f"{prefix}-{index:04d}"
        records.append(clone)
    StockRecord.objects.bulk_create(records)
    return products


def test_the_list_costs_the_same_queries_for_10_and_200_products(
    company_key, buyer, company, bolts
):
    client = company_key(buyer, resources=["products"], access="read")
    products = _more_products(bolts, 9, "few")
    CompanyPriceFactory(company=company, product=products[0])
    url = f"{LIST}?page_size=100"
    client.get(url)  # the key's first use is recorded once
    few = count_queries(client, url)

    _more_products(bolts, 200, "many")

    assert count_queries(client, url) == few
    assert client.get(url).json()["count"] == 210
