"""The tenancy layer's models: companies and their members, preferences,
number sequences and branding (core), and the record of staff changes."""

from partner_portal.models.core import (
    Branding,
    Company,
    CompanyAddress,
    CompanyOwnedModel,
    Invitation,
    Membership,
    Sequence,
    TilePreference,
    UserPreference,
    _new_token,
    validate_iban,
)
from partner_portal.models.staff_change import StaffChange

__all__ = [
    "Branding",
    "Company",
    "CompanyAddress",
    "CompanyOwnedModel",
    "Invitation",
    "Membership",
    "Sequence",
    "StaffChange",
    "TilePreference",
    "UserPreference",
    "_new_token",
    "validate_iban",
]
