from django.utils.translation import gettext_lazy as _

from cms.selectors import news_latest
from partner_portal.partner_area import Section, register_section
from partner_portal.tiles import Tile, register_tile


def _news_context(request):
    items = news_latest(limit=3)
    index = items[0].get_parent() if items else None
    return {
        "items": [(item.title, item.url, item.date) for item in items],
        "url": index.url if index else None,
        "link_text": _("All news"),
        "empty": _("No news yet."),
    }


register_tile(
    Tile(
        key="news",
        title=_("News"),
        context=_news_context,
        is_visible=lambda request: request.user.is_authenticated,
        order=50,
        template="partner_portal/tiles/list.html",
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
