"""Money in one place: Decimal amounts, the portal's currency, and the one
VAT calculation used by the shop, offers, invoices and credit notes.

VAT rule: the net line sums are grouped by rate, the VAT of each rate is
computed on the group's sum and rounded once, half up, to the cent. Rounding
each line and adding the results drifts by a cent or more (19 % of €394.20 is
€74.90, not the €74.91 that per-line rounding gives).
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings

CENT = Decimal("0.01")
HUNDRED = Decimal("100")
ZERO = Decimal("0.00")


def default_currency() -> str:
    """The portal's currency (PORTAL_CURRENCY); the default of every currency
    field, as a callable so that changing the setting needs no migration."""
    return settings.OSCAR_DEFAULT_CURRENCY


def to_cents(amount) -> Decimal:
    """`amount` as a Decimal rounded half up to the cent."""
    return Decimal(str(amount)).quantize(CENT, rounding=ROUND_HALF_UP)


def default_vat_rate() -> Decimal:
    """The standard VAT rate in percent (PORTAL_VAT_RATE is a fraction)."""
    return (Decimal(str(settings.PORTAL_VAT_RATE)) * HUNDRED).quantize(CENT)


def parse_rate(value, default: Decimal | None = None) -> Decimal:
    """A VAT rate in percent from a Decimal, number or string such as "7.00"
    (Oscar keeps the rate of a basket or order line in its `tax_code`);
    `default` (the standard rate) when the value is empty or not a rate."""
    if value not in (None, ""):
        try:
            rate = Decimal(str(value)).quantize(CENT)
        except ArithmeticError:
            rate = None
        if rate is not None and ZERO <= rate <= HUNDRED:
            return rate
    return default if default is not None else default_vat_rate()


def vat_of(net: Decimal, rate: Decimal) -> Decimal:
    """The VAT of one net amount at `rate` percent, rounded once."""
    return (Decimal(net) * Decimal(rate) / HUNDRED).quantize(
        CENT, rounding=ROUND_HALF_UP
    )


@dataclass(frozen=True)
class VatRow:
    rate: Decimal
    net: Decimal
    vat: Decimal

    @property
    def gross(self) -> Decimal:
        return self.net + self.vat


@dataclass(frozen=True)
class VatBreakdown:
    net: Decimal = ZERO
    rows: list[VatRow] = field(default_factory=list)

    @property
    def vat(self) -> Decimal:
        return sum((row.vat for row in self.rows), ZERO)

    @property
    def gross(self) -> Decimal:
        return self.net + self.vat


def vat_breakdown(lines: Iterable[tuple[Decimal, Decimal]]) -> VatBreakdown:
    """Net total, one row per VAT rate (highest rate first) and the gross
    total of `lines`, each a (net line sum, rate in percent) pair.

    Net line sums are taken as they are (they are already in cents); the VAT
    is computed per rate on the sum of that rate's lines and rounded once."""
    groups: dict[Decimal, Decimal] = {}
    for net, rate in lines:
        rate = parse_rate(rate)
        groups[rate] = groups.get(rate, ZERO) + Decimal(net)
    rows = [
        VatRow(rate=rate, net=net, vat=vat_of(net, rate))
        for rate, net in sorted(groups.items(), reverse=True)
    ]
    return VatBreakdown(net=sum((row.net for row in rows), ZERO), rows=rows)
