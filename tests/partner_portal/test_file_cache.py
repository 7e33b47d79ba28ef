"""The file cache (partner_portal/file_cache.py) answers exactly as Django's
file cache on the same files: another process's write, delete or an expiry is
seen at the next read, and every read hands out its own copy; a file that
stood unchanged is read with one stat instead of opened again."""

import os
import time

import pytest
from django.core.cache.backends.filebased import FileBasedCache

from partner_portal import file_cache
from partner_portal.file_cache import FileCache


@pytest.fixture
def kept_at_once(monkeypatch):
    # Files are kept once they stood KEEP_AFTER_SECONDS; at once for tests.
    monkeypatch.setattr(file_cache, "KEEP_AFTER_SECONDS", 0)


def _cache(path, **options) -> FileCache:
    return FileCache(str(path), {"OPTIONS": options})


def _opens(monkeypatch, cache) -> list[str]:
    opened = []
    read = cache._read

    def counting(fname, default):
        opened.append(fname)
        return read(fname, default)

    monkeypatch.setattr(cache, "_read", counting)
    return opened


def test_an_unchanged_file_is_read_once_and_each_read_gets_a_copy(
    tmp_path, monkeypatch, kept_at_once
):
    cache = _cache(tmp_path)
    cache.set("basket", {"lines": [1, 2]})
    opened = _opens(monkeypatch, cache)

    first = cache.get("basket")
    first["lines"].append(3)
    second = cache.get("basket")

    assert second == {"lines": [1, 2]}
    assert second is not first
    assert len(opened) == 1


def test_another_processs_write_and_delete_are_seen(tmp_path, kept_at_once):
    reader, writer = _cache(tmp_path), _cache(tmp_path)
    writer.set("token", "one")
    assert reader.get("token") == "one"
    assert reader.get("token") == "one"

    writer.set("token", "two")
    assert reader.get("token") == "two"

    writer.delete("token")
    assert reader.get("token", "gone") == "gone"


def test_it_reads_what_djangos_file_cache_wrote_and_the_other_way(
    tmp_path, kept_at_once
):
    ours, djangos = _cache(tmp_path), FileBasedCache(str(tmp_path), {})
    djangos.set("a", [1])
    ours.set("b", (2,))

    assert ours.get("a") == [1]
    assert djangos.get("b") == (2,)


def test_an_expired_entry_is_a_miss_and_its_file_goes(tmp_path, kept_at_once):
    cache = _cache(tmp_path)
    cache.set("short", "lived", timeout=60)
    assert cache.get("short") == "lived"
    path = cache._key_to_file("short")

    later = time.time() + 61
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(file_cache.time, "time", lambda: later)
        assert cache.get("short", "missed") == "missed"

    assert not os.path.exists(path)


def test_a_file_written_just_now_is_read_again_until_it_stood(tmp_path, monkeypatch):
    cache = _cache(tmp_path)
    cache.set("fresh", 1)
    opened = _opens(monkeypatch, cache)

    cache.get("fresh")
    cache.get("fresh")

    assert len(opened) == 2
    assert cache._kept == {}


def test_a_large_value_is_read_from_its_file_each_time(
    tmp_path, monkeypatch, kept_at_once
):
    cache = _cache(tmp_path)
    cache.set("page", "x" * (file_cache.MAX_KEPT_BYTES + 1))
    cache.set("session", {"user": 1})
    opened = _opens(monkeypatch, cache)

    for _ in range(2):
        cache.get("page")
        cache.get("session")

    assert len(opened) == 3
    assert list(cache._kept) == [cache._key_to_file("session")]


def test_the_directory_is_counted_only_every_few_writes(tmp_path, monkeypatch):
    cache = _cache(tmp_path, MAX_ENTRIES=3, CULL_FREQUENCY=3)
    monkeypatch.setattr(file_cache, "CULL_CHECK_WRITES", 4)
    counted = []
    listing = cache._list_cache_files

    def counting():
        counted.append(1)
        return listing()

    monkeypatch.setattr(cache, "_list_cache_files", counting)

    for number in range(9):
        cache.set(f"key{number}", number)

    # The first write and then every fourth (the interval had not passed).
    assert len(counted) == 3
    assert len(os.listdir(tmp_path)) < 9
