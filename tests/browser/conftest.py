"""Browser tests: a real `runserver` on its own SQLite file, driven by Chromium.

The server does not use pytest-django's live_server: its transactional flush
wipes the rows Wagtail's data migrations create (root page, site, locales).
Instead the session migrates a fresh SQLite file, loads the demo data and serves
it from a subprocess, whatever DATABASE_URL the rest of the suite uses.

A full migrate takes about a minute, so the migrated (not yet demo-filled)
database is kept under var/browser-db/ (git-ignored) as a template, keyed by the
installed apps and the contents of their migration files: while no migration
changes, a session copies it instead of migrating. `load_demo` runs on every
session's copy. Set BROWSER_TESTS_FRESH_DB=1 (or delete the folder) to migrate
from nothing.
"""

import hashlib
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import closing
from pathlib import Path

import django
import pytest
from django.apps import apps
from playwright.sync_api import sync_playwright

BASE_DIR = Path(__file__).resolve().parents[2]
TEMPLATE_DIR = BASE_DIR / "var" / "browser-db"
# Screenshots and the server log, for a look after the run (git-ignored).
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
# Generous: on a busy 2-core CI machine runserver can take a while to import.
SERVER_START_SECONDS = 180
# Short timeouts: a missing element should fail a test in seconds, not minutes.
ACTION_TIMEOUT_MS = 10_000


def _server_env(database_path):
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.test",
        DATABASE_URL=f"sqlite:///{database_path}",
        PYTHONUNBUFFERED="1",
        PORTAL_SERVE_MEDIA="1",
        # The webhook test's receiver listens on 127.0.0.1.
        PORTAL_WEBHOOKS_ALLOW_PRIVATE_URLS="1",
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
    """A hash of the installed apps, their migration files and Django's version."""
    digest = hashlib.sha256(django.get_version().encode())
    for app_config in sorted(apps.get_app_configs(), key=lambda a: a.label):
        digest.update(app_config.label.encode())
        folder = Path(app_config.path) / "migrations"
        for path in sorted(folder.glob("*.py")):
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _sqlite_copy(source, target):
    """Copy through SQLite's backup API: safe with WAL files around."""
    with (
        closing(sqlite3.connect(source)) as src,
        closing(sqlite3.connect(target)) as dst,
    ):
        src.backup(dst)


def _migrated_database(database, log):
    """Make `database` a fully migrated SQLite file: a copy of the template when
    the migrations are unchanged, else migrate it and keep it as the template."""
    template = TEMPLATE_DIR / f"migrated-{_migrations_key()}.sqlite3"
    if template.exists() and not os.environ.get("BROWSER_TESTS_FRESH_DB"):
        _sqlite_copy(template, database)
        return
    _manage("migrate", "--noinput", database_path=database, log=log)
    TEMPLATE_DIR.mkdir(parents=True, exist_ok=True)
    partial = TEMPLATE_DIR / f"{template.name}.{os.getpid()}.partial"
    _sqlite_copy(database, partial)
    # Atomic, so that a parallel run never sees half a file.
    os.replace(partial, template)
    for stale in TEMPLATE_DIR.glob("migrated-*.sqlite3"):
        if stale != template:
            stale.unlink(missing_ok=True)


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
            _migrated_database(database, log)
            _manage("load_demo", database_path=database, log=log)
            port = _free_port()
            url = f"http://127.0.0.1:{port}"
            log.flush()
            # test settings have DEBUG = False: --insecure serves static files.
            server = subprocess.Popen(
                [
                    sys.executable,
                    "manage.py",
                    "runserver",
                    f"127.0.0.1:{port}",
                    "--noreload",
                    "--insecure",
                    # CI runs `manage.py check` on its own.
                    "--skip-checks",
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
                # The server's log (tracebacks of 500s) outlives the temp dir.
                SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(log_path, SCREENSHOT_DIR / "server.log")


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def new_context(browser, portal_url):
    """Make fresh browser contexts (own cookies, so own session); all closed
    after the test. Takes Playwright's new_context options, e.g. viewport."""
    contexts = []

    def make(**options):
        context = browser.new_context(base_url=portal_url, locale="en-GB", **options)
        context.set_default_timeout(ACTION_TIMEOUT_MS)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_context):
    """A page in a fresh context, desktop-sized."""
    return new_context().new_page()


@pytest.fixture(scope="session")
def screenshot_dir():
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    return SCREENSHOT_DIR


def _login(page, email, password=DEMO_PASSWORD):
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


@pytest.fixture
def login():
    """`login(page, email)`: log in through the login form with the demo
    password and wait until the login page is left."""
    return _login
