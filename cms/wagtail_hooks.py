from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from partner_portal.audience import may_see
from partner_portal.files_wagtail import object_store_response
from partner_portal.permissions import StaffGroup, is_in_staff_group

CONTENT_APPROVER = "Content approver"


@hooks.register("before_serve_document")
def check_document_audience(document, request):
    """Documents follow the audience rule like pages: a visitor is asked to log
    in, a signed-in user outside the audience gets 404 (the file's existence
    is not confirmed)."""
    audience = getattr(document, "audience", None)
    if audience is None or may_see(request, audience):
        return None
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise Http404


# After every check (Wagtail's collection restrictions run at order 0 too).
@hooks.register("before_serve_document", order=100)
def serve_document_from_object_store(document, request):
    """On an object store, documents leave as private files (see
    partner_portal/files_wagtail.py); on local disk Wagtail serves them."""
    return object_store_response(document)


def _is_content_staff(user):
    return (
        is_in_staff_group(user, StaffGroup.CONTENT_EDITOR)
        or user.groups.filter(name=CONTENT_APPROVER).exists()
    )


def knowledge_report_view(request):
    from cms.selectors import knowledge_report

    if not _is_content_staff(request.user):
        raise PermissionDenied
    return render(request, "cms/admin/knowledge_report.html", knowledge_report())


@hooks.register("register_admin_urls")
def register_knowledge_report_url():
    return [
        path(
            "knowledge-report/",
            knowledge_report_view,
            name="cms_knowledge_report",
        )
    ]


class _ContentStaffMenuItem(MenuItem):
    def is_shown(self, request):
        return _is_content_staff(request.user)


@hooks.register("register_reports_menu_item")
def register_knowledge_report_menu_item():
    return _ContentStaffMenuItem(
        _("Knowledge base"),
        reverse("cms_knowledge_report"),
        name="knowledge-report",
        icon_name="help",
        order=1000,
    )
