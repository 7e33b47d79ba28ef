"""The forums' navigation entries (partner_portal.navigation)."""

from django.utils.translation import gettext_lazy as _

from partner_portal.navigation import NavEntry, register_entry

register_entry(
    NavEntry(
        key="forums.index",
        group="help",
        label=_("Forums"),
        url_name="forums:index",
        order=50,
    )
)
register_entry(
    NavEntry(
        key="forums.queue",
        group="staff",
        label=_("Moderation queue"),
        url_name="forums:queue",
        order=50,
    )
)
register_entry(
    NavEntry(
        key="forums.log",
        group="staff",
        label=_("Moderation log"),
        url_name="forums:log",
        order=51,
    )
)
