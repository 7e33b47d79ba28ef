"""The Django admin is for superusers only.

It edits any row of any company with no company scoping and no record of who
changed what, so staff do their work on the portal's staff pages (companies,
company prices, credit limits) and Oscar's dashboard instead. A signed-in
user who is not a superuser gets 403 on every admin URL, the login page
included; an anonymous visitor is sent to the admin login as usual."""

from functools import update_wrapper

from django.contrib.admin import AdminSite
from django.contrib.admin.apps import AdminConfig
from django.core.exceptions import PermissionDenied


def is_superuser(user) -> bool:
    return bool(user.is_active and user.is_superuser)


class SuperuserAdminSite(AdminSite):
    def has_permission(self, request):
        return is_superuser(request.user)

    def admin_view(self, view, cacheable=False):
        checked = super().admin_view(view, cacheable)

        def inner(request, *args, **kwargs):
            user = request.user
            if user.is_authenticated and not is_superuser(user):
                raise PermissionDenied
            return checked(request, *args, **kwargs)

        return update_wrapper(inner, view)

    def login(self, request, extra_context=None):
        user = request.user
        if user.is_authenticated and not is_superuser(user):
            raise PermissionDenied
        return super().login(request, extra_context)


class PortalAdminConfig(AdminConfig):
    """`django.contrib.admin` with the superuser-only site as `admin.site`."""

    default_site = "partner_portal.admin_site.SuperuserAdminSite"
