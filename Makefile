# The two commands: `make run` (portal with demo data on SQLite at
# http://127.0.0.1:8000) and `make test` (the whole suite, browser tests included).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install system-deps run serve demo test test-fast test-postgres lint format messages check-deploy check-static clean bench screens loadtest backup restore

$(STAMP): requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -r requirements-dev.txt
	touch $(STAMP)

install: $(STAMP)

# Debian packages the portal needs: Pango/HarfBuzz for WeasyPrint, Chromium for
# the browser tests, gettext for compiling translations.
system-deps:
	@bash scripts/system-deps.sh

run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	PORTAL_BASE_URL=http://$(HOST):$(PORT) $(BIN)/python manage.py runserver $(HOST):$(PORT)

# Browser tests run in their own pytest process: Playwright's event loop
# would otherwise stay open for the database tests that follow.
test: install system-deps
	$(BIN)/pytest -m "not browser"
	$(BIN)/pytest -m browser tests/browser

# Everything but the browser tests.
test-fast: install
	$(BIN)/pytest -m "not browser"

# The suite (without browser tests) as several app servers run it: against a
# throwaway PostgreSQL server, with a throwaway Redis (cache, sessions,
# throttles) and moto's S3 server (media and private files) configured.
test-postgres: install system-deps
	TEST_FILES_DIR=$(CURDIR)/var/postgres bash scripts/with-postgres.sh \
		bash scripts/with-services.sh $(BIN)/pytest --create-db -m "not browser"

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(MAKE) check-deploy
	$(MAKE) check-static

check-deploy: install
	DJANGO_SETTINGS_MODULE=config.settings.production \
	SECRET_KEY=check-deploy-$$(date +%s)-a-long-random-enough-secret-key-for-the-check \
	ALLOWED_HOSTS=portal.example \
	$(BIN)/python manage.py check --deploy --fail-level WARNING

# collectstatic as production runs it (WhiteNoise's manifest storage fails on a
# reference to a file that is not shipped, such as a source map).
check-static: install
	DJANGO_SETTINGS_MODULE=config.settings.production \
	SECRET_KEY=check-static-$$(date +%s)-a-long-random-enough-secret-key-for-the-check \
	ALLOWED_HOSTS=portal.example \
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0

# Speed, on a database of its own (var/bench/bench.sqlite3, seeded on the first
# run and reused after) with the production settings (config/settings/bench.py):
# in process, server time and SQL queries of order history, order detail,
# catalogue and quick order with 10,000 orders and 5,000 products, then offer
# PDF rendering and the offers list with 1,000 offers; then the portal and a
# bare Django view under gunicorn (2 workers), driven in turn by wrk, each page
# as a ratio of the bare view's rate with issue #15's goals (var/bench/report.md).
# Shorter: make bench BENCH_SECONDS=2 BENCH_ROUNDS=1
BENCH_SECONDS ?= 5
BENCH_ROUNDS ?= 5
BENCH_ENV := DJANGO_SETTINGS_MODULE=config.settings.bench
BENCH_STATIC := var/bench/staticfiles/staticfiles.json
# The bench's own collectstatic (production's manifest storage), again only
# when a static file or the installed packages changed: it takes minutes.
$(BENCH_STATIC): $(STAMP) $(shell find static */static -type f 2>/dev/null)
	$(BENCH_ENV) $(BIN)/python manage.py collectstatic --noinput --verbosity 0
	touch $@

bench: install $(BENCH_STATIC)
	@command -v wrk >/dev/null 2>&1 || bash scripts/system-deps.sh
	mkdir -p var/bench
	$(BENCH_ENV) $(BIN)/python manage.py migrate --noinput
	$(BENCH_ENV) $(BIN)/python manage.py bench_orders
	$(BENCH_ENV) $(BIN)/python manage.py bench_contracts
	$(BENCH_ENV) $(BIN)/python manage.py bench_api
	$(BENCH_ENV) $(BIN)/python -m bench --seconds $(BENCH_SECONDS) --rounds $(BENCH_ROUNDS)

# Screenshots of every main page at 390, 1280 and 1920 px in English and
# Persian, as var/screens/<page>-<width>-<language>.png, taken while the layout
# browser tests run (they also say which page breaks a layout rule).
screens: install system-deps
	PORTAL_SCREENS_DIR=$(CURDIR)/var/screens $(BIN)/pytest -m browser tests/browser/test_layout_pages.py -q

# Backups: the database (pg_dump, or SQLite's backup API) and every media file
# (public and private storages, local or S3) into a new folder below
# BACKUP_DIR with a manifest (counts, SHA-256 per file). A restore goes into
# the configured database and storages, which must be new and empty
# (manage.py restore --force replaces what is there).
BACKUP_DIR ?= var/backups
backup: install
	$(BIN)/python manage.py backup --dir $(BACKUP_DIR)

restore: install
	@test -n "$(BACKUP)" || { echo "Usage: make restore BACKUP=var/backups/portal-backup-..." >&2; exit 2; }
	$(BIN)/python manage.py restore $(BACKUP)

# Load: the portal under gunicorn on a throwaway PostgreSQL server, migrated,
# with the demo and the load's accounts (loadtest/seed.py), driven by Locust
# (headless) as buyers, procurement users, partners, support agents and
# editors; prints requests per second, median and p95 per page and the errors
# (var/loadtest/report.md), and fails on any 5xx or failed request, or when an
# order, return or support request the load created is not in the database.
# make loadtest USERS=50 DURATION=3m [WORKERS=5] (default 2 x cores + 1)
USERS ?= 50
DURATION ?= 3m
WORKERS ?=
LOADTEST_STATIC := var/loadtest/staticfiles/staticfiles.json
$(LOADTEST_STATIC): $(STAMP) $(shell find static */static -type f 2>/dev/null)
	DJANGO_SETTINGS_MODULE=config.settings.loadtest $(BIN)/python manage.py collectstatic --noinput --verbosity 0
	touch $@

loadtest: install $(LOADTEST_STATIC)
	bash scripts/with-postgres.sh $(BIN)/python -m loadtest --users $(USERS) \
		--duration $(DURATION) $(if $(WORKERS),--workers $(WORKERS))

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

messages: install
	$(BIN)/python manage.py makemessages -l de -l es -l zh_Hans -l fa --no-location \
		--ignore=".venv/*" --ignore="tests/*" --ignore="var/*" --ignore="staticfiles/*"
	$(BIN)/python manage.py compilemessages --ignore=".venv/*" --ignore="var/*"

clean:
	rm -rf $(VENV) var staticfiles
