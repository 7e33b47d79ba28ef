"""Staff keep a company's own prices and its credit for orders on account;
contracts write the prices an accepted offer grants. Every change is recorded
(partner_portal.staff_changes) with who made it, or the note saying why."""

from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from orders.models import CompanyAccount, CompanyPrice
from partner_portal.staff_changes import register_change_type, staff_changes_record

CENT = Decimal("0.01")
PRICE = "company price"
ACCOUNT = "company account"
register_change_type(
    PRICE,
    label=_("Company price"),
    fields={"price": _("Price (net)"), "vat_rate": _("VAT %")},
)
register_change_type(
    ACCOUNT,
    label=_("Orders on account"),
    fields={
        "credit_limit": _("Credit limit"),
        "payment_terms_days": _("Payment terms (days)"),
    },
)


def _product_label(product) -> str:
    record = product.stockrecords.first()
    sku = record.partner_sku if record else ""
    return f"{sku} {product.get_title()}".strip()


def company_prices_locked(*, company, product_ids) -> dict[int, CompanyPrice]:
    """The company's price rows of these products, locked until the caller's
    transaction ends (two writers can't interleave)."""
    rows = (
        CompanyPrice.objects.for_company(company)
        .select_for_update()
        .filter(product_id__in=list(product_ids))
    )
    return {row.product_id: row for row in rows}


def company_price_set(
    *,
    company,
    product,
    price: Decimal,
    actor=None,
    note: str = "",
    vat_rate: Decimal | None = None,
) -> tuple[CompanyPrice, Decimal | None]:
    """Give the company its own net price for the product (creating or
    changing the row) and record the change. Returns the row and the price it
    replaced (None for a new row). Raises ValidationError for a negative or
    malformed price."""
    price = Decimal(price).quantize(CENT)
    with transaction.atomic():
        row = company_prices_locked(company=company, product_ids=[product.pk]).get(
            product.pk
        )
        previous = row.price if row else None
        previous_rate = row.vat_rate if row else None
        if row is None:
            row = CompanyPrice(company=company, product=product, price=price)
        elif row.price == price and row.vat_rate == vat_rate:
            return row, previous
        row.price = price
        # The VAT rate the price is charged at (an offer's line rate); None
        # is the standard rate.
        row.vat_rate = vat_rate
        row.full_clean()
        row.save()
        staff_changes_record(
            actor=actor,
            company=company,
            object_type=PRICE,
            object_id=product.pk,
            object_label=_product_label(product),
            changes={
                "price": (previous, row.price),
                "vat_rate": (previous_rate, row.vat_rate),
            },
            note=note,
        )
    return row, previous


def company_price_delete(*, company, product, actor=None, note: str = "") -> bool:
    """Remove the company's own price for the product (members pay the list
    price again) and record it. False if there was none."""
    with transaction.atomic():
        row = company_prices_locked(company=company, product_ids=[product.pk]).get(
            product.pk
        )
        if row is None:
            return False
        staff_changes_record(
            actor=actor,
            company=company,
            object_type=PRICE,
            object_id=product.pk,
            object_label=_product_label(product),
            changes={"price": (row.price, None)},
            note=note,
        )
        row.delete()
    return True


def company_account_get(*, company) -> CompanyAccount | None:
    return CompanyAccount.objects.for_company(company).first()


def company_account_set(
    *, company, actor, credit_limit: Decimal, payment_terms_days: int
) -> CompanyAccount:
    """Set how far the company may buy on account and its payment terms, and
    record what changed. A credit limit of 0 means no orders on account.
    Raises ValidationError for a negative limit."""
    with transaction.atomic():
        account = (
            CompanyAccount.objects.for_company(company).select_for_update().first()
        )
        if account is None:
            account = CompanyAccount(company=company)
            before = {"credit_limit": None, "payment_terms_days": None}
        else:
            before = {
                "credit_limit": account.credit_limit,
                "payment_terms_days": account.payment_terms_days,
            }
        account.credit_limit = Decimal(credit_limit).quantize(CENT)
        account.payment_terms_days = payment_terms_days
        account.full_clean()
        account.save()
        staff_changes_record(
            actor=actor,
            company=company,
            object_type=ACCOUNT,
            object_id=account.pk,
            object_label=str(company),
            changes={
                "credit_limit": (before["credit_limit"], account.credit_limit),
                "payment_terms_days": (
                    before["payment_terms_days"],
                    account.payment_terms_days,
                ),
            },
        )
    return account
