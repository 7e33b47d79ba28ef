"""A request id on every log line, in every response and on the error pages.

`RequestIdMiddleware` (first in MIDDLEWARE) takes the load balancer's
`X-Request-ID` when it is a plain token, or makes one, keeps it for the
request's log lines (`RequestIdFilter` puts it on each record as
`request_id`) and answers with it in `X-Request-ID`. The error pages print it,
so that a user's screenshot leads to the log lines of their request.

`JsonFormatter` writes one JSON object per line (PORTAL_LOG_FORMAT=json):
time, level, logger, message, request_id and, for an exception, its
traceback.
"""

import contextvars
import json
import logging
import os
import re
from datetime import UTC, datetime

HEADER = "X-Request-ID"
_META_KEY = "HTTP_X_REQUEST_ID"
# What is taken from a proxy as it is: letters, digits, dots, dashes and
# underscores; anything else (a log injection, say) gets a new id.
_SAFE = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
NO_REQUEST = "-"

_current = contextvars.ContextVar("request_id", default=NO_REQUEST)


def current_request_id() -> str:
    return _current.get()


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # From META: request.headers would copy every header first.
        given = request.META.get(_META_KEY, "")
        request_id = given if _SAFE.match(given) else os.urandom(16).hex()
        request.request_id = request_id
        token = _current.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            _current.reset(token)
        response[HEADER] = request_id
        return response


class RequestIdFilter(logging.Filter):
    def filter(self, record):
        if not hasattr(record, "request_id"):
            record.request_id = current_request_id()
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record):
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", current_request_id()),
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)
