"""What the returns, support and users endpoints share: a policy that reads
with one rule and writes with another, input validation that raises problem
details, `?ordering=`, and the form token a create hands to its service."""

import hashlib
import uuid

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiParameter
from rest_framework import exceptions

from api.idempotency import HEADER

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def validated(serializer_class, data, **kwargs) -> dict:
    """The serializer's validated data, or a 400 naming the fields."""
    serializer = serializer_class(data=data, **kwargs)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def form_errors(form, rename=None) -> dict:
    """A Django form's errors as the API names its fields."""
    rename = rename or {}
    errors = {}
    for name, messages in form.errors.items():
        key = "non_field_errors" if name == "__all__" else rename.get(name, name)
        errors.setdefault(key, []).extend(messages)
    return errors


def ordered(queryset, request, allowed: tuple[str, ...], tiebreak: str = "-pk"):
    """`?ordering=` one of `allowed` (each also descending with "-")."""
    value = request.query_params.get("ordering", "")
    if not value:
        return queryset
    if value.lstrip("-") not in allowed:
        raise exceptions.ValidationError(
            {
                "ordering": [
                    _("Order by one of: %(fields)s (with - for descending).")
                    % {"fields": ", ".join(allowed)}
                ]
            }
        )
    return queryset.order_by(value, tiebreak)


def ordering_parameter(allowed: tuple[str, ...]) -> OpenApiParameter:
    return OpenApiParameter(
        "ordering",
        str,
        enum=[*allowed, *(f"-{name}" for name in allowed)],
        description=gettext_lazy("Sort by a field; a leading - sorts descending."),
    )


def submission_key(request) -> str:
    """The token the web forms send so a double submit creates once: from the
    Idempotency-Key when there is one (per API key), else a new one."""
    token = (request.headers.get(HEADER) or "").strip()
    if not token:
        return uuid.uuid4().hex
    digest = hashlib.sha256(f"{request.auth.pk}:{token}".encode()).hexdigest()
    return f"api-{digest[:60]}"


def number_parameter(description: str) -> OpenApiParameter:
    return OpenApiParameter(
        "number", str, OpenApiParameter.PATH, description=description
    )
