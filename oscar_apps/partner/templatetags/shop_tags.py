"""Template tags of the B2B storefront: the VAT breakdown of a basket and
whether the voucher box belongs on the basket page."""

from django import template
from django.utils import timezone
from oscar.core.loading import get_model

from partner_portal.money import vat_breakdown

register = template.Library()


@register.simple_tag
def basket_vat(basket):
    """Net total, VAT per rate and gross total of the basket's lines (after
    discounts), by the portal's one VAT rule (partner_portal.money)."""
    return vat_breakdown(
        (line.line_price_excl_tax_incl_discounts, line.tax_code)
        for line in basket.all_lines()
        if line.line_price_excl_tax_incl_discounts is not None
    )


@register.simple_tag
def vouchers_offered():
    """True when staff have set up a voucher valid today: only then does the
    basket offer a box to enter a code."""
    Voucher = get_model("voucher", "Voucher")
    now = timezone.now()
    return Voucher.objects.filter(
        start_datetime__lte=now, end_datetime__gte=now
    ).exists()
