"""One error body for the whole API: RFC 9457 problem details.

    HTTP/1.1 400 Bad Request
    Content-Type: application/problem+json

    {"type": "https://portal.example/api/problems/validation",
     "title": "Invalid request", "status": 400,
     "detail": "Check the fields named in errors.",
     "errors": {"lines.0.sku": ["No product has this SKU."]}}

`errors` appears on validation errors only: field name (nested fields joined
with dots, list items by index) to messages; "non_field_errors" holds what
concerns the request as a whole.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.response import Response

PROBLEM_JSON = "application/problem+json"


def _type_url(slug: str) -> str:
    return f"{settings.PORTAL_BASE_URL}/api/problems/{slug}"


def _flatten(detail, prefix="") -> dict[str, list[str]]:
    """DRF's nested error detail as {"a.0.b": ["message"]}."""
    if isinstance(detail, dict):
        flat = {}
        for key, value in detail.items():
            if key == "non_field_errors" and prefix:
                # What concerns a nested object as a whole is named by it.
                name = prefix
            else:
                name = f"{prefix}.{key}" if prefix else str(key)
            for field, messages in _flatten(value, name).items():
                flat.setdefault(field, []).extend(messages)
        return flat
    if isinstance(detail, list):
        if all(isinstance(item, str) for item in detail):
            return {prefix or "non_field_errors": [str(item) for item in detail]}
        flat = {}
        for index, item in enumerate(detail):
            if item:
                flat.update(
                    _flatten(item, f"{prefix}.{index}" if prefix else str(index))
                )
        return flat
    return {prefix or "non_field_errors": [str(detail)]}


_TITLES = {
    400: ("invalid-request", "Invalid request"),
    401: ("unauthenticated", "Authentication required"),
    403: ("forbidden", "Not allowed"),
    404: ("not-found", "Not found"),
    405: ("method-not-allowed", "Method not allowed"),
    406: ("not-acceptable", "Not acceptable"),
    409: ("conflict", "Conflict"),
    413: ("payload-too-large", "Request too large"),
    415: ("unsupported-media-type", "Unsupported media type"),
    422: ("unprocessable", "Unprocessable request"),
    429: ("rate-limited", "Too many requests"),
}


def problem(status: int, detail: str, *, errors=None, slug=None, headers=None):
    """A problem-details response."""
    default_slug, title = _TITLES.get(status, ("error", "Error"))
    body = {
        "type": _type_url(slug or default_slug),
        "title": title,
        "status": status,
        "detail": detail,
    }
    if errors:
        body["errors"] = errors
    response = Response(body, status=status, headers=headers)
    response.content_type = PROBLEM_JSON
    return response


def problem_exception_handler(exc, context):
    """DRF's EXCEPTION_HANDLER: every error as problem details."""
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    elif isinstance(exc, RequestDataTooBig):
        return problem(
            413,
            _("The request body is larger than the API accepts (%(limit)s bytes).")
            % {"limit": settings.DATA_UPLOAD_MAX_MEMORY_SIZE},
        )
    if not isinstance(exc, exceptions.APIException):
        return None

    headers = {}
    if auth_header := getattr(exc, "auth_header", None):
        headers["WWW-Authenticate"] = auth_header
    if wait := getattr(exc, "wait", None):
        headers["Retry-After"] = str(max(1, int(wait + 0.999)))

    if isinstance(exc, exceptions.ValidationError):
        return problem(
            exc.status_code,
            _("Check the fields named in errors."),
            errors=_flatten(exc.detail),
            slug="validation",
            headers=headers,
        )
    detail = exc.detail
    if isinstance(detail, dict | list):
        return problem(
            exc.status_code,
            _("The request could not be processed."),
            errors=_flatten(detail),
            headers=headers,
        )
    return problem(exc.status_code, str(detail), headers=headers)
