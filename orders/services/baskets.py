"""Putting products into the basket: several at once, or a past order again."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

BasketLine = get_model("basket", "Line")
MAX_QUANTITY = 9999


# Reorder


@dataclass
class PriceChange:
    title: str
    old: Decimal
    new: Decimal


@dataclass
class ReorderResult:
    added: list = field(default_factory=list)
    unavailable: list = field(default_factory=list)
    price_changes: list[PriceChange] = field(default_factory=list)


def reorder(
    *, order, basket, strategy, line_ids: list[int] | None = None
) -> ReorderResult:
    """Put an order's lines (all, or the chosen ones) into the basket again.
    Products no longer sold are listed, and changed unit prices are shown old
    against new."""
    result = ReorderResult()
    lines = order.lines.select_related("product__product_class").prefetch_related(
        "product__stockrecords"
    )
    to_add = []
    if line_ids is not None:
        lines = lines.filter(pk__in=line_ids)
    for line in lines:
        product = line.product
        if product is None or not product.is_public:
            result.unavailable.append(line.title)
            continue
        info = strategy.fetch_for_product(product)
        allowed, _reason = info.availability.is_purchase_permitted(line.quantity)
        if not allowed:
            result.unavailable.append(line.title)
            continue
        to_add.append((product, info, line.quantity))
        result.added.append(line.title)
        new = info.price.excl_tax if info.price.exists else None
        if new is not None and new != line.unit_price_excl_tax:
            result.price_changes.append(
                PriceChange(title=line.title, old=line.unit_price_excl_tax, new=new)
            )
    basket_add_many(basket=basket, items=to_add)
    return result


@transaction.atomic
def basket_add_many(*, basket, items: list[tuple]) -> None:
    """Add (product, purchase info, quantity) items to the basket in a fixed
    number of queries, whatever their number: what Oscar's `add_product` does
    per line (same currency, merge with an existing line of the same product
    and stock record, keep the price for audit), done once for all lines. All
    of them or, on a ValidationError, none."""
    if not items:
        return
    if not basket.id:
        basket.save()
    currency = basket.currency
    existing = {line.line_reference: line for line in basket.lines.all()}
    changed, new = {}, {}
    for product, info, quantity in items:
        price, record = info.price, info.stockrecord
        if currency and price.currency != currency:
            raise ValidationError(
                _("All lines of a basket must be in %(currency)s.")
                % {"currency": currency}
            )
        reference = basket._create_line_reference(product, record, [])
        if reference in existing:
            line = existing[reference]
            line.quantity += quantity
            changed[line.pk] = line
        elif reference in new:
            new[reference].quantity += quantity
        else:
            new[reference] = BasketLine(
                basket=basket,
                line_reference=reference,
                product=product,
                stockrecord=record,
                quantity=quantity,
                price_excl_tax=price.excl_tax,
                price_currency=price.currency,
                price_incl_tax=price.incl_tax if price.is_tax_known else None,
                tax_code=price.tax_code,
            )
    if changed:
        BasketLine.objects.bulk_update(changed.values(), ["quantity"])
    if new:
        BasketLine.objects.bulk_create(new.values())
    basket.reset_offer_applications()
