"""Absolute links in mails start with PORTAL_BASE_URL, whatever host the
request that sent the mail came in on; Wagtail's base URL is the same
setting; production defaults to https:// and the first allowed host."""

import os
import subprocess
import sys

from django.conf import settings as django_settings
from django.core import mail
from django.urls import reverse

from partner_portal.mail import send_mail_to
from partner_portal.permissions import Role


def test_mail_links_use_the_setting_not_the_request_host(
    client, settings, company_admin, django_capture_on_commit_callbacks
):
    settings.PORTAL_BASE_URL = "https://portal.example.com"
    client.force_login(company_admin)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("partner_portal:colleagues"),
            {"email": "new@example.com", "role": Role.BUYER},
            HTTP_HOST="localhost",
        )

    assert len(mail.outbox) == 1
    assert "https://portal.example.com/portal/invitation/" in mail.outbox[0].body
    assert "localhost" not in mail.outbox[0].body
    assert "testserver" not in mail.outbox[0].body


def test_mail_templates_get_the_base_url(
    settings, buyer, django_capture_on_commit_callbacks
):
    settings.PORTAL_BASE_URL = "https://portal.example.com"

    with django_capture_on_commit_callbacks(execute=True):
        send_mail_to(
            buyer,
            subject="Order",
            template="orders/email/order_placed.txt",
            context={"order": {"number": "100042"}},
        )

    assert "https://portal.example.com/portal/orders/100042/" in mail.outbox[0].body


def test_wagtail_uses_the_same_setting():
    assert django_settings.WAGTAILADMIN_BASE_URL == django_settings.PORTAL_BASE_URL
    assert not django_settings.PORTAL_BASE_URL.endswith("/")


def _production_base_url(**env):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in ("PORTAL_BASE_URL", "DJANGO_SETTINGS_MODULE")
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY="x" * 60,
        ALLOWED_HOSTS="portal.example,www.portal.example",
        **env,
    )
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.PORTAL_BASE_URL, settings.WAGTAILADMIN_BASE_URL)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        env=environment,
        capture_output=True,
        text=True,
        check=True,
        cwd=django_settings.BASE_DIR,
    )
    return result.stdout.split()


def test_production_defaults_to_https_and_the_first_allowed_host():
    assert _production_base_url() == ["https://portal.example"] * 2
    assert (
        _production_base_url(PORTAL_BASE_URL="https://b2b.example.com/")
        == ["https://b2b.example.com"] * 2
    )
