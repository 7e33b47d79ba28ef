"""Access mixins for portal views: closed by default.

A view declares `required_capability`; the mixin sends visitors to the login,
users without a company to the "no company" page, and members lacking the
capability get 403. Objects of other companies never reach the view: it reads
them through the scoping helper and so answers 404.
"""

from django.contrib.auth.mixins import AccessMixin, LoginRequiredMixin
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.shortcuts import redirect

from partner_portal.permissions import StaffGroup, capabilities_for


class CompanyMemberRequiredMixin(LoginRequiredMixin):
    required_capability = None

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if self.required_capability is None:
            raise ImproperlyConfigured(
                f"{type(self).__name__} must declare required_capability"
            )
        if request.membership is None:
            return redirect("partner_portal:no_company")
        if self.required_capability not in capabilities_for(request.membership):
            raise PermissionDenied
        self.company = request.company
        return super().dispatch(request, *args, **kwargs)


class StaffRequiredMixin(AccessMixin):
    """Our own staff; optionally limited to some staff groups."""

    staff_groups: tuple[StaffGroup, ...] = ()

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if not user.is_authenticated:
            return self.handle_no_permission()
        if not user.is_staff:
            raise PermissionDenied
        if (
            self.staff_groups
            and not user.is_superuser
            and not user.groups.filter(
                name__in=[g.value for g in self.staff_groups]
            ).exists()
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)
