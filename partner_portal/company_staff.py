"""Sales staff keep a company's master data on the portal's staff pages
(not in the Django admin, which is for superusers only). Every change is
recorded with who made it (partner_portal.staff_changes).

Other apps add their own sections to a company's staff page (prices and
credit come from orders) with `register_company_section`, so that this
module imports no domain app."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from partner_portal.models import Company
from partner_portal.permissions import StaffGroup
from partner_portal.policy import url_allows
from partner_portal.staff_changes import register_change_type, staff_changes_record

COMPANY = "company"
EDITABLE_FIELDS = ("name", "kind", "partner_tier", "is_active", "contact_person")
register_change_type(
    COMPANY,
    label=_("Company"),
    fields={
        "name": _("Name"),
        "kind": _("Kind"),
        "partner_tier": _("Partner tier"),
        "is_active": _("Active"),
        "contact_person": _("Contact person"),
    },
)


@dataclass(frozen=True)
class CompanySection:
    label: str
    url_name: str  # takes the company's pk as `company_pk`


_SECTIONS: list[CompanySection] = []


def register_company_section(*, label, url_name: str) -> None:
    section = CompanySection(label=label, url_name=url_name)
    if section not in _SECTIONS:
        _SECTIONS.append(section)


def company_sections(request, company) -> list[tuple[str, str]]:
    """(label, url) of the sections the requesting staff member may open."""
    return [
        (section.label, reverse(section.url_name, kwargs={"company_pk": company.pk}))
        for section in _SECTIONS
        if url_allows(request, section.url_name, company_pk=company.pk)
    ]


def staff_company_get(*, pk) -> Company:
    """Any company, for staff (404 if there is none)."""
    return get_object_or_404(Company.objects.select_related("contact_person"), pk=pk)


def staff_people():
    """Who can be a company's contact person at our side: active staff."""
    staff_groups = [group.value for group in StaffGroup]
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(is_superuser=True) | Q(groups__name__in=staff_groups))
        .distinct()
        .order_by("last_name", "first_name", "email")
    )


def _shown(company, field):
    if field == "contact_person":
        person = company.contact_person
        return person.email if person else ""
    return getattr(company, field)


def company_update(
    *,
    actor,
    company: Company,
    name: str,
    kind: str,
    partner_tier: str,
    is_active: bool,
    contact_person,
) -> Company:
    """Change the company's master data and record each changed field. Only
    partners (distributors, franchisees) have a tier. Raises ValidationError
    (nothing saved, nothing recorded) if the data is invalid."""
    with transaction.atomic():
        company = Company.objects.select_for_update().get(pk=company.pk)
        before = {field: _shown(company, field) for field in EDITABLE_FIELDS}
        company.name = name.strip()
        company.kind = kind
        company.partner_tier = partner_tier
        company.is_active = is_active
        company.contact_person = contact_person
        company.full_clean()
        company.save(update_fields=list(EDITABLE_FIELDS))
        staff_changes_record(
            actor=actor,
            company=company,
            object_type=COMPANY,
            object_id=company.pk,
            object_label=company.name,
            changes={
                field: (before[field], _shown(company, field))
                for field in EDITABLE_FIELDS
            },
        )
    return company
