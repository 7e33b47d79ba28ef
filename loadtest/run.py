"""`make loadtest`: prepare the database, serve the portal with gunicorn on a
loopback port, drive it with Locust (headless), then check that everything
the load created is there and write var/loadtest/report.md.

Runs inside scripts/with-postgres.sh (its DATABASE_URL) with the settings
config.settings.loadtest. Exit status 1 when a request failed (a 5xx, an
unexpected answer, a timeout) or something created is missing.
"""

import json
import os
import subprocess
import sys
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from bench import servers

BASE_DIR = Path(__file__).resolve().parent.parent
OUT_DIR = BASE_DIR / "var" / "loadtest"
SETTINGS = "config.settings.loadtest"
HOST = "127.0.0.1"


def say(text: str) -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def _bin(name: str) -> str:
    beside = Path(sys.executable).with_name(name)
    return str(beside) if beside.exists() else name


def _setup_django() -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = SETTINGS
    import django

    django.setup()


def prepare(*, per_role: int) -> None:
    """Migrate, load the demo, seed the load's accounts."""
    from django.core.management import call_command

    from loadtest.seed import seed

    call_command("migrate", "--noinput", verbosity=0)
    call_command("load_demo", stdout=open(os.devnull, "w"))
    seed(per_role=per_role, stdout=sys.stdout)
    # The seed's connection is not needed while the load runs.
    from django.db import connections

    connections.close_all()


@contextmanager
def gunicorn(*, workers: int, log_path: Path):
    """The portal under gunicorn (bench.servers, as `make bench` serves it),
    stopped again when the load is over."""
    server = servers.start(
        "portal",
        "config.wsgi:application",
        settings=SETTINGS,
        log_path=log_path,
        workers=workers,
        ready_path="/healthz",
        # Generous: on a busy machine the workers take minutes to import
        # Django and the first request loads the URLs and templates.
        timeout=600,
        extra_args=(
            # A request may wait long for the CPU on a shared machine; a
            # worker killed by the timeout would be an error the portal did
            # not make.
            "--timeout=300",
            "--graceful-timeout=10",
            "--backlog=2048",
        ),
    )
    try:
        yield server.base_url
    finally:
        server.stop(grace=20)


def locust(*, base_url: str, users: int, duration: str, spawn_rate: float) -> None:
    env = {
        **os.environ,
        "PYTHONPATH": str(BASE_DIR),
        "LOADTEST_CREATED": str(OUT_DIR / "created.jsonl"),
        "LOADTEST_SERVER_ERRORS": str(OUT_DIR / "server-errors.json"),
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    subprocess.run(
        [
            _bin("locust"),
            "-f",
            str(BASE_DIR / "loadtest" / "locustfile.py"),
            "--headless",
            f"--host={base_url}",
            f"--users={users}",
            f"--spawn-rate={spawn_rate}",
            f"--run-time={duration}",
            "--stop-timeout=60",
            f"--csv={OUT_DIR / 'locust'}",
            "--only-summary",
            "--loglevel=WARNING",
        ],
        env=env,
        cwd=BASE_DIR,
        check=False,
    )


def main(*, users: int, duration: str, workers: int, spawn_rate: float) -> int:
    from loadtest import report

    OUT_DIR.mkdir(parents=True, exist_ok=True)
    for stale in ("created.jsonl", "server-errors.json"):
        (OUT_DIR / stale).unlink(missing_ok=True)
    _setup_django()
    started = datetime.now().astimezone()
    say(f"Preparing the database ({users} accounts per role) ...")
    prepare(per_role=users)
    load_before = os.getloadavg()
    say(f"Load: {users} users for {duration}, gunicorn {workers} workers")
    with gunicorn(workers=workers, log_path=OUT_DIR / "gunicorn.log") as base_url:
        locust(base_url=base_url, users=users, duration=duration, spawn_rate=spawn_rate)
    load_after = os.getloadavg()

    from loadtest.check import check_created

    checked = check_created(OUT_DIR / "created.jsonl")
    server_errors_path = OUT_DIR / "server-errors.json"
    server_errors = (
        len(json.loads(server_errors_path.read_text()))
        if server_errors_path.exists()
        else 0
    )
    rows, total = report.read_stats(OUT_DIR / "locust")
    failures = report.read_failures(OUT_DIR / "locust")
    errors = sum(failure.occurrences for failure in failures)
    passed = (
        total is not None
        and total.requests > 0
        and errors == 0
        and server_errors == 0
        and checked.ok
    )
    text = report.render(
        settings={
            "Run": started.strftime("%Y-%m-%d %H:%M %Z"),
            "Users": str(users),
            "Duration": duration,
            "gunicorn": f"{workers} sync workers",
            "Machine": f"{os.cpu_count()} cores, load average "
            f"{load_before[0]:.1f} before and {load_after[0]:.1f} after the load "
            f"(1 min)",
            "Database": "PostgreSQL (scripts/with-postgres.sh)",
        },
        rows=rows,
        total=total,
        failures=failures,
        server_errors=server_errors,
        created=dict(checked.counts),
        problems=checked.problems,
        passed=passed,
    )
    (OUT_DIR / "report.md").write_text(text)
    say(text)
    if not passed:
        say(f"See {OUT_DIR / 'gunicorn.log'} for the server's side.")
    return 0 if passed else 1
