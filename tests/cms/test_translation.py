"""Pages in the reader's language, with the default language as fallback."""

import pytest
from wagtail.models import Locale

from partner_portal.audience import Audience
from tests.factories.cms import article_page, home_page, news_page


@pytest.fixture
def german(db):
    return Locale.objects.get_or_create(language_code="de")[0]


def _translate(page, locale, **fields):
    copy = page.copy_for_translation(locale, copy_parents=True).specific
    for name, value in fields.items():
        setattr(copy, name, value)
    copy.save_revision().publish()
    return copy


def test_a_german_reader_gets_the_german_article_at_the_same_address(client, german):
    article = article_page("Delivery times", summary="Two days.")
    _translate(home_page(), german, title="Willkommen")
    _translate(article, german, title="Lieferzeiten", summary="Zwei Tage.")

    english = client.get(article.url)
    deutsch = client.get(article.url, headers={"accept-language": "de"})

    assert english.context["page"].title == "Delivery times"
    assert deutsch.context["page"].title == "Lieferzeiten"


def test_an_untranslated_page_falls_back_to_english(client, german):
    item = news_page("Only in English", audience=Audience.EVERYONE)
    _translate(home_page(), german, title="Willkommen")

    response = client.get(item.url, headers={"accept-language": "de"})

    assert response.status_code == 200
    assert response.context["page"].title == "Only in English"


def test_german_search_finds_german_articles(client, german):
    article = article_page("Delivery times", summary="Two days.")
    _translate(home_page(), german, title="Willkommen")
    german_article = _translate(
        article, german, title="Lieferzeiten", summary="Zwei Tage Lieferung."
    )
    index = article.get_parent().get_parent()

    response = client.get(
        index.url, {"q": "Lieferung"}, headers={"accept-language": "de"}
    )

    assert [hit.page.pk for hit in response.context["results"]] == [german_article.pk]
