"""Company admins keep their company's contact details and addresses up to
date in the portal. The customer number, kind, tier and contact person stay
with the portal's staff."""

from django.db import transaction

from partner_portal.models import Company, CompanyAddress

PROFILE_FIELDS = ("vat_id", "email", "phone")
ADDRESS_FIELDS = ("kind", "label", "line1", "line2", "postcode", "city", "country")


def company_profile_update(*, company: Company, **fields) -> Company:
    """Change the company's VAT ID, email and phone. Raises ValidationError
    (full_clean) on bad values and TypeError on any other field."""
    unknown = set(fields) - set(PROFILE_FIELDS)
    if unknown:
        raise TypeError(f"Not editable by the company: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(company, name, value)
    company.full_clean()
    company.save(update_fields=list(fields))
    return company


def company_address_save(
    *, company: Company, address: CompanyAddress | None = None, **fields
) -> CompanyAddress:
    """Add an address to `company`, or change one of its addresses (the caller
    found it through for_company, so another company's address never gets
    here). Raises ValidationError on bad values."""
    if address is None:
        address = CompanyAddress(company=company)
    if address.company_id != company.pk:
        raise ValueError("The address belongs to another company.")
    for name in ADDRESS_FIELDS:
        if name in fields:
            setattr(address, name, fields[name])
    address.country = address.country.upper()
    with transaction.atomic():
        address.full_clean()
        address.save()
    return address


def company_address_delete(*, company: Company, address: CompanyAddress) -> None:
    if address.company_id != company.pk:
        raise ValueError("The address belongs to another company.")
    address.delete()
