"""News: categories and paging."""

from cms.models import NewsCategory
from partner_portal.audience import Audience
from tests.factories.cms import news_page


def test_news_list_filters_by_category(client, home):
    products = NewsCategory.objects.create(name="Products", slug="products")
    service = NewsCategory.objects.create(name="Service", slug="service")
    first = news_page("New drill")
    first.categories = [products]
    first.save_revision().publish()
    second = news_page("Holiday hours")
    second.categories = [service]
    second.save_revision().publish()

    response = client.get("/news/", {"category": "products"})

    assert [item.title for item in response.context["news_page"]] == ["New drill"]
    assert response.context["current_category"] == products


def test_an_unknown_category_shows_all_news(client, home):
    news_page("One")

    response = client.get("/news/", {"category": "no-such-thing"})

    assert [item.title for item in response.context["news_page"]] == ["One"]
    assert response.context["current_category"] is None


def test_news_is_paged_newest_first(client, home):
    for day in range(1, 13):
        news_page(f"Item {day}", date=f"2026-10-{day:02d}", audience=Audience.EVERYONE)

    first = client.get("/news/")
    second = client.get("/news/", {"page": 2})
    beyond = client.get("/news/", {"page": "x"})

    assert [i.title for i in first.context["news_page"]][:2] == ["Item 12", "Item 11"]
    assert len(first.context["news_page"]) == 10
    assert [i.title for i in second.context["news_page"]] == ["Item 2", "Item 1"]
    assert beyond.status_code == 200
