"""The service desk's models: the catalogue (departments, services, their
forms, teams, calendars, SLA targets) and the requests with their
conversation, attachments, history and deflections."""

from support.models.alerts import SlaAlert
from support.models.catalogue import (
    BusinessCalendar,
    Department,
    Holiday,
    Priority,
    Service,
    ServiceField,
    SlaTarget,
    Team,
)
from support.models.requests import (
    OPEN_STATUSES,
    Approval,
    Attachment,
    Deflection,
    Event,
    Message,
    Status,
    SupportRequest,
    SupportSettings,
)

__all__ = [
    "OPEN_STATUSES",
    "Approval",
    "Attachment",
    "BusinessCalendar",
    "Deflection",
    "Department",
    "Event",
    "Holiday",
    "Message",
    "Priority",
    "Service",
    "ServiceField",
    "SlaAlert",
    "SlaTarget",
    "Status",
    "SupportRequest",
    "SupportSettings",
    "Team",
]
