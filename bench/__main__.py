"""`python -m bench [--seconds 5 --rounds 5 ...]`: see bench/run.py."""

import os
import sys

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.bench")
django.setup()

from bench.run import main  # noqa: E402  needs Django set up

try:
    sys.exit(main())
except KeyboardInterrupt:
    sys.stderr.write("\nInterrupted; the servers are stopped.\n")
    sys.exit(130)
