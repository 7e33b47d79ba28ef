from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from forums.selectors import Viewer, moderation_queue_count, topics_with_new_replies
from partner_portal.permissions import is_portal_staff
from partner_portal.tiles import Tile, register_tile


def _is_forum_user(request):
    return bool(request.membership) or is_portal_staff(request.user)


def _is_moderator(request):
    return request.user.is_authenticated and Viewer.of(request).is_moderator


def _new_replies(request):
    topics = topics_with_new_replies(viewer=Viewer.of(request))
    return {
        "url": reverse("forums:index"),
        "link_text": _("Forums"),
        "count": (count := topics.count()),
        "count_label": ngettext(
            "of my topics has new replies", "of my topics have new replies", count
        ),
        "links": [
            (topic.title, reverse("forums:topic", args=[topic.pk]))
            for topic in topics[:3]
        ],
    }


def _queue(request):
    return {
        "url": reverse("forums:queue"),
        "link_text": _("Open the moderation queue"),
        "count": (count := moderation_queue_count(viewer=Viewer.of(request))),
        "count_label": ngettext(
            "post waits for moderation", "posts wait for moderation", count
        ),
    }


register_tile(
    Tile(
        key="forums.replies",
        title=_("New replies in my topics"),
        is_visible=_is_forum_user,
        context=_new_replies,
        order=40,
        lazy=True,
    )
)
register_tile(
    Tile(
        key="forums.queue",
        title=_("Moderation queue"),
        is_visible=_is_moderator,
        context=_queue,
        order=41,
    )
)
