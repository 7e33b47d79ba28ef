"""The one door of every portal view: closed until the view declares a policy.

    class ReturnCreateView(PolicyRequiredMixin, View):
        policy = Member(Capability.RETURN_CREATE)

Visitors go to the login, users without a company to the "no company" page,
and signed-in users the policy refuses get 403 (partner_portal.policy).
Objects of other companies never reach the view: it reads them through the
scoping helper and so answers 404. Function views use `policy_required`.
"""

from functools import wraps

from django.contrib.auth.mixins import AccessMixin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.shortcuts import redirect

from partner_portal.policy import Outcome, Policy


def _refusal(policy: Policy, request, *, on_login):
    """The response for a request the policy refuses, or None when allowed."""
    outcome = policy.decide(request)
    if outcome is Outcome.ALLOW:
        return None
    if outcome is Outcome.LOGIN:
        return on_login()
    if outcome is Outcome.NO_COMPANY:
        return redirect("partner_portal:no_company")
    raise PermissionDenied


class PolicyRequiredMixin(AccessMixin):
    policy: Policy | None = None

    def dispatch(self, request, *args, **kwargs):
        if self.policy is None:
            raise ImproperlyConfigured(f"{type(self).__name__} must declare a policy")
        refused = _refusal(self.policy, request, on_login=self.handle_no_permission)
        if refused is not None:
            return refused
        # The current company of a member; None for staff acting across them.
        self.company = getattr(request, "company", None)
        return super().dispatch(request, *args, **kwargs)


def policy_required(policy: Policy):
    """The same door for a function view; the policy stays readable on the
    view (`view.policy`) for the navigation and the access matrix."""

    def decorate(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            refused = _refusal(
                policy,
                request,
                on_login=lambda: redirect_to_login(request.get_full_path()),
            )
            if refused is not None:
                return refused
            return view(request, *args, **kwargs)

        wrapped.policy = policy
        return wrapped

    return decorate
