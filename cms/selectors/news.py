"""News: the latest items, the feed, the listing and its categories."""

from cms.lookup import cms_model
from cms.selectors.common import _in_current_locale
from partner_portal.audience import audience_q

# News


def news_latest(*, request, limit: int = 3):
    news = (
        cms_model("NewsPage")
        .objects.live()
        .public()
        .filter(audience_q(request))
        .select_related("locale")
        .order_by("-date", "-pk")
    )
    return list(_in_current_locale(news)[:limit])


def news_for_audiences(*, audiences, limit: int = 20):
    """The latest news for a set of audiences (a feed has no request)."""
    news = (
        cms_model("NewsPage")
        .objects.live()
        .public()
        .filter(audience__in=audiences)
        .select_related("locale")
        .order_by("-date", "-pk")
    )
    return list(_in_current_locale(news)[:limit])


def news_list(*, request, index, category=None):
    news = (
        cms_model("NewsPage")
        .objects.child_of(index)
        .live()
        .public()
        .filter(audience_q(request))
        .select_related("locale")
        .prefetch_related("categories")
        .order_by("-date", "-pk")
    )
    if category is not None:
        news = news.filter(categories=category)
    return news


def news_categories():
    return list(cms_model("NewsCategory").objects.all())
