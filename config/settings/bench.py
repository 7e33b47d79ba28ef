"""`make bench`: the production settings, served over plain http on loopback,
on the bench database (var/bench/bench.sqlite3) with its own static files.

Only what loopback without TLS needs differs from production: no redirect to
https and no Secure flag on cookies (the load generator sends the session
cookie back over http). Everything that costs time per request (middleware,
database options, ATOMIC_REQUESTS, templates, manifest static files) stays as
production has it, so the figures follow when production changes.
"""

import os
from pathlib import Path

_BASE_DIR = Path(__file__).resolve().parent.parent.parent
_BENCH_DIR = _BASE_DIR / "var" / "bench"

# Read by base.py and production.py at import, so set before importing them;
# a DATABASE_URL of the caller's still wins.
os.environ.setdefault("DATABASE_URL", f"sqlite:///{_BENCH_DIR / 'bench.sqlite3'}")
os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-never-used-in-production-x")
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")
os.environ.setdefault("PORTAL_BASE_URL", "http://127.0.0.1")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("SECURE_HSTS_SECONDS", "0")
# Warnings and errors ("database is locked") still reach the server's log.
os.environ.setdefault("LOG_LEVEL", "WARNING")

from .production import *  # noqa: E402, F403

ROOT_URLCONF = "config.bench_urls"
STATIC_ROOT = _BENCH_DIR / "staticfiles"

SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
LANGUAGE_COOKIE_SECURE = False

# The demo data loads through the services, which send mail: not over SMTP.
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
