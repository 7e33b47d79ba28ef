"""The sections orders adds to a company's staff page."""

from django.utils.translation import gettext_lazy as _

from partner_portal.company_staff import register_company_section

register_company_section(
    label=_("Company prices"), url_name="orders:staff_company_prices"
)
register_company_section(
    label=_("Orders on account"), url_name="orders:staff_company_account"
)
