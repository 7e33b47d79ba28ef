"""The page frame's cache: what every page shows around its content (help
menu, footer, branding) is the same for everyone with the same audience and
language, so it is computed once and kept in Django's cache.

    links = frame_cached("help", key_parts, lambda: compute_links(...))

Every entry's key holds a generation number; `frame_cache_clear()` moves to a
new generation, which makes every entry stale at once (in every worker when
the cache is shared, see CACHES in config/settings/base.py). Apps call it from
receivers when editors change what the frame shows: pages published,
unpublished, moved or deleted, the branding saved, and through
`clear_on_change(Model)` for data the menus follow from.
"""

from django.core.cache import cache
from django.db import transaction

from partner_portal import generations

_GENERATION_KEY = "portal:frame:generation"
_TIMEOUT = generations.TIMEOUT


def generation() -> str:
    """The frame cache's current generation (partner_portal.frame_fragments)."""
    return generations.current(_GENERATION_KEY)


def frame_cached(name: str, parts, compute):
    """The cached value of `compute()` for `name` and the key `parts` (a tuple
    of strings: audiences, language, host), computed on a miss."""
    key = f"portal:frame:{generation()}:{name}:{'|'.join(map(str, parts))}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, _TIMEOUT)
    return value


def _clear() -> None:
    generations.move(_GENERATION_KEY)


def frame_cache_clear(**_signal_kwargs) -> None:
    """Make every cached frame entry stale; usable as a signal receiver.

    Again when the editor's transaction commits: a page rendered in between
    would otherwise cache what the database showed before the commit."""
    _clear()
    transaction.on_commit(_clear)


def _branding_changed(sender, created=False, **kwargs):
    # A row just created holds the defaults the frame already shows: the first
    # page after a fresh install creates it (Branding.load) while rendering.
    if not created:
        frame_cache_clear()


def clear_on_change(*models) -> None:
    """Saving or deleting a row of these models makes the frame stale: apps
    call it for data that decides what the frame shows beyond the user and
    the company (e.g. forum moderators, who see the moderation menu)."""
    from django.db.models.signals import post_delete, post_save

    for model in models:
        for signal in (post_save, post_delete):
            signal.connect(
                frame_cache_clear,
                sender=model,
                dispatch_uid=f"portal.frame.{model._meta.label}.{signal is post_save}",
            )


def connect() -> None:
    """The portal's own part of the frame: the branding and its logo."""
    from django.db.models.signals import post_delete, post_save
    from wagtail.images import get_image_model

    from partner_portal.models import Branding

    for model in (Branding, get_image_model()):
        for signal in (post_save, post_delete):
            signal.connect(
                _branding_changed,
                sender=model,
                dispatch_uid=f"portal.frame.{model._meta.label}.{signal is post_save}",
            )
