"""`Idempotency-Key` on creates: a retried POST creates once.

    @idempotent
    def post(self, request): ...

The first request with a key claims it (a row with a unique constraint, so
of two concurrent requests exactly one wins) and its answer is stored; a
retry with the same key and body gets that answer again, with
`Idempotent-Replayed: true`. The same key with another body answers 422; a
retry while the first request still runs answers 409 with Retry-After. An
answer of 5xx (or an exception) frees the key, so the retry runs anew. Keys
are remembered for IDEMPOTENCY_TTL per API key.
"""

import functools
import hashlib
import json
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiParameter
from rest_framework import exceptions
from rest_framework.response import Response

from api.errors import PROBLEM_JSON, problem
from api.models import IdempotencyRecord

HEADER = "Idempotency-Key"
IDEMPOTENCY_TTL = timedelta(hours=24)
# A first request that has not answered after this long is taken to have died.
STALE_AFTER = timedelta(minutes=5)
MAX_LENGTH = 255
# How each create endpoint documents the header (`@extend_schema(parameters=...)`).
IDEMPOTENCY_PARAMETER = OpenApiParameter(
    HEADER,
    str,
    OpenApiParameter.HEADER,
    description=gettext_lazy(
        "A retried POST with the same key and body is carried out once."
    ),
)


def _fingerprint(request) -> str:
    data = request.data
    if hasattr(data, "lists"):
        data = dict(data.lists())
    payload = json.dumps(
        [request.method, request.path, data], sort_keys=True, default=str
    )
    return hashlib.sha256(payload.encode()).hexdigest()


def _claim(api_key, token: str, fingerprint: str):
    """(record, claimed): the new record when this request won the key."""
    for _attempt in range(2):
        try:
            with transaction.atomic():
                record = IdempotencyRecord.objects.create(
                    api_key=api_key, key=token, fingerprint=fingerprint
                )
            return record, True
        except IntegrityError:
            record = IdempotencyRecord.objects.filter(
                api_key=api_key, key=token
            ).first()
            if record is None:
                continue
            age = timezone.now() - record.created_at
            expired = age > IDEMPOTENCY_TTL
            died = record.status_code is None and age > STALE_AFTER
            if expired or died:
                IdempotencyRecord.objects.filter(pk=record.pk).delete()
                continue
            return record, False
    return record, False


def _replay(record) -> Response:
    headers = {"Idempotent-Replayed": "true"}
    if record.location:
        headers["Location"] = record.location
    response = Response(record.body, status=record.status_code, headers=headers)
    if record.status_code >= 400:
        response.content_type = PROBLEM_JSON
    return response


def idempotent(handler):
    @functools.wraps(handler)
    def wrapper(view, request, *args, **kwargs):
        token = request.headers.get(HEADER)
        if token is None:
            return handler(view, request, *args, **kwargs)
        token = token.strip()
        if not token or len(token) > MAX_LENGTH:
            raise exceptions.ValidationError(
                {
                    HEADER: [
                        _("Send an Idempotency-Key of 1 to %(max)d characters.")
                        % {"max": MAX_LENGTH}
                    ]
                }
            )
        fingerprint = _fingerprint(request)
        record, claimed = _claim(request.auth, token, fingerprint)
        if not claimed:
            if record.fingerprint != fingerprint:
                return problem(
                    422,
                    _(
                        "This Idempotency-Key was used for another request. "
                        "Use a new key for a new request."
                    ),
                    slug="idempotency-key-reused",
                )
            if record.status_code is None:
                return problem(
                    409,
                    _(
                        "A request with this Idempotency-Key is still being "
                        "processed. Retry in a moment."
                    ),
                    slug="idempotency-key-in-use",
                    headers={"Retry-After": "1"},
                )
            return _replay(record)
        try:
            response = handler(view, request, *args, **kwargs)
        except Exception:
            IdempotencyRecord.objects.filter(pk=record.pk).delete()
            raise
        if response.status_code >= 500 or response.status_code in (409, 429):
            IdempotencyRecord.objects.filter(pk=record.pk).delete()
            return response
        IdempotencyRecord.objects.filter(pk=record.pk).update(
            status_code=response.status_code,
            body=response.data,
            location=response.headers.get("Location", "")[:500],
        )
        return response

    return wrapper
