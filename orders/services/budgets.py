"""Budgets per company, cost centre or member."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from partner_portal.models import Membership

# Budgets


def budget_set(*, company, buyer_id: int, cost_centre: str, monthly_amount: Decimal):
    """Create or change a buyer's monthly budget (per cost centre, or for all
    with an empty one). The buyer must be an active member of the company."""
    from orders.models import Budget

    membership = (
        Membership.objects.for_company(company)
        .filter(user_id=buyer_id, is_active=True)
        .select_related("user")
        .first()
    )
    if membership is None:
        raise ValidationError(_("Choose a colleague of your company."))
    budget, _created = Budget.objects.update_or_create(
        company=company,
        buyer=membership.user,
        cost_centre=cost_centre.strip(),
        defaults={"monthly_amount": monthly_amount},
    )
    budget.full_clean()
    return budget


def budget_delete(*, budget) -> None:
    budget.delete()
