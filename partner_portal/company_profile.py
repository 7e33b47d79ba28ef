"""Company admins keep their company's contact details and addresses up to
date in the portal. The customer number, kind, tier and contact person stay
with the portal's staff."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

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


def _delivery_addresses_locked(company: Company):
    # Locking the company's delivery addresses serialises two admins setting
    # or adding a default at the same moment.
    return (
        CompanyAddress.objects.for_company(company)
        .filter(kind=CompanyAddress.Kind.DELIVERY)
        .select_for_update()
        .order_by("pk")
    )


def _ensure_default_delivery(company: Company) -> None:
    """The rule: a company with delivery addresses has exactly one default;
    when there is none (the first address, the default deleted or made a
    billing address), the oldest delivery address becomes it."""
    addresses = list(_delivery_addresses_locked(company))
    if addresses and not any(a.is_default_delivery for a in addresses):
        CompanyAddress.objects.filter(pk=addresses[0].pk).update(
            is_default_delivery=True
        )


def company_address_save(
    *, company: Company, address: CompanyAddress | None = None, **fields
) -> CompanyAddress:
    """Add an address to `company`, or change one of its addresses (the caller
    found it through for_company, so another company's address never gets
    here). The company's first delivery address becomes its default; a
    default changed into a billing address hands the default on. Raises
    ValidationError on bad values."""
    if address is None:
        address = CompanyAddress(company=company)
    if address.company_id != company.pk:
        raise ValueError("The address belongs to another company.")
    for name in ADDRESS_FIELDS:
        if name in fields:
            setattr(address, name, fields[name])
    address.country = address.country.upper()
    if address.kind != CompanyAddress.Kind.DELIVERY:
        address.is_default_delivery = False
    with transaction.atomic():
        address.full_clean()
        address.save()
        _ensure_default_delivery(company)
    address.refresh_from_db(fields=["is_default_delivery"])
    return address


def company_address_set_default(
    *, company: Company, address: CompanyAddress
) -> CompanyAddress:
    """Make `address` the company's default delivery address: the previous
    default stops being it in the same transaction. Raises ValidationError
    for a billing address."""
    if address.company_id != company.pk:
        raise ValueError("The address belongs to another company.")
    if address.kind != CompanyAddress.Kind.DELIVERY:
        raise ValidationError(
            _("Only a delivery address can be the default delivery address."),
            code="not_delivery",
        )
    with transaction.atomic():
        list(_delivery_addresses_locked(company))
        CompanyAddress.objects.for_company(company).filter(
            is_default_delivery=True
        ).exclude(pk=address.pk).update(is_default_delivery=False)
        CompanyAddress.objects.filter(pk=address.pk).update(is_default_delivery=True)
    address.is_default_delivery = True
    return address


def company_address_delete(*, company: Company, address: CompanyAddress) -> None:
    """Delete an address; deleting the default makes the oldest remaining
    delivery address the default."""
    if address.company_id != company.pk:
        raise ValueError("The address belongs to another company.")
    with transaction.atomic():
        address.delete()
        _ensure_default_delivery(company)
