"""Content in the "my tasks" inbox (partner_portal.inbox): the trainings a
member has still to complete, and the pages waiting for an editor's review."""

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Page, TaskState

from cms.lookup import cms_model
from cms.selectors import course_list_with_progress
from cms.selectors.common import _in_current_locale
from cms.staff_tiles import _is_content_staff
from partner_portal.inbox import InboxItem, InboxSource, register_source
from partner_portal.permissions import Capability
from partner_portal.policy import Member

TRAINEE = Member(Capability.COMPANY_VIEW)

# Trainings: nobody assigns a course to a person; the courses of the member's
# audience (role, partner type, tier) are theirs to do. A course they have
# completed is no task any more.


def training_index(request):
    """The training list in the reader's language, or None."""
    pages = cms_model("TrainingIndexPage").objects.live().order_by("path")
    return _in_current_locale(pages).first()


def trainings_to_complete(request):
    """The courses of the training list the member has not completed, in the
    list's order, worked out once per request."""
    cached = getattr(request, "_inbox_trainings", None)
    if cached is None:
        index = training_index(request)
        progress = (
            course_list_with_progress(request=request, index=index) if index else []
        )
        cached = [row for row in progress if not row.complete]
        request._inbox_trainings = cached
    return cached


def _training_items(request, limit):
    return [
        InboxItem(
            title=row.course.title,
            url=row.course.get_url(request),
            when=row.last_activity,
            detail=(
                _("%(done)s of %(total)s lessons done")
                % {"done": row.done, "total": row.total}
                if row.started
                else _("Not started")
            ),
        )
        for row in trainings_to_complete(request)[:limit]
    ]


def _training_url(request):
    index = training_index(request)
    return index.get_url(request) if index else reverse("partner_portal:start")


register_source(
    InboxSource(
        key="cms.trainings",
        title=gettext_lazy("Trainings for me to complete"),
        is_visible=TRAINEE.allows,
        count=lambda request: len(trainings_to_complete(request)),
        items=_training_items,
        url=_training_url,
        order=40,
    )
)


# Review: Wagtail's own rule, the workflow tasks in progress this user may
# approve or reject (the content admin's "Awaiting your review").


def reviews_awaiting(user):
    return TaskState.objects.reviewable_by(user)


def _review_items(request, limit):
    page_type = ContentType.objects.get_for_model(Page)
    states = (
        reviews_awaiting(request.user)
        .select_related("revision", "workflow_state")
        .order_by("-started_at", "-pk")[:limit]
    )
    return [
        InboxItem(
            # The title as submitted: no query per page.
            title=state.revision.object_str,
            url=(
                reverse(
                    "wagtailadmin_pages:edit", args=[state.workflow_state.object_id]
                )
                if state.workflow_state.base_content_type_id == page_type.pk
                else reverse("wagtailadmin_home")
            ),
            when=state.started_at,
        )
        for state in states
    ]


register_source(
    InboxSource(
        key="cms.review",
        title=gettext_lazy("Content awaiting my review"),
        is_visible=_is_content_staff,
        count=lambda request: reviews_awaiting(request.user).count(),
        items=_review_items,
        url=lambda request: reverse("wagtailadmin_home"),
        order=130,
    )
)
