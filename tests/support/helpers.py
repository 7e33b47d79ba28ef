"""Requests made through the services, for the customer-side tests."""

from support import services
from support.models import Message, Status, SupportRequest


def new_request(*, company, user, service=None, subject="Printer offline", key=""):
    return services.request_create(
        company=company,
        user=user,
        service=service,
        subject=subject,
        description="It says paper jam.",
        submission_key=key,
    )


def agent_says(support_request, agent, body, *, internal=False):
    """An agent's message, as the desk writes it (no mail here)."""
    return Message.objects.create(
        request=support_request, author=agent, body=body, internal=internal
    )


def set_status(support_request, status: Status, **fields):
    SupportRequest.objects.filter(pk=support_request.pk).update(status=status, **fields)
    support_request.refresh_from_db()
    return support_request
