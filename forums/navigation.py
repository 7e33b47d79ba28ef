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
# Moderation sits next to the forums: nominated category moderators are
# company members, not staff.
register_entry(
    NavEntry(
        key="forums.queue",
        group="help",
        label=_("Moderation queue"),
        url_name="forums:queue",
        order=50,
    )
)
register_entry(
    NavEntry(
        key="forums.log",
        group="help",
        label=_("Moderation log"),
        url_name="forums:log",
        order=51,
    )
)
register_entry(
    NavEntry(
        key="forums.suspensions",
        group="help",
        label=_("Forum suspensions"),
        url_name="forums:suspensions",
        order=52,
    )
)
