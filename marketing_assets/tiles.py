from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from marketing_assets.selectors import (
    asset_new_for,
    download_count_since,
    may_see_download_report,
)
from partner_portal.partner_area import Section, register_section
from partner_portal.permissions import Capability
from partner_portal.tiles import Tile, register_tile


def _new_assets_context(request):
    return {
        "items": [
            (
                asset.title,
                reverse("marketing_assets:detail", args=[asset.pk]),
                asset.created_at,
            )
            for asset in asset_new_for(request=request, limit=4)
        ],
        "url": reverse("marketing_assets:list"),
        "link_text": _("Open the marketing library"),
        "empty": _("No marketing material for you yet."),
    }


def _report_context(request):
    return {
        "url": reverse("marketing_assets:staff_report"),
        "link_text": _("Downloads by company"),
        "count": (count := download_count_since(days=30)),
        "count_label": ngettext(
            "download in the last 30 days", "downloads in the last 30 days", count
        ),
    }


register_tile(
    Tile(
        key="marketing_assets.report",
        title=_("Marketing material downloads"),
        is_visible=lambda request: may_see_download_report(request.user),
        context=_report_context,
        order=13,
    )
)
register_tile(
    Tile(
        key="marketing_assets.new",
        title=_("New marketing material"),
        capability=Capability.PARTNER_AREA,
        context=_new_assets_context,
        order=45,
        template="partner_portal/tiles/list.html",
    )
)
register_section(
    Section(
        key="marketing_assets",
        title=_("Marketing material"),
        template="marketing_assets/partner_area/section.html",
        context=_new_assets_context,
        order=35,
    )
)
