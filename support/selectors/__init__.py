"""Reads of the service desk, one module per audience: the catalogue and the
suggestions, the customer's requests; the KPIs live in `kpis`."""

from support.selectors.catalogue import (
    DepartmentGroup,
    Suggestion,
    catalogue,
    service_get,
    suggestions,
)
from support.selectors.requests import (
    AWAITING_MY_APPROVAL,
    WAITING_FOR_ME,
    approval_queue,
    conversation,
    history,
    request_attachments,
    request_get,
    request_list,
    sees_company_requests,
    sharing_of,
    staff_request_get,
    waiting_for_reply,
)

__all__ = [
    "AWAITING_MY_APPROVAL",
    "WAITING_FOR_ME",
    "DepartmentGroup",
    "Suggestion",
    "approval_queue",
    "catalogue",
    "conversation",
    "history",
    "request_attachments",
    "request_get",
    "request_list",
    "sees_company_requests",
    "service_get",
    "sharing_of",
    "staff_request_get",
    "suggestions",
    "waiting_for_reply",
]
