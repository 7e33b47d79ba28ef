"""`manage.py restore <backup folder> [--force]`: into the configured
database and storages, which must be empty unless --force."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from partner_portal.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = (
        "Restore a backup made by `manage.py backup` into the configured (new, "
        "empty) database and media storages."
    )

    def add_arguments(self, parser):
        parser.add_argument("backup", help="The backup folder (portal-backup-...).")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace the contents of a database or storage that is not empty.",
        )

    def handle(self, *args, **options):
        try:
            manifest = backup_restore(
                folder=Path(options["backup"]), force=options["force"]
            )
        except BackupError as error:
            raise CommandError(str(error)) from error
        files = sum(report["count"] for report in manifest["storages"].values())
        self.stdout.write(
            f"Restored the {manifest['database']['vendor']} database and {files} "
            f"files of the backup made {manifest['created_at']}."
        )
