"""The audience rule on pages: who may open a page, and that lists, tiles and
search hits never show a page someone may not open."""

import pytest

from cms.models import NewsPage
from partner_portal.audience import Audience
from tests.factories.cms import (
    article_page,
    course_page,
    knowledge_category,
    knowledge_index,
    news_page,
)

LOGIN = "/accounts/login/?next="

# audience -> expected status for visitor, customer, silver, gold
MATRIX = [
    (Audience.EVERYONE, {"visitor": 200, "customer": 200, "silver": 200, "gold": 200}),
    (Audience.SIGNED_IN, {"visitor": 302, "customer": 200, "silver": 200, "gold": 200}),
    (Audience.PARTNERS, {"visitor": 302, "customer": 404, "silver": 200, "gold": 200}),
    (Audience.SILVER, {"visitor": 302, "customer": 404, "silver": 200, "gold": 200}),
    (Audience.GOLD, {"visitor": 302, "customer": 404, "silver": 404, "gold": 200}),
]


def _open(client, personas, persona, url):
    if personas[persona] is not None:
        client.force_login(personas[persona])
    return client.get(url)


@pytest.mark.parametrize(("audience", "expected"), MATRIX, ids=lambda v: str(v))
@pytest.mark.parametrize("persona", ["visitor", "customer", "silver", "gold"])
def test_who_may_open_a_news_page(client, home, personas, audience, expected, persona):
    page = news_page("Item", audience=audience)

    response = _open(client, personas, persona, page.url)

    assert response.status_code == expected[persona]
    if expected[persona] == 302:
        assert response.url == LOGIN + page.url
    if expected[persona] == 200:
        assert b"About Item" in response.content


def test_a_customer_cannot_open_a_partner_lesson_by_url(client, home, buyer):
    course = course_page("Partner course", audience=Audience.PARTNERS)
    lesson = course.get_children().first().specific
    client.force_login(buyer)

    assert client.get(course.url).status_code == 404
    assert client.get(lesson.url).status_code == 404


def test_a_page_is_never_wider_than_its_parent(home):
    course = course_page("Gold course", audience=Audience.GOLD, lessons=1)
    lesson = course.get_children().first().specific

    assert lesson.audience == Audience.GOLD


def test_narrowing_a_page_narrows_its_descendants(home):
    course = course_page("Course", audience=Audience.SIGNED_IN, lessons=2)

    course.audience = Audience.SILVER
    course.save_revision().publish()

    audiences = {p.specific.audience for p in course.get_children()}
    assert audiences == {Audience.SILVER}


def test_news_list_shows_only_what_the_user_may_open(client, home, silver_partner):
    news_page("Public", audience=Audience.EVERYONE)
    news_page("Partners", audience=Audience.PARTNERS)
    news_page("Gold", audience=Audience.GOLD)
    client.force_login(silver_partner)

    response = client.get("/news/")

    titles = [item.title for item in response.context["news_page"]]
    assert sorted(titles) == ["Partners", "Public"]
    assert b"Gold" not in response.content


def test_visitors_see_only_public_news_on_the_landing_page(client, home):
    news_page("Public", audience=Audience.EVERYONE)
    news_page("Customers", audience=Audience.SIGNED_IN)

    response = client.get("/")

    assert [item.title for item in response.context["latest_news"]] == ["Public"]


@pytest.mark.parametrize(
    ("persona", "titles"),
    [
        ("customer", ["Customers", "Public"]),
        ("silver", ["Customers", "Partners", "Public"]),
        ("gold", ["Customers", "Gold", "Partners"]),
    ],
)
def test_news_tile_lists_the_latest_news_of_the_users_audience(
    client, home, personas, persona, titles
):
    news_page("Public", audience=Audience.EVERYONE, date="2026-11-01")
    news_page("Customers", audience=Audience.SIGNED_IN, date="2026-11-02")
    news_page("Partners", audience=Audience.PARTNERS, date="2026-11-03")
    news_page("Gold", audience=Audience.GOLD, date="2026-11-04")
    client.force_login(personas[persona])

    response = client.get("/portal/")

    tiles = {tile.key: context for tile, context in response.context["tiles"]}
    assert sorted(title for title, _url, _date in tiles["news"]["items"]) == titles


def test_search_hits_leave_out_articles_the_user_may_not_open(client, home, buyer):
    article_page("Bonus for everyone", summary="The bonus rules")
    article_page("Gold bonus", summary="The gold bonus", audience=Audience.GOLD)
    client.force_login(buyer)

    response = client.get(knowledge_index().url, {"q": "bonus"})

    titles = [hit.page.title for hit in response.context["results"]]
    assert titles == ["Bonus for everyone"]
    assert b"Gold bonus" not in response.content


def test_draft_news_is_not_listed(client, home):
    page = news_page("Draft")
    page.unpublish()

    response = client.get("/news/")

    assert list(response.context["news_page"]) == []
    assert NewsPage.objects.filter(title="Draft").exists()


def test_a_page_moved_below_a_narrower_page_takes_its_audience(home):
    public = article_page("Public article", audience=Audience.EVERYONE)
    gold_category = knowledge_category("Gold corner", audience=Audience.GOLD)

    public.move(gold_category, pos="last-child")

    public.refresh_from_db()
    assert public.audience == Audience.GOLD
