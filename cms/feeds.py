"""A personal Atom feed of the news a signed-in user may see.

Feed readers cannot log in, so the address carries a signed token naming
the user and their company; it stops working when the user or their
membership is deactivated, and shows exactly what the audience rule lets that
user see at the time of reading."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.syndication.views import Feed
from django.core import signing
from django.http import Http404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from cms.lookup import cms_model
from cms.selectors import news_for_audiences
from partner_portal.audience import audiences_for_user
from partner_portal.models import Company, Membership
from partner_portal.policy import PUBLIC

_SALT = "cms.news-feed"


def _absolute(page) -> str:
    # Feed readers need absolute links: they start with the portal's address
    # like every link sent out (Wagtail's full_url would take the hostname
    # and port of its Site record instead).
    parts = page.get_url_parts()
    return settings.PORTAL_BASE_URL + (parts[2] if parts else "/")


def news_feed_url(*, user, company) -> str:
    token = signing.dumps(
        {"u": user.pk, "c": company.pk if company else None}, salt=_SALT
    )
    return reverse("cms:news_feed", kwargs={"token": token})


def _reader(token):
    """(user, company) of a feed token, or Http404."""
    try:
        data = signing.loads(token, salt=_SALT)
    except signing.BadSignature as error:
        raise Http404 from error
    user = get_user_model().objects.filter(pk=data.get("u"), is_active=True).first()
    if user is None:
        raise Http404
    company = None
    if data.get("c") is not None:
        company = Company.objects.filter(pk=data["c"], is_active=True).first()
        if (
            company is None
            or not Membership.objects.for_company(company)
            .filter(user=user, is_active=True)
            .exists()
        ):
            raise Http404
    return user, company


class NewsFeed(Feed):
    # The signed token in the URL is the reader's credential.
    policy = PUBLIC
    feed_type = Atom1Feed
    title = _("News")
    subtitle = _("The latest news for you")

    def get_object(self, request, token):
        user, company = _reader(token)
        return audiences_for_user(user, company)

    def link(self, audiences):
        index = cms_model("NewsIndexPage").objects.live().first()
        return _absolute(index) if index else settings.PORTAL_BASE_URL + "/"

    def items(self, audiences):
        return news_for_audiences(audiences=audiences)

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.intro

    def item_link(self, item):
        return _absolute(item)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at
