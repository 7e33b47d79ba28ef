"""`make loadtest`: the production settings, served by gunicorn over plain http
on loopback, on the PostgreSQL server that scripts/with-postgres.sh starts
(its DATABASE_URL), with static files, media and cache of its own under
var/loadtest/.

Like config/settings/bench.py, only what loopback without TLS needs differs
from production: no redirect to https and no Secure flag on cookies (Locust
sends the session and CSRF cookies back over http).
"""

import os
from pathlib import Path

_BASE_DIR = Path(__file__).resolve().parent.parent.parent
_LOADTEST_DIR = _BASE_DIR / "var" / "loadtest"

# Read by base.py and production.py at import, so set before importing them;
# the caller's environment still wins (DATABASE_URL comes from it).
os.environ.setdefault("SECRET_KEY", "loadtest-only-secret-key-never-used-in-production")
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")
os.environ.setdefault("PORTAL_BASE_URL", "http://127.0.0.1")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("SECURE_HSTS_SECONDS", "0")
os.environ.setdefault("LOG_LEVEL", "WARNING")
os.environ.setdefault("CACHE_URL", f"filecache://{_LOADTEST_DIR / 'cache'}")
os.environ.setdefault("MEDIA_ROOT", str(_LOADTEST_DIR / "media"))
os.environ.setdefault("PORTAL_PRIVATE_MEDIA_ROOT", str(_LOADTEST_DIR / "private"))

from .production import *  # noqa: E402, F403

STATIC_ROOT = _LOADTEST_DIR / "staticfiles"

SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
LANGUAGE_COOKIE_SECURE = False
# Browsers keep `__Host-` cookies only when Secure: plain names over http.
SESSION_COOKIE_NAME = "sessionid"
CSRF_COOKIE_NAME = "csrftoken"

# Mails of the load (order confirmations, support replies) go nowhere.
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
