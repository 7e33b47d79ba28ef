"""The one access policy: who may open which view.

A view declares its policy and `PolicyRequiredMixin` (partner_portal.access)
enforces it; the navigation shows an entry when the policy of the entry's view
allows the request; the access-matrix tests check every answer against the same
declaration; a REST view lists the same object in `permission_classes`.

    from partner_portal.policy import Member, Staff, RETURNS_DESK

    class ReturnCreateView(PolicyRequiredMixin, View):
        policy = Member(Capability.RETURN_CREATE)

    class DeskQueueView(PolicyRequiredMixin, View):
        policy = RETURNS_DESK

Policies combine: `a | b` allows when either does, `a & b` when both do.

Staff are our own people: superusers and members of a staff group
(`StaffGroup`). `is_staff` is only what Oscar's dashboard, Wagtail and the
Django admin ask for; the portal never looks at it.
"""

import enum
from collections.abc import Callable

from partner_portal.api_request import ApiRequest
from partner_portal.permissions import (
    Capability,
    StaffGroup,
    capabilities_for,
    staff_groups_of,
)


class Outcome(enum.Enum):
    ALLOW = "allow"
    # A visitor: to the login page, then back.
    LOGIN = "login"
    # Signed in but in no company: the page saying whom to contact.
    NO_COMPANY = "no_company"
    # Signed in and not allowed: 403.
    DENY = "deny"


# When no alternative allows, the answer most helpful to the user wins: a
# visitor logs in first, someone without a company learns whom to ask.
_DENIAL_ORDER = (Outcome.LOGIN, Outcome.NO_COMPANY, Outcome.DENY)


def _user(request):
    return getattr(request, "user", None)


def _signed_in(request) -> bool:
    user = _user(request)
    return user is not None and user.is_authenticated and user.is_active


class Policy:
    """A rule about a request. Subclasses implement `decide`."""

    # What DRF says when it refuses (BasePermission's `message`).
    message = "You may not use this."

    def decide(self, request) -> Outcome:
        raise NotImplementedError

    def allows(self, request) -> bool:
        return self.decide(request) is Outcome.ALLOW

    def __or__(self, other: "Policy") -> "Policy":
        return AnyOf(self, other)

    def __and__(self, other: "Policy") -> "Policy":
        return AllOf(self, other)

    # DRF: a policy stands in `permission_classes` as it is. DRF instantiates
    # each entry with no arguments, so calling a policy gives the policy.

    def __call__(self):
        return self

    def has_permission(self, request, view) -> bool:
        return self.allows(ApiRequest.of(request))

    def has_object_permission(self, request, view, obj) -> bool:
        # Objects are scoped by the selectors (another company's: 404).
        return True


class Public(Policy):
    """Anyone, signed in or not (the credential is elsewhere: a token in the
    URL, a webhook signature)."""

    def decide(self, request):
        return Outcome.ALLOW

    def __repr__(self):
        return "Public()"


class SignedIn(Policy):
    """Any signed-in user, with or without a company."""

    def decide(self, request):
        return Outcome.ALLOW if _signed_in(request) else Outcome.LOGIN

    def __repr__(self):
        return "SignedIn()"


class Member(Policy):
    """An active member of the current company holding any of the capabilities
    (any member when none is given)."""

    def __init__(self, *capabilities: Capability):
        self.capabilities = frozenset(capabilities)

    def decide(self, request):
        if not _signed_in(request):
            return Outcome.LOGIN
        membership = getattr(request, "membership", None)
        if membership is None:
            return Outcome.NO_COMPANY
        held = capabilities_for(membership)
        if not held:
            return Outcome.DENY
        if self.capabilities and not (self.capabilities & held):
            return Outcome.DENY
        return Outcome.ALLOW

    def __repr__(self):
        return f"Member({', '.join(sorted(self.capabilities))})"


class PartnerCompany(Policy):
    """A member of a partner company, optionally of some kinds and tiers."""

    def __init__(self, *, kinds: tuple[str, ...] = (), tiers: tuple[str, ...] = ()):
        self.kinds = frozenset(kinds)
        self.tiers = frozenset(tiers)

    def decide(self, request):
        outcome = Member().decide(request)
        if outcome is not Outcome.ALLOW:
            return outcome
        company = request.membership.company
        if not company.is_partner:
            return Outcome.DENY
        if self.kinds and company.kind not in self.kinds:
            return Outcome.DENY
        if self.tiers and company.partner_tier not in self.tiers:
            return Outcome.DENY
        return Outcome.ALLOW

    def __repr__(self):
        return f"PartnerCompany(kinds={sorted(self.kinds)}, tiers={sorted(self.tiers)})"


class Staff(Policy):
    """Our own staff: a superuser, or a member of any of the staff groups
    (of any staff group when none is given)."""

    def __init__(self, *groups: StaffGroup):
        self.groups = frozenset(g.value for g in groups) or frozenset(StaffGroup.values)

    def decide(self, request):
        if not _signed_in(request):
            return Outcome.LOGIN
        if staff_groups_of(request.user) & self.groups:
            return Outcome.ALLOW
        return Outcome.DENY

    def __repr__(self):
        return f"Staff({', '.join(sorted(self.groups))})"


class DjangoPermission(Policy):
    """A Django model permission: for the doors into Wagtail's admin."""

    def __init__(self, permission: str):
        self.permission = permission

    def decide(self, request):
        if not _signed_in(request):
            return Outcome.LOGIN
        return Outcome.ALLOW if request.user.has_perm(self.permission) else Outcome.DENY

    def __repr__(self):
        return f"DjangoPermission({self.permission})"


class DashboardUser(Policy):
    """Oscar's dashboard lets in `is_staff` users only: the one place the
    flag matters."""

    def decide(self, request):
        if not _signed_in(request):
            return Outcome.LOGIN
        return Outcome.ALLOW if request.user.is_staff else Outcome.DENY

    def __repr__(self):
        return "DashboardUser()"


class Rule(Policy):
    """A rule an app states about a signed-in user's request, e.g. "moderates
    some forum category"; `test(request)` answers True or False. The app keeps
    the data, the policy keeps the decision."""

    def __init__(self, test: Callable[..., bool], *, name: str):
        self.test = test
        self.name = name

    def decide(self, request):
        if not _signed_in(request):
            return Outcome.LOGIN
        return Outcome.ALLOW if self.test(request) else Outcome.DENY

    def __repr__(self):
        return f"Rule({self.name})"


_category_moderation: list[Callable[..., bool]] = []


def register_category_moderation(test: Callable[..., bool]) -> None:
    """The forums app tells the policy who moderates a category:
    `test(request)` is True for a nominated category moderator."""
    _category_moderation[:] = [test]


class CategoryModerator(Policy):
    """A company member nominated to moderate at least one forum category (the
    forums app keeps the nominations: `register_category_moderation`)."""

    def decide(self, request):
        outcome = MEMBER_OR_STAFF.decide(request)
        if outcome is not Outcome.ALLOW:
            return outcome
        if any(test(request) for test in _category_moderation):
            return Outcome.ALLOW
        return Outcome.DENY

    def __repr__(self):
        return "CategoryModerator()"


class AnyOf(Policy):
    def __init__(self, *policies: Policy):
        self.policies = policies

    def decide(self, request):
        outcomes = {policy.decide(request) for policy in self.policies}
        if Outcome.ALLOW in outcomes:
            return Outcome.ALLOW
        return next(o for o in _DENIAL_ORDER if o in outcomes)

    def __repr__(self):
        return " | ".join(repr(p) for p in self.policies)


class AllOf(Policy):
    def __init__(self, *policies: Policy):
        self.policies = policies

    def decide(self, request):
        for policy in self.policies:
            outcome = policy.decide(request)
            if outcome is not Outcome.ALLOW:
                return outcome
        return Outcome.ALLOW

    def __repr__(self):
        return " & ".join(f"({p!r})" for p in self.policies)


# The rules more than one app names.

PUBLIC = Public()
SIGNED_IN = SignedIn()
ANY_MEMBER = Member()
STAFF = Staff()
RETURNS_DESK = Staff(StaffGroup.RETURNS_DESK)
SALES = Staff(StaffGroup.SALES)
FORUM_MODERATOR = Staff(StaffGroup.FORUM_MODERATOR)
CONTENT_EDITOR = Staff(StaffGroup.CONTENT_EDITOR)
# Forums, help and the start page: members of a company and our own staff.
MEMBER_OR_STAFF = ANY_MEMBER | STAFF
PARTNER = Member(Capability.PARTNER_AREA)
# The moderation queue and log: our forum moderators and category moderators.
FORUM_MODERATION = FORUM_MODERATOR | CategoryModerator()
# Suspending members: our forum moderators only (a no-company user learns whom
# to ask, like everywhere in the forums).
FORUM_SUSPENSION = MEMBER_OR_STAFF & FORUM_MODERATOR


def policy_of(view) -> Policy | None:
    """The policy a view (class, `as_view()` function or function view)
    declares, or None."""
    view_class = getattr(view, "view_class", None)
    if view_class is not None:
        return getattr(view_class, "policy", None)
    return getattr(view, "policy", None)


def _named_view(url_name: str):
    """The view behind a URL name ("ns:name"), found without reversing, so
    URLs with arguments need none."""
    from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver

    *namespaces, name = url_name.split(":")
    resolver = get_resolver()
    for namespace in namespaces:
        resolver = resolver.namespace_dict[namespace][1]
    pending = list(resolver.url_patterns)
    while pending:
        pattern = pending.pop(0)
        if isinstance(pattern, URLPattern) and pattern.name == name:
            return pattern.callback
        if isinstance(pattern, URLResolver) and not pattern.namespace:
            pending.extend(pattern.url_patterns)
    raise NoReverseMatch(url_name)


def url_allows(request, url_name: str, **_kwargs) -> bool:
    """True when the policy of the view behind the named URL allows the
    request. A URL whose view declares no policy is closed."""
    policy = policy_of(_named_view(url_name))
    return policy is not None and policy.allows(request)
