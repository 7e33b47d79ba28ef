"""The shop charges VAT by the portal's one rule: per line rate, VAT per rate
computed on the net line sums and rounded once."""

from decimal import Decimal

import pytest

from oscar_apps.partner.strategy import Selector, basket_vat
from tests.factories.orders import CompanyPriceFactory, basket_create, order_place

D = Decimal


@pytest.fixture
def mixed_prices(company, bolts, gloves):
    # Bolts at 131.40 net at the standard 19 %; gloves granted at 100.00
    # with 7 % (as an accepted offer writes them into the price list).
    CompanyPriceFactory(company=company, product=bolts, price=D("131.40"))
    CompanyPriceFactory(
        company=company, product=gloves, price=D("100.00"), vat_rate=D("7.00")
    )


def test_the_strategy_prices_each_product_at_its_rate(
    company, bolts, gloves, mixed_prices
):
    strategy = Selector().strategy(company=company)

    bolt_price = strategy.fetch_for_product(bolts).price
    glove_price = strategy.fetch_for_product(gloves).price

    assert (bolt_price.excl_tax, bolt_price.tax, bolt_price.tax_code) == (
        D("131.40"),
        D("24.97"),
        "19.00",
    )
    assert (glove_price.excl_tax, glove_price.tax, glove_price.tax_code) == (
        D("100.00"),
        D("7.00"),
        "7.00",
    )


def test_a_product_without_a_company_price_gets_the_standard_rate(
    company, bolts, settings
):
    settings.PORTAL_VAT_RATE = 0.19

    price = Selector().strategy(company=company).fetch_for_product(bolts).price

    assert (price.excl_tax, price.tax, price.tax_code) == (
        D("20.00"),
        D("3.80"),
        "19.00",
    )


def test_mixed_basket_shows_vat_per_rate_rounded_once(
    buyer, company, bolts, gloves, mixed_prices
):
    basket = basket_create(user=buyer, company=company, lines=[(bolts, 3), (gloves, 1)])

    vat = basket_vat(basket)

    # 19 % of 394.20 is 74.90 (three lines' worth of 24.97 would be 74.91)
    assert [(row.rate, row.net, row.vat) for row in vat.rows] == [
        (D("19.00"), D("394.20"), D("74.90")),
        (D("7.00"), D("100.00"), D("7.00")),
    ]
    assert (vat.net, vat.vat, vat.gross) == (D("494.20"), D("81.90"), D("576.10"))


def test_the_order_is_charged_what_the_basket_shows(
    buyer, company, bolts, gloves, mixed_prices, invoice_files
):
    order = order_place(user=buyer, company=company, lines=[(bolts, 3), (gloves, 1)])

    assert (order.total_excl_tax, order.total_incl_tax) == (
        D("494.20"),
        D("576.10"),
    )
    assert sorted(
        (line.partner_sku, line.tax_code, line.line_price_excl_tax)
        for line in order.lines.all()
    ) == [
        ("BOLT-M8-100", "19.00", D("394.20")),
        ("GLOVE-L-10", "7.00", D("100.00")),
    ]


def test_a_reduced_rate_granted_after_the_basket_was_filled_applies_at_checkout(
    buyer, company, gloves, invoice_files
):
    # Given gloves in the basket at the standard rate
    basket = basket_create(user=buyer, company=company, lines=[(gloves, 1)])
    assert basket.all_lines()[0].tax_code == "19.00"

    # When an offer grants them at 7 % before the buyer checks out
    CompanyPriceFactory(
        company=company, product=gloves, price=D("25.00"), vat_rate=D("7.00")
    )
    order = order_place(user=buyer, company=company, lines=[(gloves, 1)])

    # Then the order charges 7 %
    assert order.total_incl_tax == D("26.75")
    assert [line.tax_code for line in order.lines.all()] == ["7.00"]


def test_the_invoice_shows_vat_per_rate_rounded_once(
    buyer, company, bolts, gloves, mixed_prices, invoice_files
):
    from orders.invoices import order_vat

    order = order_place(user=buyer, company=company, lines=[(bolts, 3), (gloves, 1)])
    lines = list(order.lines.all())

    vat = order_vat(lines)

    assert [(row.rate, row.net, row.vat) for row in vat.rows] == [
        (D("19.00"), D("394.20"), D("74.90")),
        (D("7.00"), D("100.00"), D("7.00")),
    ]
    assert vat.gross == order.total_incl_tax
    assert sorted(line.vat_rate for line in lines) == [D("7.00"), D("19.00")]
