"""In production the session and CSRF cookies carry the `__Host-` prefix:
browsers then accept them only with Secure, Path=/ and no Domain, so a
sibling subdomain cannot set or overwrite them."""

import json
import os
import subprocess
import sys

from django.conf import settings

SCRIPT = """
import json
import django
from django.conf import settings
django.setup()
print(json.dumps({
    name: getattr(settings, name)
    for name in (
        "SESSION_COOKIE_NAME", "SESSION_COOKIE_SECURE", "SESSION_COOKIE_PATH",
        "SESSION_COOKIE_DOMAIN", "CSRF_COOKIE_NAME", "CSRF_COOKIE_SECURE",
        "CSRF_COOKIE_PATH", "CSRF_COOKIE_DOMAIN",
    )
}))
"""


def _production_settings():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "test-production-cookies-" + "x" * 50,
        "ALLOWED_HOSTS": "portal.example",
        "DATABASE_URL": "sqlite:////tmp/unused-production-cookies.sqlite3",
    }
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_cookies_have_the_host_prefix():
    values = _production_settings()

    assert values == {
        "SESSION_COOKIE_NAME": "__Host-sessionid",
        "SESSION_COOKIE_SECURE": True,
        "SESSION_COOKIE_PATH": "/",
        "SESSION_COOKIE_DOMAIN": None,
        "CSRF_COOKIE_NAME": "__Host-csrftoken",
        "CSRF_COOKIE_SECURE": True,
        "CSRF_COOKIE_PATH": "/",
        "CSRF_COOKIE_DOMAIN": None,
    }


def test_development_and_tests_keep_plain_names():
    # Browsers drop `__Host-` cookies sent over plain http (runserver).
    assert settings.SESSION_COOKIE_NAME == "sessionid"
    assert settings.CSRF_COOKIE_NAME == "csrftoken"
