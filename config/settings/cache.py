"""The cache and the sessions (read by base.py).

One cache for every worker, and with REDIS_URL for every app server: cached
sessions, the page frame (help menu, footer, branding; invalidated when
editors publish), the API's rate-limit counters and the feedback form's limit
for visitors must agree across processes, which a per-process memory cache
does not. Login lockouts (django-axes) and the forums' posting limits are
counted in the database; Wagtail's and Oscar's own cache use is this cache.

- REDIS_URL=redis://host:6379/0: Redis, through a backend that turns an
  unreachable Redis into cache misses (partner_portal/cache.py), so the portal
  gets slower, not broken, while Redis is away.
- else CACHE_URL (django-environ's cache URLs), default: files under var/cache
  (one host only).
"""

from pathlib import Path

import environ

env = environ.Env()

_BASE_DIR = Path(__file__).resolve().parent.parent.parent

REDIS_URL = env("REDIS_URL", default="")


def redis_cache(url: str, *, key_prefix: str = "") -> dict:
    """The CACHES entry for Redis at `url`. Short timeouts: a dead Redis on
    the same network answers at once, a missing host costs a quarter second
    and is then skipped for PORTAL_REDIS_RETRY_SECONDS."""
    return {
        "BACKEND": "partner_portal.cache.ResilientRedisCache",
        "LOCATION": url,
        "KEY_PREFIX": key_prefix,
        "OPTIONS": {
            "socket_connect_timeout": env.float(
                "PORTAL_REDIS_CONNECT_TIMEOUT", default=0.25
            ),
            "socket_timeout": env.float("PORTAL_REDIS_TIMEOUT", default=0.5),
            "RETRY_AFTER": env.float("PORTAL_REDIS_RETRY_SECONDS", default=5),
        },
    }


if REDIS_URL:
    CACHES = {"default": redis_cache(REDIS_URL)}
    # Wagtail's redirect import reads the uploaded file again in a second
    # request, which another server may answer: the file waits in the cache,
    # not in this server's temporary folder.
    WAGTAIL_REDIRECTS_FILE_STORAGE = "cache"
else:
    CACHES = {
        "default": env.cache(
            "CACHE_URL", default=f"filecache://{_BASE_DIR / 'var' / 'cache'}"
        )
    }
    # The same files, read with one stat per entry while they are unchanged
    # (partner_portal/file_cache.py). Room for every signed-in user's session
    # and user entries beside the page frame: at Django's default of 300
    # (var/cache held 289) each write drops a third of the entries, sessions
    # and signed-in users included, which the next requests read again.
    if CACHES["default"]["BACKEND"].endswith(".filebased.FileBasedCache"):
        CACHES["default"]["BACKEND"] = "partner_portal.file_cache.FileCache"
        CACHES["default"].setdefault("OPTIONS", {}).setdefault("MAX_ENTRIES", 5000)

# Sessions are read from the cache and written through to the database, so a
# Redis flush or outage logs nobody out.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
