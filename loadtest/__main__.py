"""python -m loadtest [--users N] [--duration 3m] [--workers W]: the whole
load test (loadtest/run.py); `seed` or `check` run one step on their own
against DATABASE_URL with the load test's settings."""

import argparse
import os
import sys


def _default_workers() -> int:
    # gunicorn's rule of thumb for sync workers.
    return 2 * (os.cpu_count() or 1) + 1


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m loadtest")
    parser.add_argument(
        "step", nargs="?", default="run", choices=["run", "seed", "check"]
    )
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--duration", default="3m")
    parser.add_argument("--workers", type=int, default=_default_workers())
    parser.add_argument("--spawn-rate", type=float, default=5)
    args = parser.parse_args(argv)

    from loadtest import run

    if args.step == "run":
        return run.main(
            users=args.users,
            duration=args.duration,
            workers=args.workers,
            spawn_rate=args.spawn_rate,
        )
    run._setup_django()
    if args.step == "seed":
        from loadtest.seed import seed

        seed(per_role=args.users, stdout=sys.stdout)
        return 0
    from loadtest.check import check_created

    result = check_created(run.OUT_DIR / "created.jsonl")
    run.say(str(dict(result.counts)))
    run.say("\n".join(result.problems) or "Everything created is there.")
    return 0 if result.ok else 1


if __name__ == "__main__":
    sys.exit(main())
