"""Reads of support requests for company members: their own requests, or the
company's when it shares them; another company's request answers 404.
Internal notes and internal history never leave these selectors for a
customer page."""

from django.db.models import Prefetch
from django.http import Http404

from partner_portal.permissions import Capability, capabilities_for
from support.models import (
    Approval,
    Attachment,
    Event,
    Message,
    Status,
    SupportRequest,
    SupportSettings,
)

# List filters beyond the statuses: the inbox links to them, and its counts
# are the lists' (approval_queue, waiting_for_reply).
AWAITING_MY_APPROVAL = "awaiting_my_approval"
WAITING_FOR_ME = "waiting_for_me"


def sharing_of(*, company) -> bool:
    """Whether the company's members see each other's requests (default yes)."""
    value = (
        SupportSettings.objects.filter(company=company)
        .values_list("share_requests", flat=True)
        .first()
    )
    return True if value is None else value


def sees_company_requests(*, membership) -> bool:
    """Approvers and company admins always see the company's requests (they
    decide on them); colleagues when the company shares them."""
    if membership is None:
        return False
    if Capability.SUPPORT_APPROVE in capabilities_for(membership):
        return True
    return sharing_of(company=membership.company)


def request_list(*, company, user, membership, status: str | None = None):
    """The requests the member may see, newest first."""
    requests = SupportRequest.objects.for_company(company)
    if not sees_company_requests(membership=membership):
        requests = requests.filter(requester=user)
    if status == "open":
        requests = requests.open()
    elif status == AWAITING_MY_APPROVAL:
        requests = requests.filter(approval=Approval.PENDING).exclude(requester=user)
    elif status == WAITING_FOR_ME:
        requests = requests.filter(status=Status.WAITING, requester=user)
    elif status in Status.values:
        requests = requests.filter(status=status)
    return requests.select_related("service", "team", "requester", "assignee")


def request_get(*, company, user, membership, number: str) -> SupportRequest:
    support_request = (
        request_list(company=company, user=user, membership=membership)
        .select_related("company", "approved_by", "merged_into", "team__calendar")
        .filter(number=number)
        .first()
    )
    if support_request is None:
        raise Http404
    return support_request


def staff_request_get(*, number: str) -> SupportRequest:
    """Any company's request, for the service desk's staff only."""
    support_request = (
        SupportRequest.objects.select_related(
            "company", "service", "team__calendar", "requester", "assignee"
        )
        .filter(number=number)
        .first()
    )
    if support_request is None:
        raise Http404
    return support_request


def conversation(*, support_request, internal: bool = False, after: int = 0):
    """The messages of a request in order, with their attachments: public
    ones only unless `internal` (agents)."""
    messages = Message.objects.filter(request=support_request)
    if not internal:
        messages = messages.public()
    if after:
        messages = messages.filter(pk__gt=after)
    return messages.select_related("author").prefetch_related(
        Prefetch("attachments", queryset=Attachment.objects.order_by("pk"))
    )


def history(*, support_request, internal: bool = False):
    events = Event.objects.filter(request=support_request)
    if not internal:
        events = events.public()
    return events.select_related("actor")


def request_attachments(*, support_request, internal: bool = False):
    """Files of the request itself (the form's and the replies')."""
    attachments = Attachment.objects.filter(request=support_request)
    if not internal:
        attachments = attachments.public()
    return attachments.order_by("pk")


def approval_queue(*, company, user):
    """Requests of colleagues waiting for this approver's decision."""
    return (
        SupportRequest.objects.for_company(company)
        .filter(approval=Approval.PENDING)
        .exclude(requester=user)
        .select_related("service", "requester")
        .order_by("created_at", "pk")
    )


def waiting_for_reply(*, company, user):
    """The member's own requests on which the team waits for their answer."""
    return (
        SupportRequest.objects.for_company(company)
        .filter(requester=user, status=Status.WAITING)
        .select_related("service")
        .order_by("waiting_since", "pk")
    )
