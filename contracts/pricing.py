"""Offer prices in the shop: an accepted offer's catalogue lines become the
company's own prices (orders.CompanyPrice) for the life of its contract.

Why this way: the basket and the checkout price every line through the
portal's pricing strategy (oscar_apps/partner/strategy.py), which reads the
company's price list. Putting the offer's net unit price (after discount)
there means the basket charges exactly the offer price, at checkout as well,
without a second pricing path. Each price written is recorded in
ContractPrice with the price it replaced and that price's VAT rate; when the
contract ends, the daily job puts both back (or removes the row), unless
staff have changed the price since or another running contract of the
company still grants one for the product.
"""

from datetime import date

from django.db import transaction
from django.utils import timezone
from oscar.core.loading import get_model

from contracts.models import Contract, ContractPrice
from orders.services.company_prices import (
    company_price_delete,
    company_price_set,
    company_prices_locked,
)

Product = get_model("catalogue", "Product")


def _note(contract) -> str:
    return f"contract {contract.number}"


def contract_prices_apply(*, contract: Contract, lines) -> list[ContractPrice]:
    """Write the offer's prices into the company's price list (through the
    orders price service, which records each change); the first line of a
    product sets its price."""
    prices, rates = {}, {}
    for line in lines:
        if line.product_id and line.product_id not in prices:
            prices[line.product_id] = line.net_unit_price
            # The line's VAT rate goes with the price: an offer line at 7 %
            # is charged 7 % at checkout.
            rates[line.product_id] = line.tax_rate
    if not prices:
        return []
    company = contract.company
    products = Product.objects.in_bulk(list(prices))
    with transaction.atomic():
        current = company_prices_locked(company=company, product_ids=prices)
        granted = []
        for product_id, price in prices.items():
            row = current.get(product_id)
            granted.append(
                ContractPrice(
                    contract=contract,
                    product_id=product_id,
                    price=price,
                    previous_price=row.price if row else None,
                    previous_vat_rate=row.vat_rate if row else None,
                )
            )
            company_price_set(
                company=company,
                product=products[product_id],
                price=price,
                note=_note(contract),
                vat_rate=rates[product_id],
            )
        return ContractPrice.objects.bulk_create(granted)


def contract_prices_release(*, contract: Contract, today: date) -> None:
    """Give back the prices an ended contract granted."""
    company = contract.company
    with transaction.atomic():
        still_granted = set(
            ContractPrice.objects.filter(
                contract__company=company,
                contract__start_date__lte=today,
                contract__end_date__gte=today,
            ).values_list("product_id", flat=True)
        )
        granted_prices = list(contract.prices.select_related("product"))
        rows = company_prices_locked(
            company=company, product_ids=[g.product_id for g in granted_prices]
        )
        for granted in granted_prices:
            row = rows.get(granted.product_id)
            if (
                row is None
                or row.price != granted.price
                or granted.product_id in still_granted
            ):
                continue
            if granted.previous_price is None:
                company_price_delete(
                    company=company, product=granted.product, note=_note(contract)
                )
            else:
                company_price_set(
                    company=company,
                    product=granted.product,
                    price=granted.previous_price,
                    note=_note(contract),
                    vat_rate=granted.previous_vat_rate,
                )
        contract.prices_released_at = timezone.now()
        contract.save(update_fields=["prices_released_at"])
