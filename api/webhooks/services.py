"""A company admin's writes on webhook endpoints: add, change, delete and
give a new signing secret. Endpoints are read through the company scope
(`WebhookEndpoint.objects.for_company`)."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from api.models.webhooks import WebhookEndpoint, new_secret
from api.webhooks.delivery import WebhookError
from api.webhooks.urls_guard import UnsafeUrl, check_url
from audit.actions import Action as AuditAction
from audit.services import record as audit_record
from partner_portal.events import Event

# A company's systems need a few; the limit keeps one event from fanning out
# into hundreds of requests.
MAX_ENDPOINTS = 10


def endpoint_list(*, company):
    return WebhookEndpoint.objects.for_company(company)


def _clean(url: str, events) -> tuple[str, list[str]]:
    url = (url or "").strip()
    try:
        check_url(url)
    except UnsafeUrl as refused:
        raise WebhookError(str(refused)) from refused
    wanted = sorted(set(events or []))
    if not wanted:
        raise WebhookError(_("Choose at least one event."))
    unknown = [e for e in wanted if e not in Event.values]
    if unknown:
        raise WebhookError(
            _("Unknown event: %(events)s.") % {"events": ", ".join(unknown)}
        )
    return url, wanted


def endpoint_create(
    *, company, user, url: str, events: list[str], description: str = ""
) -> WebhookEndpoint:
    """A new active endpoint with a fresh signing secret (the caller shows
    `endpoint.secret` once). The URL must pass the SSRF guard, the events
    must be known and at least one; a company has at most MAX_ENDPOINTS.
    Raises WebhookError with the reason."""
    url, events = _clean(url, events)
    with transaction.atomic():
        # Two admins adding the last allowed endpoint at once: the company
        # row serialises them.
        type(company).objects.select_for_update().get(pk=company.pk)
        if endpoint_list(company=company).count() >= MAX_ENDPOINTS:
            raise WebhookError(
                ngettext(
                    "A company can have at most %(count)d webhook endpoint.",
                    "A company can have at most %(count)d webhook endpoints.",
                    MAX_ENDPOINTS,
                )
                % {"count": MAX_ENDPOINTS}
            )
        endpoint = WebhookEndpoint(
            company=company,
            url=url,
            events=events,
            description=(description or "").strip(),
            secret=new_secret(),
            created_by=user,
        )
        endpoint.full_clean()
        endpoint.save()
        audit_record(
            AuditAction.WEBHOOK_CREATED,
            company=company,
            actor=user,
            obj=endpoint,
            data={"url": url, "events": events},
        )
    return endpoint


def endpoint_update(
    *,
    endpoint: WebhookEndpoint,
    url: str,
    events: list[str],
    description: str = "",
    is_active: bool = True,
) -> WebhookEndpoint:
    """Change the URL, events, description or switch the endpoint on or
    off; the secret stays. Raises WebhookError like endpoint_create."""
    url, events = _clean(url, events)
    endpoint.url = url
    endpoint.events = events
    endpoint.description = (description or "").strip()
    endpoint.is_active = is_active
    endpoint.full_clean()
    endpoint.save(update_fields=["url", "events", "description", "is_active"])
    audit_record(
        AuditAction.WEBHOOK_UPDATED,
        company=endpoint.company,
        obj=endpoint,
        data={"url": url, "events": events, "is_active": is_active},
    )
    return endpoint


def endpoint_secret_rotate(*, endpoint: WebhookEndpoint) -> WebhookEndpoint:
    """A new signing secret from the next attempt on; the old one stops
    working at once (the caller shows the new one once)."""
    endpoint.secret = new_secret()
    endpoint.secret_rotated_at = timezone.now()
    endpoint.save(update_fields=["secret", "secret_rotated_at"])
    audit_record(
        AuditAction.WEBHOOK_SECRET_ROTATED, company=endpoint.company, obj=endpoint
    )
    return endpoint


def endpoint_delete(*, endpoint: WebhookEndpoint) -> None:
    """Delete the endpoint with its deliveries (pending ones are not sent)."""
    with transaction.atomic():
        audit_record(
            AuditAction.WEBHOOK_DELETED,
            company=endpoint.company,
            obj=endpoint,
            data={"url": endpoint.url},
        )
        endpoint.delete()
