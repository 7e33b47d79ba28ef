"""Backing up and restoring the portal: the database and every media file.

A backup is a folder:

    portal-backup-20261130-010000/
        manifest.json        what is in it: counts, sizes, SHA-256 of every file
        database.dump        PostgreSQL: pg_dump's custom format
        database.sqlite3     SQLite: a copy made with SQLite's backup API
        media/<storage>/...  every file of the public and private storages

Files are read and written through Django's storage API, so the same code
backs up local folders and S3 buckets. Static files are not backed up: they
are built from the code (collectstatic).

A restore goes into a fresh database and fresh storages: it refuses to write
over a database that has tables or a storage that has files unless forced,
and checks every file against the manifest before it writes anything.
"""

import hashlib
import json
import logging
import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass, field
from glob import glob
from pathlib import Path

from django.core.files import File
from django.db import connections
from django.db.utils import load_backend
from django.utils import timezone

logger = logging.getLogger(__name__)

FORMAT = 1
MANIFEST = "manifest.json"
MEDIA = "media"
# Built from the code by collectstatic: not data.
NOT_BACKED_UP = {"staticfiles"}
CHUNK = 1024 * 1024


class BackupError(Exception):
    """The backup or restore cannot go on; the message says why."""


@dataclass
class StorageReport:
    count: int = 0
    bytes: int = 0
    files: list[dict] = field(default_factory=list)


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for chunk in iter(lambda: stream.read(CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def data_storages() -> dict:
    """The configured storages that hold data (public and private media)."""
    from django.conf import settings
    from django.core.files.storage import storages

    return {
        alias: storages[alias]
        for alias in settings.STORAGES
        if alias not in NOT_BACKED_UP
    }


def _walk(storage, folder: str = ""):
    """Every file name in `storage` below `folder`, through listdir (which
    both local folders and S3 answer); a missing root is an empty storage."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield f"{folder}/{name}" if folder else name
    for sub in sorted(folders):
        yield from _walk(storage, f"{folder}/{sub}" if folder else sub)


def storage_is_empty(storage) -> bool:
    return next(iter(_walk(storage)), None) is None


# The database


def _pg_bin(program: str, settings_dict: dict) -> str:
    """pg_dump / pg_restore of the server's major version (Debian keeps one
    bin folder per version; an older pg_dump refuses a newer server)."""
    connection = _connect(settings_dict)
    try:
        major = connection.pg_version // 10000
    finally:
        connection.close()
    candidates = [
        f"/usr/lib/postgresql/{major}/bin/{program}",
        *sorted(glob(f"/usr/lib/postgresql/*/bin/{program}"), reverse=True),
    ]
    for candidate in candidates:
        if os.access(candidate, os.X_OK):
            return candidate
    found = shutil.which(program)
    if found is None:
        raise BackupError(
            f"{program} is not installed (Debian: apt-get install postgresql-client)."
        )
    return found


def _pg_env(settings_dict: dict) -> dict:
    env = dict(os.environ)
    options = settings_dict.get("OPTIONS") or {}
    values = {
        "PGHOST": settings_dict.get("HOST") or options.get("host"),
        "PGPORT": settings_dict.get("PORT"),
        "PGUSER": settings_dict.get("USER"),
        "PGPASSWORD": settings_dict.get("PASSWORD"),
        "PGDATABASE": settings_dict.get("NAME"),
        "PGSSLMODE": options.get("sslmode"),
    }
    env.update({key: str(value) for key, value in values.items() if value})
    return env


def _run(command: list[str], *, env: dict) -> None:
    result = subprocess.run(
        command, env=env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise BackupError(
            f"{Path(command[0]).name} failed ({result.returncode}): "
            f"{result.stderr.strip()}"
        )


def _connect(settings_dict: dict):
    """A connection of its own to the database `settings_dict` describes
    (which need not be one of the configured aliases)."""
    backend = load_backend(settings_dict["ENGINE"])
    return backend.DatabaseWrapper(dict(settings_dict), alias="__backup__")


def database_tables(settings_dict: dict) -> list[str]:
    """The tables of the database `settings_dict` describes (none when it
    does not exist yet, for SQLite)."""
    if settings_dict["ENGINE"].endswith("sqlite3"):
        if not Path(settings_dict["NAME"]).exists():
            return []
    connection = _connect(settings_dict)
    try:
        with connection.cursor() as cursor:
            return connection.introspection.table_names(cursor)
    finally:
        connection.close()


def _dump_database(settings_dict: dict, folder: Path) -> dict:
    vendor = "sqlite" if settings_dict["ENGINE"].endswith("sqlite3") else None
    if vendor == "sqlite":
        target = folder / "database.sqlite3"
        source = sqlite3.connect(settings_dict["NAME"])
        copy = sqlite3.connect(target)
        try:
            # A consistent snapshot, also while the portal writes.
            source.backup(copy)
        finally:
            copy.close()
            source.close()
    elif settings_dict["ENGINE"].endswith("postgresql"):
        vendor = "postgresql"
        target = folder / "database.dump"
        _run(
            [
                _pg_bin("pg_dump", settings_dict),
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                f"--file={target}",
            ],
            env=_pg_env(settings_dict),
        )
    else:
        raise BackupError(f"Cannot back up a {settings_dict['ENGINE']} database.")
    return {
        "vendor": vendor,
        "file": target.name,
        "size": target.stat().st_size,
        "sha256": _sha256_file(target),
    }


def _load_database(entry: dict, folder: Path, settings_dict: dict, force: bool):
    source = folder / entry["file"]
    is_sqlite = settings_dict["ENGINE"].endswith("sqlite3")
    if entry["vendor"] != ("sqlite" if is_sqlite else "postgresql"):
        raise BackupError(
            f"This backup holds a {entry['vendor']} database; the portal is "
            f"configured for {settings_dict['ENGINE']}."
        )
    if is_sqlite:
        Path(settings_dict["NAME"]).parent.mkdir(parents=True, exist_ok=True)
        backup = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        target = sqlite3.connect(settings_dict["NAME"])
        try:
            backup.backup(target)
        finally:
            target.close()
            backup.close()
        return
    command = [
        _pg_bin("pg_restore", settings_dict),
        "--no-owner",
        "--no-privileges",
        "--exit-on-error",
        # All or nothing: a failed restore leaves the database as it was.
        "--single-transaction",
        f"--dbname={settings_dict['NAME']}",
    ]
    if force:
        command += ["--clean", "--if-exists"]
    _run([*command, str(source)], env=_pg_env(settings_dict))


# Media


def _copy_out(storage, folder: Path) -> StorageReport:
    report = StorageReport()
    for name in _walk(storage):
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        digest, size = hashlib.sha256(), 0
        try:
            with storage.open(name, "rb") as stream, target.open("wb") as out:
                for chunk in iter(lambda s=stream: s.read(CHUNK), b""):
                    digest.update(chunk)
                    size += len(chunk)
                    out.write(chunk)
        except FileNotFoundError:
            # Deleted between the listing and now (a user removed it): it is
            # not part of this backup.
            target.unlink(missing_ok=True)
            logger.warning("backup: %s vanished while it was copied", name)
            continue
        report.count += 1
        report.bytes += size
        report.files.append({"name": name, "size": size, "sha256": digest.hexdigest()})
    return report


def _check_files(manifest: dict, folder: Path) -> None:
    """Every file the manifest lists is there, with its SHA-256."""
    database = manifest["database"]
    if _sha256_file(folder / database["file"]) != database["sha256"]:
        raise BackupError(f"{database['file']} does not match its SHA-256.")
    for alias, report in manifest["storages"].items():
        for item in report["files"]:
            path = folder / MEDIA / alias / item["name"]
            if not path.is_file() or _sha256_file(path) != item["sha256"]:
                raise BackupError(
                    f"{alias}/{item['name']} is missing or does not match its SHA-256."
                )


def _copy_in(storage, folder: Path, files: list[dict], force: bool) -> None:
    for item in files:
        name = item["name"]
        if force and storage.exists(name):
            storage.delete(name)
        with (folder / name).open("rb") as stream:
            saved = storage.save(name, File(stream, name=name))
        if saved != name:
            raise BackupError(f"{name} was stored as {saved}.")


# The two operations


def backup_create(
    *,
    destination: Path,
    settings_dict: dict | None = None,
    storages: dict | None = None,
) -> Path:
    """Back up the database and every data storage into a new folder below
    `destination`; its path. The manifest is written last, so a folder
    without one is an unfinished backup. Raises BackupError."""
    settings_dict = settings_dict or connections["default"].settings_dict
    storages = data_storages() if storages is None else storages
    stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
    folder = Path(destination) / f"portal-backup-{stamp}"
    suffix = 1
    while folder.exists():
        suffix += 1
        folder = Path(destination) / f"portal-backup-{stamp}-{suffix}"
    folder.mkdir(parents=True)
    manifest = {
        "format": FORMAT,
        "created_at": timezone.now().isoformat(),
        "database": _dump_database(settings_dict, folder),
        "storages": {},
    }
    for alias, storage in storages.items():
        report = _copy_out(storage, folder / MEDIA / alias)
        manifest["storages"][alias] = {
            "count": report.count,
            "bytes": report.bytes,
            "files": report.files,
        }
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=1))
    return folder


def manifest_read(folder: Path) -> dict:
    path = Path(folder) / MANIFEST
    if not path.is_file():
        raise BackupError(f"{folder} is not a finished backup (no {MANIFEST}).")
    manifest = json.loads(path.read_text())
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Unknown backup format {manifest.get('format')!r}.")
    return manifest


def backup_restore(
    *,
    folder: Path,
    settings_dict: dict | None = None,
    storages: dict | None = None,
    force: bool = False,
) -> dict:
    """Restore the backup in `folder` into the database `settings_dict`
    describes (the configured one by default) and into `storages`.

    Rules: the backup is complete (every file matches its SHA-256) before
    anything is written; the database has no tables and the storages no
    files, unless `force` (then the database's objects and the storages'
    files of the same names are replaced). Returns the manifest. Raises
    BackupError."""
    folder = Path(folder)
    manifest = manifest_read(folder)
    settings_dict = settings_dict or connections["default"].settings_dict
    storages = data_storages() if storages is None else storages
    missing = set(manifest["storages"]) - set(storages)
    if missing:
        raise BackupError(f"No storage configured for: {', '.join(sorted(missing))}.")
    _check_files(manifest, folder)
    if not force:
        if database_tables(settings_dict):
            raise BackupError(
                "The database is not empty. Restore into a new database, or "
                "pass --force to replace its contents."
            )
        full = [
            alias
            for alias in manifest["storages"]
            if not storage_is_empty(storages[alias])
        ]
        if full:
            raise BackupError(
                f"Storage not empty: {', '.join(full)}. Restore into new storage, "
                "or pass --force to replace files of the same names."
            )
    _load_database(manifest["database"], folder, settings_dict, force)
    for alias, report in manifest["storages"].items():
        _copy_in(storages[alias], folder / MEDIA / alias, report["files"], force)
    return manifest
