"""Roles and capabilities: the one table that says who in a company may do what.

Views and API endpoints declare the capability they need; nothing else in the
code base asks for a role by name.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    COMPANY_ADMIN = "company_admin", _("Company admin")
    BUYER = "buyer", _("Buyer")
    APPROVER = "approver", _("Approver")
    PROCUREMENT = "procurement", _("Procurement")
    PARTNER_USER = "partner_user", _("Partner user")


class Capability(models.TextChoices):
    COMPANY_VIEW = "company.view", _("See the company profile")
    COMPANY_MANAGE = "company.manage", _("Edit the company profile")
    MEMBERS_VIEW = "members.view", _("See colleagues")
    MEMBERS_MANAGE = "members.manage", _("Invite colleagues and change their roles")
    ORDER_PLACE = "order.place", _("Place orders")
    ORDER_VIEW_OWN = "order.view_own", _("See own orders")
    ORDER_VIEW_ALL = "order.view_all", _("See all orders of the company")
    ORDER_APPROVE = "order.approve", _("Approve orders")
    BUDGET_MANAGE = "budget.manage", _("Set budgets")
    RETURN_CREATE = "return.create", _("Request returns")
    OFFER_ACCEPT = "offer.accept", _("Request and accept offers")
    CONTRACT_VIEW = "contract.view", _("See contracts")
    PARTNER_AREA = "partner.area", _("Use the partner area")
    SUPPORT_REQUEST = "support.request", _("Open and follow support requests")
    SUPPORT_APPROVE = "support.approve", _("Approve service requests")
    COMPANY_KPIS = "company.kpis", _("See the company's figures")
    API_MANAGE = "api.manage", _("Manage API keys and webhooks")
    AUDIT_VIEW = "audit.view", _("Read and export the company's audit trail")


_EVERY_MEMBER = {
    Capability.COMPANY_VIEW,
    Capability.MEMBERS_VIEW,
    Capability.SUPPORT_REQUEST,
}

ROLE_CAPABILITIES: dict[str, frozenset[Capability]] = {
    Role.COMPANY_ADMIN: frozenset(
        _EVERY_MEMBER
        | {
            Capability.COMPANY_MANAGE,
            Capability.MEMBERS_MANAGE,
            Capability.ORDER_PLACE,
            Capability.ORDER_VIEW_OWN,
            Capability.ORDER_VIEW_ALL,
            Capability.ORDER_APPROVE,
            Capability.BUDGET_MANAGE,
            Capability.RETURN_CREATE,
            Capability.OFFER_ACCEPT,
            Capability.CONTRACT_VIEW,
            Capability.SUPPORT_APPROVE,
            Capability.COMPANY_KPIS,
            Capability.API_MANAGE,
            Capability.AUDIT_VIEW,
        }
    ),
    Role.BUYER: frozenset(
        _EVERY_MEMBER
        | {
            Capability.ORDER_PLACE,
            Capability.ORDER_VIEW_OWN,
            Capability.RETURN_CREATE,
            Capability.OFFER_ACCEPT,
        }
    ),
    Role.APPROVER: frozenset(
        _EVERY_MEMBER
        | {
            Capability.ORDER_VIEW_OWN,
            Capability.ORDER_APPROVE,
            Capability.CONTRACT_VIEW,
            Capability.SUPPORT_APPROVE,
        }
    ),
    Role.PROCUREMENT: frozenset(
        _EVERY_MEMBER
        | {
            Capability.ORDER_PLACE,
            Capability.ORDER_VIEW_OWN,
            Capability.ORDER_VIEW_ALL,
            Capability.RETURN_CREATE,
            Capability.OFFER_ACCEPT,
            Capability.CONTRACT_VIEW,
            Capability.COMPANY_KPIS,
        }
    ),
    Role.PARTNER_USER: frozenset(
        _EVERY_MEMBER
        | {
            Capability.ORDER_PLACE,
            Capability.ORDER_VIEW_OWN,
            Capability.RETURN_CREATE,
            Capability.CONTRACT_VIEW,
            Capability.PARTNER_AREA,
        }
    ),
}

# Company admins of distributors and franchisees use the partner area too.
PARTNER_KIND_EXTRA = frozenset({Capability.PARTNER_AREA})


class ApiResource(models.TextChoices):
    """What an API key may reach: a company admin picks these for each key,
    with read or read-write access."""

    PRODUCTS = "products", _("Products and prices")
    ORDERS = "orders", _("Orders")
    INVOICES = "invoices", _("Invoices")
    RETURNS = "returns", _("Returns")
    OFFERS = "offers", _("Offers")
    CONTRACTS = "contracts", _("Contracts")
    SUPPORT = "support", _("Support requests")
    USERS = "users", _("Users")
    WEBHOOKS = "webhooks", _("Webhooks")


class StaffGroup(models.TextChoices):
    """Our own staff are Django groups, not company members."""

    SALES = "Sales", _("Sales")
    SUPPORT = "Support", _("Support")
    RETURNS_DESK = "Returns desk", _("Returns desk")
    CONTENT_EDITOR = "Content editor", _("Content editor")
    FORUM_MODERATOR = "Forum moderator", _("Forum moderator")


def capabilities_for(membership) -> frozenset[Capability]:
    if membership is None or not membership.is_active:
        return frozenset()
    if not membership.company.is_active:
        return frozenset()
    caps = ROLE_CAPABILITIES.get(membership.role, frozenset())
    if membership.company.is_partner:
        if membership.role == Role.COMPANY_ADMIN:
            caps = caps | PARTNER_KIND_EXTRA
    else:
        # The partner area is for partners only, whatever the role says.
        caps = caps - PARTNER_KIND_EXTRA
    return caps


def staff_groups_of(user) -> frozenset[str]:
    """The staff groups of a user (every group for a superuser), read once
    per user object: the navigation asks for many entries on one page."""
    if user is None or not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_portal_staff_groups", None)
    if cached is None:
        if user.is_superuser:
            cached = frozenset(StaffGroup.values)
        else:
            cached = frozenset(
                user.groups.filter(name__in=StaffGroup.values).values_list(
                    "name", flat=True
                )
            )
        user._portal_staff_groups = cached
    return cached


def is_in_staff_group(user, group: StaffGroup) -> bool:
    return group.value in staff_groups_of(user)


def is_portal_staff(user) -> bool:
    """Our own people: superusers and members of a staff group. `is_staff` is
    not asked: it only opens Oscar's dashboard and the admin (policy.STAFF)."""
    return bool(staff_groups_of(user))
