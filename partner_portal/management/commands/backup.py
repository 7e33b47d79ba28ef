"""`manage.py backup [--dir var/backups]`: the database and every media file
into a new dated folder (see partner_portal.backup)."""

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from partner_portal.backup import BackupError, backup_create


class Command(BaseCommand):
    help = (
        "Back up the database (pg_dump, or SQLite's backup API) and the public "
        "and private media into a new folder with a manifest."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dir",
            default=str(Path(settings.BASE_DIR) / "var" / "backups"),
            help="Folder that receives the new backup folder (default var/backups).",
        )

    def handle(self, *args, **options):
        try:
            folder = backup_create(destination=Path(options["dir"]))
        except BackupError as error:
            raise CommandError(str(error)) from error
        manifest = (folder / "manifest.json").read_text()
        self.stdout.write(f"Backup written to {folder}")
        self.stdout.write(_summary(manifest))


def _summary(manifest_text: str) -> str:
    manifest = json.loads(manifest_text)
    database = manifest["database"]
    lines = [f"  database: {database['vendor']}, {database['size']} bytes"]
    for alias, report in manifest["storages"].items():
        lines.append(f"  {alias}: {report['count']} files, {report['bytes']} bytes")
    return "\n".join(lines)
