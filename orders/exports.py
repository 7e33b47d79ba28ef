"""The order history as an Excel workbook: real date cells and amounts as
numbers in the currency's format, so that the file sorts, filters and sums in
Excel; optionally a second sheet with every order line."""

from babel.numbers import get_currency_symbol
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell
from openpyxl.styles import Font

from partner_portal.exports import csv_safe

DATE_FORMAT = "yyyy-mm-dd hh:mm"


def money_format(currency: str) -> str:
    """An Excel number format for amounts in `currency`: two decimals, a
    thousands separator and the currency symbol after the amount."""
    symbol = get_currency_symbol(currency, locale="en").replace('"', "")
    return f'#,##0.00 "{symbol}";-#,##0.00 "{symbol}"'


def _local(moment):
    # Excel has no time zones: the wall-clock time where the portal runs.
    return timezone.localtime(moment).replace(tzinfo=None)


class _Sheet:
    def __init__(self, workbook, title, headings, widths):
        self.sheet = workbook.create_sheet(title)
        for index, width in enumerate(widths):
            self.sheet.column_dimensions[chr(ord("A") + index)].width = width
        self.sheet.freeze_panes = "A2"
        bold = Font(bold=True)
        self.sheet.append([self.cell(heading, font=bold) for heading in headings])

    def cell(self, value, *, number_format=None, font=None):
        if isinstance(value, str):
            value = csv_safe(value)
        cell = WriteOnlyCell(self.sheet, value=value)
        if number_format:
            cell.number_format = number_format
        if font:
            cell.font = font
        return cell

    def append(self, values):
        self.sheet.append(
            [value if isinstance(value, Cell) else self.cell(value) for value in values]
        )


def orders_workbook(orders, *, with_lines: bool = False) -> Workbook:
    """A workbook of `orders` (a queryset, already filtered and limited): the
    sheet "Orders", and "Lines" when `with_lines`."""
    workbook = Workbook(write_only=True)
    summary = _Sheet(
        workbook,
        _("Orders"),
        [
            _("Order number"),
            _("Date"),
            _("Buyer"),
            _("PO number"),
            _("Cost centre"),
            _("Status"),
            _("Payment"),
            _("Total (net)"),
            _("Total (gross)"),
            _("Currency"),
        ],
        [16, 17, 28, 16, 14, 12, 14, 14, 14, 9],
    )
    lines = None
    if with_lines:
        lines = _Sheet(
            workbook,
            _("Lines"),
            [
                _("Order number"),
                _("Date"),
                _("SKU"),
                _("Article"),
                _("Quantity"),
                _("Unit price (net)"),
                _("Total (net)"),
                _("Total (gross)"),
                _("Currency"),
            ],
            [16, 17, 16, 40, 10, 15, 14, 14, 9],
        )
        orders = orders.prefetch_related("lines")
    for order in orders.iterator(chunk_size=2000):
        money = money_format(order.currency)
        placed = summary.cell(_local(order.date_placed), number_format=DATE_FORMAT)
        summary.append(
            [
                order.number,
                placed,
                order.user.email if order.user else "",
                order.purchase_order_number,
                order.cost_centre,
                order.status,
                order.get_payment_method_display(),
                summary.cell(order.total_excl_tax, number_format=money),
                summary.cell(order.total_incl_tax, number_format=money),
                order.currency,
            ]
        )
        if lines is None:
            continue
        for line in order.lines.all():
            lines.append(
                [
                    order.number,
                    lines.cell(_local(order.date_placed), number_format=DATE_FORMAT),
                    line.partner_sku,
                    line.title,
                    line.quantity,
                    lines.cell(line.unit_price_excl_tax, number_format=money),
                    lines.cell(line.line_price_excl_tax, number_format=money),
                    lines.cell(line.line_price_incl_tax, number_format=money),
                    order.currency,
                ]
            )
    return workbook
