"""The basket and the checkout show net lines with article numbers, the VAT of
each rate computed once on the net sum, and the gross total, each labelled.
The voucher box appears only when a voucher is set up."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model

from oscar_apps.partner.templatetags.shop_tags import basket_vat
from tests.factories.orders import basket_create, product_create

Voucher = get_model("voucher", "Voucher")


def _rows(html):
    """The labelled rows of the totals table, whitespace collapsed."""
    table = re.search(r'<table[^>]*id="vat-totals".*?</table>', html, re.S).group(0)
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", table, re.S)
    return [" ".join(re.sub(r"<[^>]+>", " ", row).split()) for row in rows]


@pytest.fixture
def washers(db):
    return product_create(title="Washer M8", sku="WASH-M8", price="1.97")


@pytest.fixture
def pin(db):
    return product_create(title="Split pin", sku="PIN-2", price="0.20")


def test_basket_shows_net_lines_vat_and_gross(client, buyer, company, bolts):
    # Given a buyer with three boxes of bolts at 20.00 net
    basket_create(user=buyer, company=company, lines=[(bolts, 3)])
    client.force_login(buyer)

    # When they open the basket
    response = client.get(reverse("basket:summary"))
    html = response.content.decode()

    # Then the line shows the SKU and net amounts, and the totals are labelled
    assert response.status_code == 200
    assert '<span class="shop-sku">BOLT-M8-100</span>' in html
    assert 'data-label="Unit price (net)">€20.00</td>' in html
    assert 'data-label="Total (net)">€60.00</td>' in html
    assert _rows(html) == [
        "Total (net) €60.00",
        "VAT 19 % €11.40",
        "Total (gross) €71.40",
    ]


def test_basket_vat_is_rounded_once_on_the_net_sum(
    client, buyer, company, washers, pin
):
    # Given 394.20 net: 200 washers at 1.97 and one pin at 0.20 (rounding
    # the VAT of each unit would give 74.04)
    basket_create(user=buyer, company=company, lines=[(washers, 200), (pin, 1)])
    client.force_login(buyer)

    # When they open the basket
    html = client.get(reverse("basket:summary")).content.decode()

    # Then 19 % of 394.20 is 74.90, and gross is the sum
    assert _rows(html) == [
        "Total (net) €394.20",
        "VAT 19 % €74.90",
        "Total (gross) €469.10",
    ]


def test_basket_uses_the_company_price(client, buyer, company, bolts, acme_bolt_price):
    # Given Acme pays 16.50 for bolts and the buyer has two boxes
    basket_create(user=buyer, company=company, lines=[(bolts, 2)])
    client.force_login(buyer)

    # When they open the basket
    html = client.get(reverse("basket:summary")).content.decode()

    # Then the totals are Acme's
    assert _rows(html) == [
        "Total (net) €33.00",
        "VAT 19 % €6.27",
        "Total (gross) €39.27",
    ]


def test_checkout_shows_the_same_vat_rows(
    client, buyer, company, bolts, address, account
):
    # Given a buyer with three boxes of bolts
    basket_create(user=buyer, company=company, lines=[(bolts, 3)])
    client.force_login(buyer)

    # When they open the checkout
    response = client.get(reverse("orders:checkout"))
    html = response.content.decode()

    # Then the summary shows the SKU, and net, VAT and gross labelled
    assert response.status_code == 200
    assert "BOLT-M8-100" in html
    assert _rows(html) == [
        "Total (net) €60.00",
        "VAT 19 % €11.40",
        "Total (gross) €71.40",
    ]


def test_voucher_box_is_hidden_without_vouchers(client, buyer, company, bolts):
    # Given a basket and no vouchers (one expired yesterday)
    now = timezone.now()
    Voucher.objects.create(
        name="Old",
        code="OLD10",
        usage=Voucher.MULTI_USE,
        start_datetime=now - timedelta(days=30),
        end_datetime=now - timedelta(days=1),
    )
    basket_create(user=buyer, company=company, lines=[(bolts, 1)])
    client.force_login(buyer)

    # When the buyer opens the basket
    html = client.get(reverse("basket:summary")).content.decode()

    # Then there is no box for a code
    assert 'id="voucher-box"' not in html
    assert reverse("basket:vouchers-add") not in html


def test_voucher_box_is_shown_when_a_voucher_is_valid(client, buyer, company, bolts):
    # Given a voucher valid today
    now = timezone.now()
    Voucher.objects.create(
        name="Spring",
        code="SPRING",
        usage=Voucher.MULTI_USE,
        start_datetime=now - timedelta(days=1),
        end_datetime=now + timedelta(days=30),
    )
    basket_create(user=buyer, company=company, lines=[(bolts, 1)])
    client.force_login(buyer)

    # When the buyer opens the basket
    html = client.get(reverse("basket:summary")).content.decode()

    # Then they may enter a code
    assert 'id="voucher-box"' in html
    assert f'action="{reverse("basket:vouchers-add")}"' in html


def test_basket_rows_are_per_rate(db):
    # Given lines at two rates (a reduced 7 % rate in a line's tax code)
    class Line:
        def __init__(self, net, code):
            self.line_price_excl_tax_incl_discounts = Decimal(net)
            self.tax_code = code

    class Basket:
        def all_lines(self):
            return [Line("100.00", ""), Line("50.00", "7"), Line("0.10", "7")]

    # When the basket's VAT is computed
    vat = basket_vat(Basket())

    # Then there is one row per rate, highest first, each rounded once
    assert [(row.rate, row.net, row.vat) for row in vat.rows] == [
        (Decimal("19.00"), Decimal("100.00"), Decimal("19.00")),
        (Decimal("7.00"), Decimal("50.10"), Decimal("3.51")),
    ]
    assert vat.gross == Decimal("172.61")
