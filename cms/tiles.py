from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from cms.selectors import course_list_with_progress, news_latest
from partner_portal.partner_area import Section, register_section
from partner_portal.permissions import Capability, capabilities_for
from partner_portal.tiles import Tile, register_tile


def _news_context(request):
    items = news_latest(request=request, limit=3)
    index = items[0].get_parent() if items else None
    return {
        "items": [(item.title, item.url, item.date) for item in items],
        "url": index.url if index else None,
        "link_text": _("All news"),
        "empty": _("No news yet."),
    }


def _trainings_context(request):
    # Progress of all shown courses in one go (a fixed number of queries).
    progresses = course_list_with_progress(request=request, index=None)[:4]
    courses = [progress.course for progress in progresses]
    items = []
    for course, progress in zip(courses, progresses, strict=True):
        if progress.complete:
            state = _("completed")
        else:
            state = ngettext(
                "%(done)s of %(total)s lesson",
                "%(done)s of %(total)s lessons",
                progress.total,
            ) % {
                "done": progress.done,
                "total": progress.total,
            }
        items.append((course.title, course.url, state))
    index = courses[0].get_parent() if courses else None
    return {
        "items": items,
        "url": index.url if index else None,
        "link_text": _("All trainings"),
        "empty": _("No trainings for you yet."),
    }


def _partner_trainings_context(request):
    context = _trainings_context(request)
    if Capability.MEMBERS_MANAGE in capabilities_for(request.membership):
        context["team_url"] = reverse("cms:training_team")
    return context


register_tile(
    Tile(
        key="news",
        title=_("News"),
        context=_news_context,
        is_visible=lambda request: request.user.is_authenticated,
        order=50,
        template="partner_portal/tiles/list.html",
        lazy=True,
    )
)
register_tile(
    Tile(
        key="trainings",
        title=_("My trainings"),
        context=_trainings_context,
        capability=Capability.COMPANY_VIEW,
        order=55,
        template="cms/tiles/trainings.html",
        lazy=True,
    )
)
register_section(
    Section(
        key="news",
        title=_("Partner news"),
        template="partner_portal/tiles/list_body.html",
        context=_news_context,
        order=30,
    )
)
register_section(
    Section(
        key="trainings",
        title=_("Trainings"),
        template="cms/tiles/trainings.html",
        context=_partner_trainings_context,
        order=40,
    )
)
