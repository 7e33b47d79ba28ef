"""Logging (read by base.py): one line per record, each with its request id."""

import environ

env = environ.Env()

# One line per record on standard error, each with the request's id;
# PORTAL_LOG_FORMAT=json writes JSON lines for a log collector.
PORTAL_LOG_FORMAT = env("PORTAL_LOG_FORMAT", default="plain")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "partner_portal.request_log.RequestIdFilter"}},
    "formatters": {
        "plain": {
            "format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"
        },
        "json": {"()": "partner_portal.request_log.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": "json" if PORTAL_LOG_FORMAT == "json" else "plain",
        }
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    # One line per background task, and WeasyPrint's rendering steps (it even
    # parses its own stylesheet at import), are noise at INFO.
    "loggers": {
        "django_tasks": {"level": "WARNING"},
        "weasyprint.progress": {"level": "WARNING"},
    },
}
