"""The portal's pricing strategy: a company's own price overrides the list
price (both are shown); prices are net, VAT on top at the line's rate (the
company price's own rate, e.g. 7 % granted by an offer, else PORTAL_VAT_RATE).

The rate travels with the price as Oscar's `tax_code` ("7.00"), so basket and
order lines keep it; totals are worked out by the one VAT rule
(partner_portal.money.vat_breakdown) over the net line sums."""

from decimal import Decimal

from oscar.apps.partner import strategy as oscar_strategy
from oscar.apps.partner.prices import FixedPrice
from oscar.apps.partner.prices import Unavailable as UnavailablePrice

from partner_portal.money import VatBreakdown, parse_rate, vat_breakdown, vat_of


class CompanyFixedPrice(FixedPrice):
    """A net price that also knows the list price it replaces."""

    def __init__(self, currency, excl_tax, tax, list_excl_tax, tax_code=None):
        super().__init__(currency=currency, excl_tax=excl_tax, tax=tax)
        self.list_excl_tax = list_excl_tax
        self.tax_code = tax_code

    @property
    def is_company_price(self) -> bool:
        return self.excl_tax != self.list_excl_tax

    @property
    def vat_rate(self) -> Decimal:
        return parse_rate(self.tax_code)


class CompanyPricing:
    """Pricing policy mixin for Oscar's `Structured` strategy."""

    def company_prices(self) -> dict[int, tuple[Decimal, Decimal | None]]:
        # One query per request for all of the company's prices, so that a
        # product list costs the same number of queries for 10 or 1,000 rows.
        if not hasattr(self, "_company_prices"):
            from orders.selectors import company_price_terms

            self._company_prices = (
                company_price_terms(company=self.company) if self.company else {}
            )
        return self._company_prices

    def _price(self, product, stockrecord):
        if not stockrecord or stockrecord.price is None:
            return UnavailablePrice()
        list_price = stockrecord.price
        price, rate = self.company_prices().get(product.pk, (list_price, None))
        rate = parse_rate(rate)
        return CompanyFixedPrice(
            currency=stockrecord.price_currency,
            excl_tax=price,
            # Per unit, for display; totals use basket_vat (rounded per rate).
            tax=vat_of(price, rate),
            list_excl_tax=list_price,
            tax_code=str(rate),
        )

    def pricing_policy(self, product, stockrecord):
        return self._price(product, stockrecord)

    def parent_pricing_policy(self, product, children_stock):
        stockrecords = [
            record for _child, record in children_stock if record is not None
        ]
        if not stockrecords:
            return UnavailablePrice()
        return self._price(product, stockrecords[0])


class PortalStrategy(
    oscar_strategy.UseFirstStockRecord,
    oscar_strategy.StockRequired,
    CompanyPricing,
    oscar_strategy.Structured,
):
    def __init__(self, request=None, company=None):
        super().__init__(request)
        self.company = company


class Selector:
    def strategy(self, request=None, user=None, company=None, **kwargs):
        if company is None:
            if request is not None and hasattr(request, "membership"):
                # CurrentCompanyMiddleware found it (None for staff and
                # visitors): no membership query per request.
                company = request.company
            elif user is not None and user.is_authenticated:
                from partner_portal.selectors import membership_current

                membership = membership_current(user=user)
                company = membership.company if membership else None
        return PortalStrategy(request, company=company)


def basket_lines_rate_refresh(basket) -> None:
    """Give each basket line the VAT rate its price has now (a line keeps the
    rate of the moment it was added; an offer may have changed it since), so
    that the order lines carry the rate that was charged."""
    for line in basket.all_lines():
        price = line.purchase_info.price
        code = getattr(price, "tax_code", None)
        if code and line.tax_code != code:
            line.tax_code = code
            line.save(update_fields=["tax_code"])


def basket_vat(basket) -> VatBreakdown:
    """Net total, VAT per rate and gross total of the basket's lines (after
    discounts), by the portal's one VAT rule."""
    return vat_breakdown(
        (line.line_price_excl_tax_incl_discounts, line.tax_code)
        for line in basket.all_lines()
        if line.line_price_excl_tax_incl_discounts is not None
    )
