"""The daily job of offers and contracts (cron, e.g. `15 6 * * *`): contract
reminders 90/30/7 days before the end and before the notice period, expiry
of offers past their validity, and giving back the prices of ended
contracts. Safe to run more than once a day: nothing is sent twice."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from contracts.services import contract_reminders_send


class Command(BaseCommand):
    help = "Send contract reminders, expire old offers, release ended prices."

    def add_arguments(self, parser):
        parser.add_argument(
            "--date", help="Run as if today were this day (YYYY-MM-DD)."
        )

    def handle(self, *args, **options):
        today = None
        if options["date"]:
            try:
                today = date.fromisoformat(options["date"])
            except ValueError as exc:
                raise CommandError("--date must be YYYY-MM-DD") from exc
        result = contract_reminders_send(today=today)
        self.stdout.write(
            f"{len(result.reminders)} reminders queued, "
            f"{result.expired_versions} offer versions expired, "
            f"{result.contracts_released} ended contracts released their prices."
        )
