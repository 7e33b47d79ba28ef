"""One VAT calculation: net line sums grouped by rate, VAT rounded once per
rate."""

from decimal import Decimal

import pytest

from partner_portal.money import (
    default_currency,
    default_vat_rate,
    parse_rate,
    vat_breakdown,
    vat_of,
)

D = Decimal


def test_vat_is_rounded_once_on_the_sum_of_a_rate():
    # Given ten lines of €39.42 at 19 % (per line: 7.4898 -> 7.49, times 10
    # gives 74.90; three lines of 131.40 would give 24.97 + 24.97 + 24.97)
    lines = [(D("131.40"), D("19"))] * 3

    breakdown = vat_breakdown(lines)

    # Then 19 % of €394.20 is €74.90, not the €74.91 of per-line rounding
    assert breakdown.net == D("394.20")
    assert [(row.rate, row.net, row.vat) for row in breakdown.rows] == [
        (D("19.00"), D("394.20"), D("74.90"))
    ]
    assert breakdown.vat == D("74.90")
    assert breakdown.gross == D("469.10")
    per_line = sum(vat_of(net, rate) for net, rate in lines)
    assert per_line == D("74.91")


def test_mixed_rates_give_one_row_per_rate_highest_first():
    lines = [
        (D("100.00"), D("7")),
        (D("131.40"), D("19.00")),
        (D("0.50"), "7.00"),
        (D("262.80"), D("19")),
    ]

    breakdown = vat_breakdown(lines)

    assert [(row.rate, row.net, row.vat, row.gross) for row in breakdown.rows] == [
        (D("19.00"), D("394.20"), D("74.90"), D("469.10")),
        (D("7.00"), D("100.50"), D("7.04"), D("107.54")),
    ]
    assert breakdown.net == D("494.70")
    assert breakdown.vat == D("81.94")
    assert breakdown.gross == D("576.64")


def test_half_cent_rounds_up():
    # 19 % of 1.50 is exactly 0.285: half up gives 0.29 (banker's rounding,
    # Python's default, would give 0.28).
    assert vat_of(D("1.50"), D("19")) == D("0.29")
    assert vat_of(D("0.50"), D("19")) == D("0.10")


def test_no_lines_is_all_zero():
    breakdown = vat_breakdown([])

    assert breakdown.rows == []
    assert (breakdown.net, breakdown.vat, breakdown.gross) == (D("0"), D("0"), D("0"))


def test_a_missing_rate_is_the_standard_rate(settings):
    settings.PORTAL_VAT_RATE = 0.19

    breakdown = vat_breakdown([(D("10.00"), None), (D("10.00"), "")])

    assert [(row.rate, row.vat) for row in breakdown.rows] == [(D("19.00"), D("3.80"))]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("7.00", D("7.00")),
        (D("19"), D("19.00")),
        (0, D("0.00")),
        ("not a rate", D("19.00")),
        ("150", D("19.00")),
        ("-1", D("19.00")),
        (None, D("19.00")),
    ],
)
def test_parse_rate(settings, value, expected):
    settings.PORTAL_VAT_RATE = 0.19

    assert parse_rate(value) == expected


def test_defaults_follow_the_settings(settings):
    settings.PORTAL_VAT_RATE = 0.07
    settings.OSCAR_DEFAULT_CURRENCY = "CHF"

    assert default_vat_rate() == D("7.00")
    assert default_currency() == "CHF"
