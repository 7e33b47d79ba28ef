"""Browser tests: a real `runserver` on its own SQLite file, driven by Chromium.

The server does not use pytest-django's live_server: its transactional flush
wipes the rows Wagtail's data migrations create (root page, site, locales).
Instead the session migrates a fresh SQLite file, loads the demo data and serves
it from a subprocess, whatever DATABASE_URL the rest of the suite uses.

A full migrate takes about a minute, so the migrated (not yet demo-filled)
database is kept under var/browser-db/ as a template, keyed by the contents of
every installed migration file; `migrate` and `load_demo` still run on each
session's copy. Delete the folder, or set BROWSER_TESTS_FRESH_DB=1, to start
from nothing.
"""

import hashlib
import os
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import django
import pytest
from django.apps import apps
from playwright.sync_api import sync_playwright

BASE_DIR = Path(__file__).resolve().parents[2]
TEMPLATE_DIR = BASE_DIR / "var" / "browser-db"
SCREENSHOT_DIR = BASE_DIR / "test-results" / "browser"
DEMO_PASSWORD = "portal-demo-2026"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
SERVER_START_SECONDS = 60
# Short timeouts: a missing element should fail a test in seconds, not minutes.
ACTION_TIMEOUT_MS = 10_000


def _server_env(database_path):
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.test",
        DATABASE_URL=f"sqlite:///{database_path}",
        PYTHONUNBUFFERED="1",
    )
    return env


def _manage(*args, database_path, log):
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=_server_env(database_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        check=False,
    )
    log.write(result.stdout)
    if result.returncode != 0:
        pytest.fail(
            f"manage.py {' '.join(args)} failed ({result.returncode}):\n"
            f"{result.stdout[-4000:]}",
            pytrace=False,
        )


def _migrations_key():
    """A hash of every installed app's migration files and Django's version."""
    digest = hashlib.sha256(django.get_version().encode())
    for app_config in sorted(apps.get_app_configs(), key=lambda a: a.label):
        folder = Path(app_config.path) / "migrations"
        for path in sorted(folder.glob("*.py")):
            digest.update(f"{app_config.label}/{path.name}".encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _sqlite_copy(source, target):
    """Copy through SQLite's backup API: safe with WAL files around."""
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    src.close()
    dst.close()


def _migrated_template(log):
    template = TEMPLATE_DIR / f"migrated-{_migrations_key()}.sqlite3"
    if template.exists() and not os.environ.get("BROWSER_TESTS_FRESH_DB"):
        return template
    TEMPLATE_DIR.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=TEMPLATE_DIR) as work:
        database = Path(work) / "migrating.sqlite3"
        _manage("migrate", "--noinput", database_path=database, log=log)
        partial = Path(work) / "template.sqlite3"
        _sqlite_copy(database, partial)
        # Atomic, so that a parallel run never sees half a file.
        os.replace(partial, template)
    return template


def _free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until_healthy(url, server, log_path):
    deadline = time.monotonic() + SERVER_START_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            break
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    server.kill()
    server.wait()
    output = log_path.read_text(errors="replace")[-4000:]
    pytest.fail(f"runserver did not become healthy at {url}:\n{output}", pytrace=False)


@pytest.fixture(scope="session")
def portal_url():
    """Base URL of a runserver with migrated demo data on its own SQLite file."""
    with tempfile.TemporaryDirectory(prefix="browser-tests-") as tmp:
        tmp = Path(tmp)
        database = tmp / "browser.sqlite3"
        log_path = tmp / "server.log"
        with log_path.open("w") as log:
            _sqlite_copy(_migrated_template(log), database)
            # On a fresh template `migrate` has nothing to do; it still checks.
            _manage("migrate", "--noinput", database_path=database, log=log)
            _manage("load_demo", database_path=database, log=log)
            port = _free_port()
            url = f"http://127.0.0.1:{port}"
            # test settings have DEBUG = False: --insecure serves static files.
            server = subprocess.Popen(
                [
                    sys.executable,
                    "manage.py",
                    "runserver",
                    f"127.0.0.1:{port}",
                    "--noreload",
                    "--insecure",
                ],
                cwd=BASE_DIR,
                env=_server_env(database),
                stdout=log,
                stderr=subprocess.STDOUT,
            )
            try:
                _wait_until_healthy(url, server, log_path)
                yield url
            finally:
                server.terminate()
                try:
                    server.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    server.kill()
                    server.wait()


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def context(browser, portal_url):
    """A fresh browser context (own cookies, so own session) for each test."""
    context = browser.new_context(base_url=portal_url, locale="en-GB")
    context.set_default_timeout(ACTION_TIMEOUT_MS)
    yield context
    context.close()


@pytest.fixture
def page(context):
    return context.new_page()


@pytest.fixture(scope="session")
def screenshot_dir():
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    return SCREENSHOT_DIR


def login(page, email, password=DEMO_PASSWORD):
    """Log in through the login form and wait for the page it leads to."""
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()
