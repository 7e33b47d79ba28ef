"""Generation numbers in the shared cache: a cache entry whose key holds the
current generation of its kind goes stale, in every worker at once, when the
generation moves (partner_portal.frame_cache, partner_portal.page_cache)."""

import itertools
import time

from django.core.cache import cache

# Entries outlive no change (the generation moves then), so the timeout only
# bounds what a cache keeps of generations nobody asks for any more.
TIMEOUT = 60 * 60 * 24
_counter = itertools.count()


def new() -> str:
    # Unique across workers and restarts without a shared counter.
    return f"{time.time_ns():x}.{next(_counter)}"


def current(key: str) -> str:
    """The generation kept under `key`, started when there is none."""
    generation = cache.get(key)
    if generation is None:
        generation = new()
        # add: a worker that just moved it keeps its newer generation.
        if not cache.add(key, generation, TIMEOUT):
            generation = cache.get(key, generation)
    return generation


def move(key: str) -> None:
    """Make every entry of the generation kept under `key` stale."""
    cache.set(key, new(), TIMEOUT)
