"""The Excel export is a sheet people can sort and sum: real date cells,
amounts as numbers in the currency's format, and on request a second sheet
with every order line."""

import io
from datetime import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from orders.exports import DATE_FORMAT, money_format
from tests.factories.orders import order_place

EXPORT = reverse("orders:export", args=["xlsx"])


@pytest.fixture
def order(buyer, company, bolts, gloves, acme_bolt_price):
    return order_place(
        user=buyer,
        company=company,
        lines=[(bolts, 3), (gloves, 2)],
        po_number="=HYPERLINK(1)",
    )


def _workbook(client, user, **params):
    client.force_login(user)
    response = client.get(EXPORT, params)
    assert response.status_code == 200
    return load_workbook(io.BytesIO(response.content))


def test_dates_are_dates_and_amounts_are_currency_numbers(client, buyer, order):
    workbook = _workbook(client, buyer)

    assert workbook.sheetnames == ["Orders"]
    sheet = workbook["Orders"]
    placed, net, gross = sheet["B2"], sheet["H2"], sheet["I2"]
    assert placed.is_date
    assert placed.value == timezone.localtime(order.date_placed).replace(
        tzinfo=None, microsecond=placed.value.microsecond
    )
    assert isinstance(placed.value, datetime)
    assert placed.number_format == DATE_FORMAT
    assert (Decimal(str(net.value)), Decimal(str(gross.value))) == (
        order.total_excl_tax,
        order.total_incl_tax,
    )
    assert net.number_format == gross.number_format == '#,##0.00 "€";-#,##0.00 "€"'
    # Text typed by users stays text, never a formula.
    assert sheet["D2"].value == "'=HYPERLINK(1)"
    assert sheet.freeze_panes == "A2"


def test_the_lines_sheet_lists_every_order_line(client, buyer, order):
    workbook = _workbook(client, buyer, lines="1")

    assert workbook.sheetnames == ["Orders", "Lines"]
    rows = list(workbook["Lines"].iter_rows(values_only=True))
    assert rows[0] == (
        "Order number",
        "Date",
        "SKU",
        "Article",
        "Quantity",
        "Unit price (net)",
        "Total (net)",
        "Total (gross)",
        "Currency",
    )
    lines = {line.partner_sku: line for line in order.lines.all()}
    assert sorted((row[0], row[2], row[4]) for row in rows[1:]) == sorted(
        (str(order.number), sku, line.quantity) for sku, line in lines.items()
    )
    for row, cells in zip(
        rows[1:], list(workbook["Lines"].iter_rows())[1:], strict=True
    ):
        line = lines[row[2]]
        assert isinstance(row[1], datetime)
        assert Decimal(str(row[6])) == line.line_price_excl_tax
        assert cells[6].number_format == money_format("EUR")


def test_the_lines_sheet_is_left_out_unless_asked_for(client, buyer, order):
    assert _workbook(client, buyer, lines="0").sheetnames == ["Orders"]


def test_another_companys_orders_are_not_exported(client, other_buyer, order, bolts):
    workbook = _workbook(client, other_buyer, lines="1")

    assert workbook["Orders"].max_row == 1
    assert workbook["Lines"].max_row == 1
