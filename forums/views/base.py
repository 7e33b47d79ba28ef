"""Who may use the forums: signed-in members of a company and our own staff.
Which categories they see is the audience rule's answer (selectors)."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect

from forums.selectors import Viewer
from partner_portal.permissions import is_portal_staff


class ForumMixin(LoginRequiredMixin):
    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if request.membership is None and not is_portal_staff(request.user):
            return redirect("partner_portal:no_company")
        self.viewer = Viewer.of(request)
        return super().dispatch(request, *args, **kwargs)


class ModeratorMixin(ForumMixin):
    """Forum moderators of our staff and nominated category moderators."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        viewer = Viewer.of(request)
        if not viewer.is_moderator:
            if request.membership is None and not is_portal_staff(request.user):
                return redirect("partner_portal:no_company")
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class GlobalModeratorMixin(ForumMixin):
    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not Viewer.of(request).is_global_moderator:
            if request.membership is None and not is_portal_staff(request.user):
                return redirect("partner_portal:no_company")
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)
