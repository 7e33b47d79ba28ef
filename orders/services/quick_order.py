"""Quick order: SKUs and quantities typed, pasted or uploaded as CSV."""

import csv
import io
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from orders.services.baskets import MAX_QUANTITY, basket_add_many

StockRecord = get_model("partner", "StockRecord")


# Quick order


@dataclass
class QuickOrderLine:
    raw: str
    sku: str = ""
    quantity: int | None = None
    error: str = ""
    product: object | None = None


@dataclass
class QuickOrderResult:
    added: list[QuickOrderLine] = field(default_factory=list)
    invalid: list[QuickOrderLine] = field(default_factory=list)

    @property
    def invalid_text(self) -> str:
        return "\n".join(line.raw for line in self.invalid)


_SEPARATORS = re.compile(r"\s*[,;\t]\s*|\s+")
MAX_QUICK_ORDER_LINES = 500


def quick_order_parse(text: str) -> list[QuickOrderLine]:
    """`SKU, quantity` per line (comma, semicolon, tab or spaces between; a
    missing quantity means 1). Blank lines are skipped."""
    lines = []
    for raw in text.splitlines():
        raw = raw.strip()
        if not raw:
            continue
        parts = [part for part in _SEPARATORS.split(raw, maxsplit=1) if part.strip()]
        sku = parts[0].strip().strip('"') if parts else ""
        quantity_text = parts[1].strip().strip('"') if len(parts) > 1 else "1"
        line = QuickOrderLine(raw=raw[:200], sku=sku[:64])
        try:
            quantity = int(quantity_text)
        except ValueError:
            line.error = _("“%(value)s” is not a whole number.") % {
                "value": quantity_text[:20]
            }
        else:
            if quantity < 1:
                line.error = _("The quantity must be at least 1.")
            elif quantity > MAX_QUANTITY:
                line.error = _("At most %(max)s pieces per line.") % {
                    "max": MAX_QUANTITY
                }
            else:
                line.quantity = quantity
        lines.append(line)
    return lines


def quick_order_parse_csv(data: bytes) -> list[QuickOrderLine]:
    """The same lines from an uploaded CSV file (UTF-8 or Latin-1; a header
    row such as `sku,quantity` is skipped)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    rows = csv.reader(
        io.StringIO(text), delimiter=";" if text.count(";") > text.count(",") else ","
    )
    plain = []
    first = True
    for row in rows:
        cells = [cell.strip() for cell in row if cell.strip()]
        if not cells:
            continue
        header = first and cells[0].lower() in ("sku", "article", "artikel", "item")
        first = False
        if not header:
            plain.append(", ".join(cells[:2]))
    return quick_order_parse("\n".join(plain))


def quick_order_add(
    *, basket, lines: list[QuickOrderLine], strategy
) -> QuickOrderResult:
    """Put the valid lines into the basket; the others come back with the
    reason (unknown SKU, not orderable, bad quantity). Looks up all SKUs in
    one query."""
    if len(lines) > MAX_QUICK_ORDER_LINES:
        raise ValidationError(
            _("At most %(max)s lines at a time.") % {"max": MAX_QUICK_ORDER_LINES}
        )
    skus = {line.sku.lower() for line in lines if line.sku and not line.error}
    records = {}
    if skus:
        query = StockRecord.objects.select_related(
            "product", "product__parent", "product__product_class"
        )
        matches = query.filter(partner_sku__in=[line.sku for line in lines if line.sku])
        for record in matches:
            records[record.partner_sku.lower()] = record
        missing = skus - set(records)
        if missing:
            # A second, case-insensitive look only for the SKUs typed differently.
            any_case = Q()
            for sku in missing:
                any_case |= Q(partner_sku__iexact=sku)
            for record in query.filter(any_case):
                records.setdefault(record.partner_sku.lower(), record)
    result = QuickOrderResult()
    to_add = []
    for line in lines:
        if not line.error:
            record = records.get(line.sku.lower())
            if record is None:
                line.error = _("Unknown article number “%(sku)s”.") % {"sku": line.sku}
            elif not record.product.is_public:
                line.error = _("%(sku)s is not available.") % {"sku": line.sku}
            else:
                info = strategy.fetch_for_product(record.product, stockrecord=record)
                allowed, reason = info.availability.is_purchase_permitted(line.quantity)
                if not allowed:
                    line.error = str(reason)
                else:
                    line.product = record.product
                    to_add.append((record.product, info, line.quantity))
        if line.error:
            result.invalid.append(line)
        else:
            result.added.append(line)
    basket_add_many(basket=basket, items=to_add)
    return result
