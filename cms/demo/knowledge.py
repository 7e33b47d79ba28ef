"""The knowledge base with its German translations."""

from wagtail.models import Locale

from cms.demo.base import _child, _stream
from cms.demo.knowledge_content import KB_ARTICLES, KB_CATEGORIES
from cms.models import (
    ArticlePage,
    KnowledgeCategoryPage,
    KnowledgeIndexPage,
)


def _publish_translation(page, locale, **fields):
    translated = page.get_translation_or_none(locale)
    if translated is None:
        translated = page.copy_for_translation(locale, copy_parents=True)
    translated = translated.specific
    if translated.live and all(
        getattr(translated, name) == value
        for name, value in fields.items()
        if name != "body"
    ):
        return translated
    for name, value in fields.items():
        setattr(translated, name, value)
    translated.save_revision().publish()
    return translated


def _knowledge(home):
    index = _child(
        home,
        KnowledgeIndexPage,
        "knowledge",
        title="Knowledge base",
        intro="Answers to common questions about ordering, delivery and "
        "the partner programme.",
    )
    categories = {}
    for slug, title, _german, audience in KB_CATEGORIES:
        categories[slug] = _child(
            index, KnowledgeCategoryPage, slug, title=title, audience=audience
        )
    articles = {}
    for category, slug, kind, english, _german, audience in KB_ARTICLES:
        title, summary, body = english
        articles[slug] = _child(
            categories[category],
            ArticlePage,
            slug,
            title=title,
            kind=kind,
            summary=summary,
            audience=audience,
            body=_stream(("paragraph", f"<p>{body}</p>")),
        )
    for first, second in (
        ("quick-order", "reorder"),
        ("request-return", "damaged-goods"),
        ("partner-tiers", "gold-bonus"),
    ):
        if not articles[first].related_articles.filter(pk=articles[second].pk):
            articles[first].related_articles.add(articles[second])
            articles[first].save()

    german = Locale.objects.filter(language_code="de").first()
    if german is None:
        return 0
    _publish_translation(
        home,
        german,
        title="Willkommen",
        hero_title="Alles, was Ihr Unternehmen von uns braucht, an einem Ort",
        hero_text="Nachbestellen in Sekunden, Bestellungen verfolgen, "
        "Rücksendungen anmelden und Antworten finden, zu jeder Zeit.",
    )
    _publish_translation(
        index, german, title="Wissensdatenbank", intro="Antworten auf häufige Fragen."
    )
    for slug, _title, german_title, _audience in KB_CATEGORIES:
        _publish_translation(categories[slug], german, title=german_title)
    count = 0
    for _category, slug, _kind, _english, translation, _audience in KB_ARTICLES:
        if translation is None:
            continue
        title, summary, body = translation
        _publish_translation(
            articles[slug],
            german,
            title=title,
            summary=summary,
            body=_stream(("paragraph", f"<p>{body}</p>")),
        )
        count += 1
    return count
