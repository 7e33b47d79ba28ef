"""On PostgreSQL the knowledge base, the forums and the catalogue search in
the reader's language: German finds "Bohrmaschine" for "Bohrmaschinen",
English "drill" for "drills"; what a reader may not see stays unseen.

Run with: bash scripts/with-postgres.sh .venv/bin/pytest --create-db tests/ops/"""

import pytest
from django.db import connection
from django.urls import reverse
from wagtail.models import Locale

from forums.models import Post
from partner_portal.audience import Audience
from partner_portal.search_config import config_for_language
from tests.factories.cms import article_page, home_page, knowledge_category
from tests.factories.forums import CategoryFactory, PostFactory, TopicFactory
from tests.factories.orders import product_create

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="PostgreSQL full-text search: run with scripts/with-postgres.sh",
)

GERMAN = {"accept-language": "de"}


@pytest.mark.parametrize(
    ("language", "config"),
    [
        ("en", "english"),
        ("de", "german"),
        ("de-at", "german"),
        ("es", "spanish"),
        ("zh-hans", "simple"),
        ("fa", "simple"),
        ("xx", "simple"),
        (None, "simple"),
    ],
)
def test_each_language_has_its_configuration(language, config):
    assert config_for_language(language) == config


# Knowledge base (Wagtail pages, indexed in their locale's language)


def _translate(page, locale, **fields):
    copy = page.copy_for_translation(locale, copy_parents=True).specific
    for name, value in fields.items():
        setattr(copy, name, value)
    copy.save_revision().publish()
    return copy


@pytest.fixture
def knowledge(db):
    german = Locale.objects.get_or_create(language_code="de")[0]
    drill = article_page("Cordless drill", summary="The drill for every site.")
    article_page("Gloves", summary="Cotton gloves keep hands safe.")
    secret = article_page(
        "Drill service for gold partners",
        summary="The drill service desk.",
        audience=Audience.GOLD,
        category=knowledge_category("Partner desk", audience=Audience.EVERYONE),
    )
    _translate(home_page(), german, title="Willkommen")
    german_drill = _translate(
        drill,
        german,
        title="Akku-Bohrmaschine",
        summary="Die Bohrmaschine für jede Baustelle.",
    )
    return {
        "index": drill.get_parent().get_parent(),
        "drill": drill,
        "german_drill": german_drill,
        "secret": secret,
    }


def _knowledge_hits(client, index, query, headers=None):
    response = client.get(index.url, {"q": query}, headers=headers or {})
    assert response.status_code == 200
    return [hit.page.pk for hit in response.context["results"]]


def test_knowledge_search_finds_german_word_forms(client, knowledge):
    hits = _knowledge_hits(client, knowledge["index"], "Bohrmaschinen", GERMAN)

    assert hits == [knowledge["german_drill"].pk]


def test_knowledge_search_finds_english_word_forms_not_hidden_articles(
    client, buyer, knowledge
):
    # A customer's buyer sees everyone's articles, not the gold partners'
    client.force_login(buyer)

    hits = _knowledge_hits(client, knowledge["index"], "drills")

    assert hits == [knowledge["drill"].pk]
    assert knowledge["secret"].pk not in hits


# Forums (the reader's language)


@pytest.fixture
def forum(db, open_category):
    gold = CategoryFactory(name="Gold lounge", slug="gold-lounge", audience="gold")
    in_title = TopicFactory(
        category=open_category, title="Welche Bohrmaschine?", body="Frage an alle"
    )
    old = TopicFactory(category=open_category, title="Werkzeug", body="Hallo")
    in_text = PostFactory(topic=old, body="Meine Bohrmaschine ist laut.")
    english = TopicFactory(
        category=open_category, title="Tools", body="Which drill do you use?"
    )
    hidden = TopicFactory(category=gold, title="Bohrmaschine (gold)", body="drill")
    pending = PostFactory(
        topic=old,
        body="Bohrmaschine drill zu verkaufen",
        status=Post.Status.PENDING,
        approved_at=None,
    )
    return {
        "in_text": in_text,
        "in_title": in_title.posts.get(),
        "english": english.posts.get(),
        "hidden": hidden.posts.get(),
        "pending": pending,
    }


@pytest.fixture
def open_category(db):
    return CategoryFactory(name="Fasteners", slug="fasteners", audience="signed_in")


def _forum_hits(client, query, headers=None):
    response = client.get(reverse("forums:search"), {"q": query}, headers=headers or {})
    assert response.status_code == 200
    return [post.pk for post in response.context["results"]]


def test_forum_search_reads_german_and_ranks_titles_first(client, buyer, forum):
    client.force_login(buyer)

    hits = _forum_hits(client, "Bohrmaschinen", GERMAN)

    # The word in a topic's title weighs more than in a post's text: the
    # older title match comes first
    assert hits == [forum["in_title"].pk, forum["in_text"].pk]


def test_forum_search_in_english_finds_english_forms_only_where_allowed(
    client, buyer, forum
):
    client.force_login(buyer)

    # English reads "drills" as "drill"; the gold lounge and the post
    # awaiting moderation stay out
    assert _forum_hits(client, "drills") == [forum["english"].pk]
    # ... and does not know German word forms
    assert _forum_hits(client, "Bohrmaschinen") == []


def test_gold_partners_find_their_lounge(client, partner_admin, forum):
    client.force_login(partner_admin)

    hits = _forum_hits(client, "drills")

    assert set(hits) == {forum["english"].pk, forum["hidden"].pk}


# Catalogue (the reader's language, best match first)


@pytest.fixture
def products(db):
    return {
        "german": product_create(
            title="Akku-Bohrmaschine BM 18", sku="BM-18", price="149.00"
        ),
        "english": product_create(title="Cordless drill 18 V", sku="DR-18", price="99"),
        "gloves": product_create(title="Cotton gloves", sku="GL-1", price="3"),
        "hidden": product_create(
            title="Drill prototype", sku="DR-X", price="1", is_public=False
        ),
    }


def _catalogue_titles(client, query, headers=None, **params):
    response = client.get(
        reverse("search:search"), {"q": query, **params}, headers=headers or {}
    )
    assert response.status_code == 200
    return [hit.object.title for hit in response.context["products"]]


def test_catalogue_search_reads_the_readers_language(client, buyer, products):
    client.force_login(buyer)

    assert _catalogue_titles(client, "Bohrmaschinen", GERMAN) == [
        "Akku-Bohrmaschine BM 18"
    ]
    # The prototype is not public: not found
    assert _catalogue_titles(client, "drills") == ["Cordless drill 18 V"]
    # Article numbers are still found by their parts
    assert _catalogue_titles(client, "dr-1") == ["Cordless drill 18 V"]


def test_catalogue_search_offers_best_match_first(client, buyer, products):
    # Given a battery pack whose description names the drill
    client.force_login(buyer)
    battery = product_create(title="Battery pack", sku="BP-1", price="39")
    battery.description = "Fits the cordless drill."
    battery.save()

    # When the buyer searches, and then sorts by title
    best = _catalogue_titles(client, "cordless drills")
    by_title = _catalogue_titles(client, "cordless drills", sort_by="title")
    searched = client.get(reverse("search:search"), {"q": "drill"}).text
    browsed = client.get(reverse("search:search")).text

    # Then the title match comes first unless the buyer sorts otherwise;
    # "Best match" is offered (and chosen) only for a search
    assert best == ["Cordless drill 18 V", "Battery pack"]
    assert by_title == ["Battery pack", "Cordless drill 18 V"]
    assert '<option value="" selected>Best match</option>' in searched
    assert "Best match" not in browsed
