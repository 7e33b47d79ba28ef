"""Forum moderation in the "my tasks" inbox (partner_portal.inbox): the posts
waiting in the queue of the categories this moderator looks after."""

from django.urls import reverse
from django.utils.translation import gettext_lazy

from forums.selectors import Viewer, moderation_queue, moderation_queue_count
from partner_portal.inbox import InboxItem, InboxSource, register_source
from partner_portal.policy import FORUM_MODERATION


def _items(request, limit):
    queue = reverse("forums:queue")
    return [
        InboxItem(
            title=post.topic.title,
            url=f"{queue}#queue-{post.pk}",
            when=post.created_at,
            detail=post.topic.category.name,
        )
        for post in moderation_queue(viewer=Viewer.of(request))[:limit]
    ]


register_source(
    InboxSource(
        key="forums.queue",
        title=gettext_lazy("Forum posts awaiting moderation"),
        is_visible=FORUM_MODERATION.allows,
        count=lambda request: moderation_queue_count(viewer=Viewer.of(request)),
        items=_items,
        url=lambda request: reverse("forums:queue"),
        order=120,
    )
)
