"""Reads of the tenancy layer. Every selector takes the company explicitly."""

from django.db.models import Q

from partner_portal.models import CompanyAddress, Invitation, Membership
from partner_portal.permissions import Capability, capabilities_for


def membership_current(*, user, company_id=None) -> Membership | None:
    memberships = (
        Membership.objects.filter(user=user, is_active=True, company__is_active=True)
        .select_related("company", "company__contact_person")
        .order_by("company__name")
    )
    if company_id:
        chosen = next((m for m in memberships if m.company_id == company_id), None)
        if chosen:
            return chosen
    return memberships.first()


def memberships_of_user(*, user):
    return (
        Membership.objects.filter(user=user, is_active=True, company__is_active=True)
        .select_related("company")
        .order_by("company__name")
    )


def membership_list(*, company, search: str = "", include_inactive: bool = True):
    memberships = Membership.objects.for_company(company).select_related("user")
    if not include_inactive:
        memberships = memberships.filter(is_active=True)
    if search:
        memberships = memberships.filter(
            Q(user__email__icontains=search)
            | Q(user__first_name__icontains=search)
            | Q(user__last_name__icontains=search)
        )
    return memberships


def invitation_list_open(*, company):
    from django.utils import timezone

    return (
        Invitation.objects.for_company(company)
        .filter(accepted_at__isnull=True, revoked_at__isnull=True)
        .filter(expires_at__gt=timezone.now())
        .select_related("invited_by")
    )


def invitation_by_token(*, token: str) -> Invitation | None:
    # The token itself is the secret that scopes this lookup: it is 256 bits of
    # randomness handed to one invitee.
    return (
        Invitation.objects.select_related("company").filter(token=token).first()
        if token
        else None
    )


def company_addresses(*, company):
    return CompanyAddress.objects.for_company(company)


def has_capability(user, company, capability: Capability) -> bool:
    """True when the user is an active member of the company whose role grants
    the capability. Staff and superusers get nothing here: staff act across
    companies only through explicit staff views."""
    if not user.is_authenticated or company is None:
        return False
    membership = (
        Membership.objects.for_company(company)
        .filter(user=user, is_active=True)
        .select_related("company")
        .first()
    )
    return capability in capabilities_for(membership)
