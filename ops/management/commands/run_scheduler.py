"""The scheduler process: queue the periodic jobs when they are due.

    python manage.py run_scheduler          # a loop, for a `scheduler` service
    python manage.py run_scheduler --once   # one pass, for cron every minute:

    * * * * *  cd /srv/portal && .venv/bin/python manage.py run_scheduler --once

Run one scheduler, or several for safety: each job is queued once per period
whoever finds it due first (ops/scheduler.py). The jobs themselves run on the
task workers (`manage.py db_worker`), or in this process with the immediate
backend."""

import signal
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections

from ops.scheduler import JOBS_BY_NAME, run_due


class Command(BaseCommand):
    help = "Queue the periodic jobs (reminders, webhooks, recovery, cleanup)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--once", action="store_true", help="One pass, then exit (for cron)."
        )
        parser.add_argument(
            "--interval",
            type=float,
            default=30.0,
            help="Seconds between passes in the loop (default 30).",
        )
        parser.add_argument(
            "--job",
            action="append",
            choices=sorted(JOBS_BY_NAME),
            help="Only this job (may be given more than once).",
        )

    def handle(self, *args, once, interval, job, **options):
        self.verbosity = options["verbosity"]
        if interval <= 0:
            raise CommandError("--interval must be greater than zero.")
        if once:
            self._pass(job)
            return
        self.running = True
        signal.signal(signal.SIGTERM, self._stop)
        signal.signal(signal.SIGINT, self._stop)
        self.stdout.write(f"Scheduler started: a pass every {interval:g} s.")
        while self.running:
            close_old_connections()
            self._pass(job)
            close_old_connections()
            deadline = time.monotonic() + interval
            while self.running and time.monotonic() < deadline:
                time.sleep(min(1.0, deadline - time.monotonic()))
        self.stdout.write("Scheduler stopped.")

    def _stop(self, signum, frame):
        self.running = False

    def _pass(self, only):
        queued = run_due(only=only)
        for name, period in queued:
            self.stdout.write(f"Queued {name} ({period}).")
        if not queued and self.verbosity > 1:
            self.stdout.write("Nothing due.")
