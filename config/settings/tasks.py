"""Background work (read by base.py): Django's tasks API with the immediate
backend by default (a task runs at once, in the process that queues it, so
`make run` needs no worker), or django-tasks-db's database backend for
`manage.py db_worker` processes on any number of machines.

PORTAL_TASKS_BACKEND is "immediate", "database" or a backend's dotted path.
"""

import environ
from django.core.exceptions import ImproperlyConfigured

env = environ.Env()

TASK_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}


def tasks_setting(value: str) -> dict:
    backend = TASK_BACKENDS.get(value.strip().lower(), value.strip())
    if "." not in backend:
        raise ImproperlyConfigured(
            "PORTAL_TASKS_BACKEND must be immediate, database or a dotted path."
        )
    return {"default": {"BACKEND": backend}}


TASKS = tasks_setting(env("PORTAL_TASKS_BACKEND", default="immediate"))
# A task still running after this many minutes has lost its worker (killed,
# machine gone): the scheduler marks it failed and queues again what is safe
# to run again (offer PDFs). Longer than the longest task may run.
PORTAL_TASKS_STALE_MINUTES = env.int("PORTAL_TASKS_STALE_MINUTES", default=15)
# The scheduler's clock: jobs that run once a day run after this local time.
PORTAL_SCHEDULER_DAILY_AT = env("PORTAL_SCHEDULER_DAILY_AT", default="06:15")
