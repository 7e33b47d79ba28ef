"""Start-page tiles for editors and publishers: the pages waiting for their
review in Wagtail's workflow, and the knowledge-base report."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.models import Page, TaskState

from cms.models import SearchMiss
from partner_portal.permissions import StaffGroup, is_in_staff_group
from partner_portal.tiles import Tile, register_tile

CONTENT_APPROVER = "Content approver"


def _is_content_staff(request):
    user = request.user
    if not user.is_authenticated:
        return False
    # Two tiles ask on every start page: the answer is kept for the request.
    cached = getattr(user, "_portal_content_staff", None)
    if cached is None:
        cached = (
            is_in_staff_group(user, StaffGroup.CONTENT_EDITOR)
            or user.groups.filter(name=CONTENT_APPROVER).exists()
        )
        user._portal_content_staff = cached
    return cached


def _review(request):
    # Wagtail's own rule: tasks in progress this user may approve or reject.
    tasks = (
        TaskState.objects.reviewable_by(request.user)
        .select_related("workflow_state")
        .order_by("-started_at")
    )
    states = list(tasks[:3])
    pages = [state.workflow_state.content_object for state in states]
    return {
        "url": reverse("wagtailadmin_home"),
        "link_text": _("Open the content admin"),
        "count": (count := tasks.count()),
        "count_label": ngettext(
            "page awaits my review", "pages await my review", count
        ),
        "links": [
            (page.title, reverse("wagtailadmin_pages:edit", args=[page.pk]))
            for page in pages
            if isinstance(page, Page)
        ],
    }


def _knowledge(request):
    return {
        "url": reverse("cms_knowledge_report"),
        "link_text": _("Open the knowledge-base report"),
        "count": (count := SearchMiss.objects.count()),
        "count_label": ngettext(
            "search found nothing", "searches found nothing", count
        ),
    }


register_tile(
    Tile(
        key="cms.review",
        title=_("Awaiting my review"),
        is_visible=_is_content_staff,
        context=_review,
        order=12,
    )
)
register_tile(
    Tile(
        key="cms.knowledge_report",
        title=_("Knowledge-base report"),
        is_visible=_is_content_staff,
        context=_knowledge,
        order=13,
    )
)
