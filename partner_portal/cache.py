"""Django's Redis cache, made optional for the portal to work: when Redis is
unreachable every read is a miss, every write is dropped and a counter is at
its first step, so the portal gets slower (sessions come from the database,
the page frame is computed again, rate limits let requests through) instead
of answering 500.

After a failure the cache does not ask Redis again for `RETRY_AFTER` seconds
(OPTIONS, default 5), so a dead or unreachable Redis costs one short timeout
per worker and interval, not one per cache call. A warning is logged at most
once a minute per process.

A write this process could not make may have been an invalidation (a new
generation of the page frame, a signed-in user's new token after they were
deactivated): once Redis answers again, this process first clears the cache
(its KEY_PREFIX's keys, else the whole Redis database), so nothing stale is
served. Give the portal its own Redis database or key prefix.

    CACHES = {"default": {
        "BACKEND": "partner_portal.cache.ResilientRedisCache",
        "LOCATION": "redis://127.0.0.1:6379/0",
        "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.5},
    }}
"""

import logging
import re
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

UNAVAILABLE = (RedisConnectionError, RedisTimeoutError, OSError)
WARN_EVERY_SECONDS = 60
WRITES = frozenset({"add", "set", "touch", "delete", "incr", "set_many", "delete_many"})


class ResilientRedisCache(RedisCache):
    _warned_at = None
    _warn_lock = threading.Lock()

    def __init__(self, server, params):
        options = dict(params.get("OPTIONS", {}))
        self.retry_after = float(options.pop("RETRY_AFTER", 5))
        super().__init__(server, {**params, "OPTIONS": options})
        self._down_until = 0.0
        self._lost_write = False

    @property
    def available(self) -> bool:
        """False while a recent failure makes this process skip Redis."""
        return time.monotonic() >= self._down_until

    def _failed(self, operation: str, error: Exception) -> None:
        self._down_until = time.monotonic() + self.retry_after
        now = time.monotonic()
        with self._warn_lock:
            cls = type(self)
            if cls._warned_at is not None and now - cls._warned_at < WARN_EVERY_SECONDS:
                return
            cls._warned_at = now
        logger.warning(
            "Redis cache unavailable (%s failed: %s); serving without it for "
            "%s s at a time.",
            operation,
            error,
            self.retry_after,
        )

    def _call(self, operation: str, fallback, call):
        if self._lost_write and self.available:
            self._forget_what_may_be_stale()
        if not self.available:
            self._lost_write |= operation in WRITES
            return fallback
        try:
            return call()
        except UNAVAILABLE as error:
            self._lost_write |= operation in WRITES
            self._failed(operation, error)
            return fallback

    def _forget_what_may_be_stale(self) -> None:
        try:
            self._clear()
        except UNAVAILABLE as error:
            self._failed("clear", error)
            return
        self._lost_write = False
        logger.warning(
            "Redis cache reachable again; cleared it, since writes made while "
            "it was away are lost."
        )

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(
            "add", False, lambda: RedisCache.add(self, key, value, timeout, version)
        )

    def get(self, key, default=None, version=None):
        return self._call(
            "get", default, lambda: RedisCache.get(self, key, default, version)
        )

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(
            "set", None, lambda: RedisCache.set(self, key, value, timeout, version)
        )

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(
            "touch", False, lambda: RedisCache.touch(self, key, timeout, version)
        )

    def delete(self, key, version=None):
        return self._call(
            "delete", False, lambda: RedisCache.delete(self, key, version)
        )

    def get_many(self, keys, version=None):
        return self._call(
            "get_many", {}, lambda: RedisCache.get_many(self, keys, version)
        )

    def has_key(self, key, version=None):
        return self._call(
            "has_key", False, lambda: RedisCache.has_key(self, key, version)
        )

    def incr(self, key, delta=1, version=None):
        # A counter Redis cannot keep starts again: rate limits let the
        # request through rather than refuse everyone.
        return self._call(
            "incr", delta, lambda: RedisCache.incr(self, key, delta, version)
        )

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(
            "set_many",
            list(data),
            lambda: RedisCache.set_many(self, data, timeout, version),
        )

    def delete_many(self, keys, version=None):
        return self._call(
            "delete_many", None, lambda: RedisCache.delete_many(self, keys, version)
        )

    def clear(self):
        return self._call("clear", False, self._clear)

    def _clear(self):
        # With a KEY_PREFIX (several portals or test runs on one Redis) only
        # this cache's keys go, not the whole database.
        if not self.key_prefix:
            return RedisCache.clear(self)
        client = self._cache.get_client(None, write=True)
        pattern = re.sub(r"([*?\[\]\\])", r"\\\1", self.key_prefix) + ":*"
        keys = list(client.scan_iter(match=pattern, count=1000))
        for start in range(0, len(keys), 1000):
            client.delete(*keys[start : start + 1000])
        return True
