"""Knowledge-base search: highlighted snippets, odd input answered normally,
searches without hits counted for editors."""

import pytest

from cms.models import SearchMiss
from cms.selectors import highlight, search_terms
from tests.factories.cms import article_page, knowledge_index


@pytest.fixture
def articles(home):
    article_page(
        "Reset your password",
        summary="Use the link on the login page.",
        body="We send a reset link to your email address.",
    )
    article_page("Delivery times", summary="Two to three working days.")
    article_page("订单状态", summary="如何查询订单状态")
    article_page("پیگیری سفارش", summary="وضعیت سفارش خود را ببینید")
    return knowledge_index()


def test_search_finds_the_article_with_a_highlighted_snippet(client, articles):
    response = client.get(articles.url, {"q": "password"})

    hits = response.context["results"]
    assert [hit.page.title for hit in hits] == ["Reset your password"]
    response = client.get(articles.url, {"q": "reset link"})
    snippet = response.context["results"][0].snippet
    assert "<mark>reset</mark>" in snippet
    assert "<mark>link</mark>" in snippet


ODD_INPUT = [
    "",
    "   ",
    "a" * 5000,
    "password " * 700,
    '"password',
    "pass'word",
    "\"\"''``",
    "'; DROP TABLE wagtailcore_page; --",
    "1 OR 1=1",
    "password AND NOT NEAR OR",
    "*",
    "%_%",
    "<script>alert(1)</script>",
    "订单",
    "如何查询订单状态",
    "سفارش",
    "پیگیری سفارش",
    "\x00\x01",
    "🙂",
]


@pytest.mark.parametrize("query", ODD_INPUT, ids=range(len(ODD_INPUT)))
def test_odd_input_answers_normally(client, articles, query):
    response = client.get(articles.url, {"q": query})

    assert response.status_code == 200
    assert b"<script>alert(1)</script>" not in response.content


@pytest.mark.parametrize(
    ("query", "title"),
    [
        ("订单", "订单状态"),
        ("سفارش", "پیگیری سفارش"),
        ('"reset', "Reset your password"),
    ],
)
def test_chinese_persian_and_quoted_words_are_found(client, articles, query, title):
    response = client.get(articles.url, {"q": query})

    assert [hit.page.title for hit in response.context["results"]] == [title]


def test_a_search_without_hits_is_recorded_once_per_wording(client, articles):
    client.get(articles.url, {"q": "Invoice  Copy"})
    client.get(articles.url, {"q": "invoice copy"})

    miss = SearchMiss.objects.get()
    assert (miss.query, miss.language_code, miss.count) == ("invoice copy", "en", 2)


def test_a_miss_is_recorded_in_the_language_the_user_searched_in(client, articles):
    client.get(articles.url, {"q": "Rechnungskopie"}, HTTP_ACCEPT_LANGUAGE="de")

    miss = SearchMiss.objects.get()
    assert (miss.query, miss.language_code) == ("rechnungskopie", "de")
    assert miss.language_code != articles.locale.language_code


def test_a_search_with_hits_is_not_recorded(client, articles):
    client.get(articles.url, {"q": "delivery"})
    client.get(articles.url, {"q": ""})

    assert not SearchMiss.objects.exists()


def test_search_terms_are_bounded():
    terms = search_terms("x" * 5000 + " " + " ".join(f"w{i}" for i in range(50)))

    assert len(terms) <= 8
    assert all(len(term) <= 50 for term in terms)
    assert search_terms("\"a' OR 1=1; --") == ["a", "OR", "1"]


def test_highlight_escapes_the_text():
    html = highlight("<b>bold</b> reset here", ["reset"])

    assert html == "&lt;b&gt;bold&lt;/b&gt; <mark>reset</mark> here"
