"""Django's file cache (var/cache, the default without REDIS_URL), with the
same files and the same answers, read with less work per request.

Every signed-in request reads four entries (the session, and the user's
generation, token and entry in partner_portal.auth_cache), and each read of
Django's FileBasedCache opens the file, unpickles its expiry and decompresses
the value: about a fifth of the signed-in request's time. This backend keeps,
per process, the decompressed bytes of what it read together with the file's
identity (inode, size, modification and change time). The next read of the
same key asks the file system only for that identity (one stat): while it is
unchanged the kept bytes are the file's content and are unpickled again (each
caller still gets its own copy, as from Django's backend); any write by any
process replaces the file (a new inode and times), so the file is read again.

A file is kept only once it has been in place for KEEP_AFTER_SECONDS: two
versions of an entry written within one tick of the file system's clock
could otherwise look alike, but a file that has stood that long was not
replaced within its own tick. Key to path is memoised as well (a hash of the
key per read otherwise).

Django's backend lists the whole directory on every write to see whether
MAX_ENTRIES is reached (0.6 ms with 300 files, growing with the files); this
one looks at most every CULL_CHECK_WRITES writes or CULL_CHECK_SECONDS per
process, so the limit may be passed by that many entries per process before
a third of the entries are dropped, as Django's does.
"""

import os
import pickle
import time
import zlib

from django.core.cache.backends.filebased import FileBasedCache

KEEP_AFTER_SECONDS = 2.0
# Bounds the memory of both memos per process (past MAX_KEPT they start
# over): only small values are kept (sessions and users are about 1 KB; a
# cached page is read from its file each time), at most 16 MB in all.
MAX_KEPT = 1024
MAX_KEPT_BYTES = 16 * 1024
CULL_CHECK_WRITES = 50
CULL_CHECK_SECONDS = 10.0


class FileCache(FileBasedCache):
    def __init__(self, dir, params):
        super().__init__(dir, params)
        self._paths = {}
        self._kept = {}
        self._writes_unchecked = 0
        self._next_cull_check = 0.0

    def _key_to_file(self, key, version=None):
        # The key function and prefix are fixed per backend, so the path
        # follows from (key, version) alone.
        memo = (key, version)
        path = self._paths.get(memo)
        if path is None:
            if len(self._paths) >= MAX_KEPT:
                self._paths.clear()
            path = self._paths[memo] = super()._key_to_file(key, version)
        return path

    def get(self, key, default=None, version=None):
        fname = self._key_to_file(key, version)
        kept = self._kept.get(fname)
        if kept is not None:
            try:
                stat = os.stat(fname)
            except FileNotFoundError:
                self._kept.pop(fname, None)
                return default
            identity, expiry, payload = kept
            if identity == _identity(stat) and (
                expiry is None or expiry >= time.time()
            ):
                return pickle.loads(payload)
            self._kept.pop(fname, None)
        return self._read(fname, default)

    def _read(self, fname, default):
        try:
            with open(fname, "rb") as f:
                stat = os.fstat(f.fileno())
                try:
                    expiry = pickle.load(f)
                except EOFError:
                    expiry = 0  # An empty file is expired (as in Django's).
                if expiry is not None and expiry < time.time():
                    f.close()
                    self._delete(fname)
                    return default
                payload = zlib.decompress(f.read())
        except FileNotFoundError:
            return default
        if (
            len(payload) <= MAX_KEPT_BYTES
            and time.time() - stat.st_ctime >= KEEP_AFTER_SECONDS
        ):
            if len(self._kept) >= MAX_KEPT:
                self._kept.clear()
            self._kept[fname] = (_identity(stat), expiry, payload)
        return pickle.loads(payload)

    def _cull(self):
        self._writes_unchecked += 1
        now = time.monotonic()
        if self._writes_unchecked < CULL_CHECK_WRITES and now < self._next_cull_check:
            return
        self._writes_unchecked = 0
        self._next_cull_check = now + CULL_CHECK_SECONDS
        super()._cull()

    def _delete(self, fname):
        self._kept.pop(fname, None)
        return super()._delete(fname)


def _identity(stat) -> tuple:
    return (stat.st_ino, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns)
