"""Full-text search on PostgreSQL in the reader's language, in one place.

PostgreSQL reads text through a text-search configuration that knows a
language's word forms ("Bohrmaschinen" and "Bohrmaschine" are one word in
German, "drills" and "drill" in English). The portal's languages map to the
configurations PostgreSQL ships; Chinese and Persian have none and use
'simple' (lower-cased words, no stemming). On SQLite there is no such search:
callers keep their substring match there (`full_text_available()`).

Used by the forums' and the catalogue's search (`full_text_filter`) and by
Wagtail's search backend for pages (partner_portal/search_backend.py).
"""

from functools import reduce
from operator import add

from django.db import connection
from django.db.models import Q
from django.utils.translation import get_language

LANGUAGE_CONFIGS = {
    "en": "english",
    "de": "german",
    "es": "spanish",
    "zh-hans": "simple",
    "fa": "simple",
}
# Languages PostgreSQL has no configuration for, and text of no language.
FALLBACK_CONFIG = "simple"
# Words of a query that are read at most: any input makes a bounded search.
MAX_QUERY_LENGTH = 200


def config_for_language(language_code: str | None) -> str:
    """The text-search configuration for a language code ("de", "de-at",
    "zh-hans"); 'simple' for a language PostgreSQL has none for."""
    code = (language_code or "").lower()
    return (
        LANGUAGE_CONFIGS.get(code)
        or LANGUAGE_CONFIGS.get(code.split("-")[0])
        or FALLBACK_CONFIG
    )


def current_config() -> str:
    """The configuration of the active language (the request's user's)."""
    return config_for_language(get_language())


def full_text_available() -> bool:
    return connection.vendor == "postgresql"


def full_text_filter(queryset, *, fields, query: str, also: Q | None = None):
    """`queryset` narrowed to rows whose `fields` match `query` in the active
    language (every word, in any of its forms; quotes for a phrase, `-word`
    to exclude, as in web search), or that match `also` (the caller's
    substring rule, which finds article numbers, parts of words and text
    without spaces such as Chinese). Each row carries `search_rank`, the
    relevance of its full-text match (0 for rows only `also` found), for the
    caller to order by. PostgreSQL only.

    `fields`: (lookup, weight) pairs, weight "A" (most important) to "D".
    """
    from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

    config = current_config()
    vector = reduce(
        add,
        (SearchVector(field, weight=weight, config=config) for field, weight in fields),
    )
    search_query = SearchQuery(
        query[:MAX_QUERY_LENGTH].replace("\x00", ""),
        search_type="websearch",
        config=config,
    )
    matches = Q(search_document=search_query)
    if also is not None:
        matches |= also
    return queryset.annotate(
        search_document=vector, search_rank=SearchRank(vector, search_query)
    ).filter(matches)


def page_search(queryset, query: str, *, locale_id, operator=None):
    """Wagtail's search of `queryset` (pages of one locale). On PostgreSQL the
    query is read in the pages' language, the configuration they were indexed
    with (partner_portal/search_backend.py): an untranslated knowledge base
    serves English pages to a German reader, and they are searched in English."""
    if not full_text_available():
        return queryset.search(query, operator=operator)
    from wagtail.models import Locale
    from wagtail.search.backends import get_search_backend

    language = (
        Locale.objects.filter(pk=locale_id)
        .values_list("language_code", flat=True)
        .first()
    )
    backend = get_search_backend(SEARCH_CONFIG=config_for_language(language))
    return backend.search(query, queryset, operator=operator)
