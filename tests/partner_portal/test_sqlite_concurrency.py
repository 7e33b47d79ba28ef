"""Several requests writing at once on SQLite wait for the lock instead of
failing with "database is locked": the settings begin transactions IMMEDIATE,
wait up to 20 s and use WAL. Checked on a file database of its own, through
Django's SQLite backend with the very options of config/settings/base.py."""

import threading

import pytest
from django.conf import settings
from django.db import connections, transaction

ALIAS = "concurrency_check"
THREADS = 8
TRANSACTIONS_PER_THREAD = 15


@pytest.fixture
def sqlite_file_database(tmp_path, monkeypatch, django_db_blocker):
    default = settings.DATABASES["default"]
    if default["ENGINE"] != "django.db.backends.sqlite3":
        pytest.skip("SQLite only: other databases lock rows, not the whole file")
    # The same configuration as the application's database, in a file of its own.
    config = {**connections.settings["default"], "NAME": str(tmp_path / "c.sqlite3")}
    config["TEST"] = {**config["TEST"], "NAME": None}
    config["ATOMIC_REQUESTS"] = False
    monkeypatch.setitem(connections.settings, ALIAS, config)
    with django_db_blocker.unblock():
        with connections[ALIAS].cursor() as cursor:
            cursor.execute("CREATE TABLE hit (thread INTEGER, seq INTEGER)")
        yield connections[ALIAS]
        connections[ALIAS].close()
    del connections[ALIAS]


def test_database_options_are_the_ones_that_avoid_locking_errors():
    options = settings.DATABASES["default"].get("OPTIONS", {})
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
        pytest.skip("SQLite only")

    assert options["transaction_mode"] == "IMMEDIATE"
    assert options["timeout"] == 20
    assert "PRAGMA journal_mode=WAL" in options["init_command"]


def test_concurrent_write_transactions_do_not_fail(sqlite_file_database):
    with sqlite_file_database.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
    errors = []
    start = threading.Barrier(THREADS)

    def writer(number):
        try:
            start.wait()
            for seq in range(TRANSACTIONS_PER_THREAD):
                # Read, then write in the same transaction, as a request does:
                # with a deferred BEGIN the upgrade to a write lock fails at once.
                with transaction.atomic(using=ALIAS):
                    with connections[ALIAS].cursor() as cursor:
                        cursor.execute("SELECT COUNT(*) FROM hit")
                        cursor.fetchone()
                        cursor.execute(
                            "INSERT INTO hit (thread, seq) VALUES (%s, %s)",
                            [number, seq],
                        )
        except Exception as error:  # noqa: BLE001  every failure is the finding
            errors.append(repr(error))
        finally:
            connections[ALIAS].close()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert errors == []
    with sqlite_file_database.cursor() as cursor:
        cursor.execute("SELECT thread, COUNT(*) FROM hit GROUP BY thread")
        assert dict(cursor.fetchall()) == dict.fromkeys(
            range(THREADS), TRANSACTIONS_PER_THREAD
        )
