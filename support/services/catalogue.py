"""Writes of the service catalogue by Support staff: a service and the fields
of its request form, saved together. Customers' requests keep their answers
by label (SupportRequest.answers), so removing a field loses no history."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from support.models import Service, ServiceField

# The editor's own address: a service with this slug could not be edited.
RESERVED_SLUGS = frozenset({"new"})


def service_field_problems(*, kind: str, choices: str, future_only: bool) -> dict:
    """The rules of one form field, as {field name: message}: a choice needs
    at least two options (one per line); only a date may be future only."""
    problems = {}
    options = [line.strip() for line in (choices or "").splitlines() if line.strip()]
    if kind == ServiceField.Kind.CHOICE and len(options) < 2:
        problems["choices"] = _("A choice needs at least two options, one per line.")
    if future_only and kind != ServiceField.Kind.DATE:
        problems["future_only"] = _("Only a date can be limited to future dates.")
    return problems


def duplicate_labels(labels) -> set[str]:
    """Labels used twice in one service (case and spaces ignored): the
    answers of a request are kept by label, so they must differ."""
    seen, twice = set(), set()
    for label in labels:
        key = " ".join(label.split()).casefold()
        (twice if key in seen else seen).add(key)
    return twice


def service_save(
    *,
    service: Service,
    fields: list[ServiceField],
    removed: list[ServiceField] = (),
) -> Service:
    """Save a new or changed service with its new or changed form fields and
    remove the `removed` ones, in one transaction. A blank slug is made from
    the name. Raises ValidationError for a taken or reserved slug, a choice
    with fewer than two options, a future-only field that is not a date, or
    two fields with the same label."""
    if not service.slug:
        service.slug = slugify(service.name)[:50]
    if service.slug in RESERVED_SLUGS:
        raise ValidationError({"slug": _("This address is reserved; choose another.")})
    removed_pks = {field.pk for field in removed if field.pk}
    for field in fields:
        if problems := service_field_problems(
            kind=field.kind, choices=field.choices, future_only=field.future_only
        ):
            raise ValidationError(problems)
    with transaction.atomic():
        if service.pk:
            kept = (
                ServiceField.objects.filter(service=service)
                .exclude(pk__in=removed_pks | {field.pk for field in fields})
                .values_list("label", flat=True)
            )
        else:
            kept = []
        if duplicate_labels([*kept, *(field.label for field in fields)]):
            raise ValidationError(_("Each field of a service needs its own label."))
        service.full_clean()
        service.save()
        ServiceField.objects.filter(service=service, pk__in=removed_pks).delete()
        for field in fields:
            field.service = service
            field.full_clean()
            field.save()
    return service
