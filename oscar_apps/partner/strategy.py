"""The portal's pricing strategy: a company's own price overrides the list
price (both are shown); prices are net, VAT at PORTAL_VAT_RATE on top."""

from decimal import Decimal

from django.conf import settings
from oscar.apps.partner import strategy as oscar_strategy
from oscar.apps.partner.prices import FixedPrice
from oscar.apps.partner.prices import Unavailable as UnavailablePrice

CENT = Decimal("0.01")


class CompanyFixedPrice(FixedPrice):
    """A net price that also knows the list price it replaces."""

    def __init__(self, currency, excl_tax, tax, list_excl_tax):
        super().__init__(currency=currency, excl_tax=excl_tax, tax=tax)
        self.list_excl_tax = list_excl_tax

    @property
    def is_company_price(self) -> bool:
        return self.excl_tax != self.list_excl_tax


class CompanyPricing:
    """Pricing policy mixin for Oscar's `Structured` strategy."""

    def company_prices(self) -> dict[int, Decimal]:
        # One query per request for all of the company's prices, so that a
        # product list costs the same number of queries for 10 or 1,000 rows.
        if not hasattr(self, "_company_prices"):
            from orders.selectors import company_price_map

            self._company_prices = (
                company_price_map(company=self.company) if self.company else {}
            )
        return self._company_prices

    def _price(self, product, stockrecord):
        if not stockrecord or stockrecord.price is None:
            return UnavailablePrice()
        list_price = stockrecord.price
        price = self.company_prices().get(product.pk, list_price)
        tax = (price * Decimal(str(settings.PORTAL_VAT_RATE))).quantize(CENT)
        return CompanyFixedPrice(
            currency=stockrecord.price_currency,
            excl_tax=price,
            tax=tax,
            list_excl_tax=list_price,
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
        if company is None and request is not None:
            company = getattr(request, "company", None)
        if company is None and user is not None and user.is_authenticated:
            from partner_portal.selectors import membership_current

            membership = membership_current(user=user)
            company = membership.company if membership else None
        return PortalStrategy(request, company=company)
