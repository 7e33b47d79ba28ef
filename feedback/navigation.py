"""The feedback queue's navigation entry (partner_portal.navigation)."""

from django.utils.translation import gettext_lazy as _

from partner_portal.navigation import NavEntry, register_entry

register_entry(
    NavEntry(
        key="feedback.queue",
        group="staff",
        label=_("Feedback"),
        url_name="feedback:queue",
        order=60,
        element_id="nav-feedback",
    )
)
