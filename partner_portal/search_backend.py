"""Wagtail's database search backend, reading pages in their own language on
PostgreSQL (WAGTAILSEARCH_BACKENDS in config/settings/base.py).

Wagtail keeps one index row per object, written with one text-search
configuration. Here each translatable object (pages, in a locale) is indexed
with its locale's configuration (partner_portal/search_config.py), other
objects (images, documents) with 'simple'. A search reads the query with the
same configuration: the one passed as SEARCH_CONFIG
(`get_search_backend(SEARCH_CONFIG=...)`, as the knowledge search does with
the language of the pages it searches), else the active language's for
translatable models and 'simple' for the rest.

On SQLite and other databases this is Wagtail's database backend unchanged.
After switching to this backend on PostgreSQL, `manage.py update_index`
re-indexes what was indexed before with PostgreSQL's default configuration.
"""

import copy
from collections import defaultdict
from functools import cache

from django.db import connection
from modelsearch.backends.database import SearchBackend as DatabaseSearchBackend
from wagtail.models import Locale, TranslatableMixin

from partner_portal.search_config import (
    FALLBACK_CONFIG,
    config_for_language,
    current_config,
)


def SearchBackend(params):  # noqa: N802  the name Wagtail looks up in the module
    if connection.vendor == "postgresql":
        return _postgres_backend_class()(params)
    return DatabaseSearchBackend(params)


def _index_configs(objs) -> list[str]:
    """Each object's configuration, with one query for their locales."""
    locale_ids = {getattr(obj, "locale_id", None) for obj in objs} - {None}
    languages = dict(
        Locale.objects.filter(pk__in=locale_ids).values_list("pk", "language_code")
    )
    return [
        config_for_language(languages[obj.locale_id])
        if isinstance(obj, TranslatableMixin) and obj.locale_id in languages
        else FALLBACK_CONFIG
        for obj in objs
    ]


@cache
def _postgres_backend_class():
    # Imported here: the PostgreSQL backend needs PostgreSQL's driver.
    from modelsearch.backends.database.postgres.postgres import (
        PostgresIndex,
        PostgresSearchBackend,
        PostgresSearchQueryCompiler,
    )

    class LanguageIndex(PostgresIndex):
        def add_items(self, model, objs):
            groups = defaultdict(list)
            for obj, config in zip(objs, _index_configs(objs), strict=True):
                groups[config].append(obj)
            for config, group in groups.items():
                backend = copy.copy(self.backend)
                backend.config = config
                PostgresIndex(backend).add_items(model, group)

    class LanguageQueryCompiler(PostgresSearchQueryCompiler):
        def get_config(self, backend):
            if backend.config:
                return backend.config
            if issubclass(self.queryset.model, TranslatableMixin):
                return current_config()
            return FALLBACK_CONFIG

    class LanguagePostgresSearchBackend(PostgresSearchBackend):
        index_class = LanguageIndex
        query_compiler_class = LanguageQueryCompiler

    return LanguagePostgresSearchBackend
