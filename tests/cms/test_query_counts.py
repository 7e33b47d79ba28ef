"""List pages keep their number of queries as content grows."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cms.models import NewsCategory
from partner_portal.audience import Audience
from partner_portal.permissions import Role
from tests.factories import MembershipFactory
from tests.factories.cms import article_page, course_page, knowledge_index, news_page


def _queries(client, url, data=None):
    # Adding pages made the cached page frame stale (as an editor publishing
    # does): the first request fills it again.
    client.get(url, data or {})
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, data or {})
    assert response.status_code == 200
    return len(queries)


def _add_news(count, category):
    for number in range(count):
        page = news_page(f"News {category.slug} {number}", audience=Audience.SIGNED_IN)
        page.categories = [category]
        page.save_revision().publish()


def test_news_list_queries_stay_flat(client, home, buyer):
    category = NewsCategory.objects.create(name="Products", slug="products")
    client.force_login(buyer)
    _add_news(2, category)
    _queries(client, "/news/")  # warm caches (site, locales)
    few = _queries(client, "/news/")

    _add_news(8, category)
    many = _queries(client, "/news/")

    assert many == few


def test_team_progress_queries_stay_flat(client, home, partner_admin, partner_company):
    course_page("One", audience=Audience.PARTNERS, lessons=3)
    course_page("Two", audience=Audience.PARTNERS, lessons=2)
    client.force_login(partner_admin)
    url = reverse("cms:training_team")
    _queries(client, url)
    few = _queries(client, url)

    for _ in range(6):
        MembershipFactory(company=partner_company, role=Role.PARTNER_USER)
    many = _queries(client, url)

    assert many == few


def test_knowledge_search_queries_stay_flat(client, home, buyer):
    for number in range(2):
        article_page(f"Invoice help {number}", summary="About your invoice")
    client.force_login(buyer)
    url = knowledge_index().url
    _queries(client, url, {"q": "invoice"})
    few = _queries(client, url, {"q": "invoice"})

    for number in range(2, 9):
        article_page(f"Invoice help {number}", summary="About your invoice")
    many = _queries(client, url, {"q": "invoice"})

    assert many == few
