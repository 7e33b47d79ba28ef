import os
from pathlib import Path

from .base import *  # noqa: F403
from .base import BASE_DIR, DATABASES, env
from .cache import REDIS_URL, redis_cache
from .tasks import tasks_setting

DEBUG = False
SECRET_KEY = "test-only-secret-key"
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# REDIS_URL: the suite runs against Redis (keys prefixed per test process, so
# a run's cache.clear() leaves other runs' keys alone); else process memory.
if REDIS_URL:
    CACHES = {"default": redis_cache(REDIS_URL, key_prefix=f"test{os.getpid()}")}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Tasks run at once; the worker fault test starts `db_worker` processes with
# PORTAL_TEST_TASKS_BACKEND=database, and slows their offer PDF renders down
# by PORTAL_TEST_PDF_DELAY seconds so that it can kill one mid-render.
TASKS = tasks_setting(env("PORTAL_TEST_TASKS_BACKEND", default="immediate"))
PORTAL_TEST_PDF_DELAY = env.float("PORTAL_TEST_PDF_DELAY", default=0.0)
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# TEST_FILES_DIR: where a run keeps its files (two runs at once, as in CI,
# each in its own folder).
_test_files = Path(env("TEST_FILES_DIR", default=str(BASE_DIR / "var")))
MEDIA_ROOT = _test_files / "test-media"
PORTAL_PRIVATE_MEDIA_ROOT = _test_files / "test-private"
# With AWS_STORAGE_BUCKET_NAME (scripts/with-services.sh) the suite runs
# against the object store: default and private stay on it.
if not PORTAL_OBJECT_STORAGE:  # noqa: F405
    STORAGES["private"]["OPTIONS"]["location"] = str(PORTAL_PRIVATE_MEDIA_ROOT)

# A file-backed test database lets `pytest --reuse-db` skip the ~30 s migrate.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    _test_db = Path(
        env("TEST_SQLITE_NAME", default=str(BASE_DIR / "var" / "test-db.sqlite3"))
    )
    # A fresh clone has no var/ folder yet.
    _test_db.parent.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["TEST"] = {"NAME": str(_test_db)}
