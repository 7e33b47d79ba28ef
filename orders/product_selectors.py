"""Reads of the catalogue as a company sees it (the API's products): the
shop's browsable products that have a stock record, each with the company's
price and availability from the shop's own pricing strategy, in a fixed
number of queries whatever the number of products."""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q
from oscar.core.loading import get_class, get_model

Product = get_model("catalogue", "Product")
Category = get_model("catalogue", "Category")
StockRecord = get_model("partner", "StockRecord")
Selector = get_class("partner.strategy", "Selector")


@dataclass
class ProductPrice:
    currency: str
    net: object
    vat_rate: object
    vat: object
    gross: object
    list_net: object
    is_company_price: bool


@dataclass
class ProductAvailability:
    orderable: bool
    in_stock: int | None
    message: str


@dataclass
class CompanyProduct:
    """A product with what the company pays for it and whether it can order."""

    product: object
    sku: str
    price: ProductPrice | None
    availability: ProductAvailability


def product_queryset():
    """Browsable products with a stock record, with what pricing reads."""
    return (
        Product.objects.browsable()
        .filter(Exists(StockRecord.objects.filter(product=OuterRef("pk"))))
        .select_related("product_class")
        .prefetch_related("stockrecords", "categories")
    )


def product_filter(products, *, q: str = "", category=None, sku: str = ""):
    """The shop search's rule for `q` (every word in the title, the UPC or a
    SKU), a category with its subcategories, and an exact SKU."""
    for term in q.split()[:10]:
        in_sku = StockRecord.objects.filter(
            product=OuterRef("pk"), partner_sku__icontains=term
        )
        products = products.filter(
            Q(title__icontains=term) | Q(upc__iexact=term) | Exists(in_sku)
        )
    if category is not None:
        products = products.filter(
            categories__in=category.get_descendants_and_self()
        ).distinct()
    if sku:
        products = products.filter(
            Exists(
                StockRecord.objects.filter(
                    product=OuterRef("pk"), partner_sku__iexact=sku
                )
            )
        )
    return products


def product_get_by_sku(*, sku: str):
    """The browsable product with this SKU, or None."""
    return product_filter(product_queryset(), sku=sku).first()


def company_products(products, *, company, user=None) -> list[CompanyProduct]:
    """Each product with the company's price and availability (one query
    for all of the company's prices)."""
    strategy = Selector().strategy(user=user, company=company)
    rows = []
    for product in products:
        info = strategy.fetch_for_product(product)
        record = info.stockrecord
        price = None
        if info.price.exists:
            price = ProductPrice(
                currency=info.price.currency,
                net=info.price.excl_tax,
                vat_rate=info.price.vat_rate,
                vat=info.price.tax,
                gross=info.price.incl_tax,
                list_net=info.price.list_excl_tax,
                is_company_price=info.price.is_company_price,
            )
        availability = info.availability
        rows.append(
            CompanyProduct(
                product=product,
                sku=record.partner_sku if record else "",
                price=price,
                availability=ProductAvailability(
                    orderable=availability.is_available_to_buy,
                    in_stock=getattr(availability, "num_available", None),
                    message=str(availability.message),
                ),
            )
        )
    return rows
