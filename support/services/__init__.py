"""Writes of the service desk. Customer side in `requests` (support-core),
staff side in `desk`; mails in `notify`."""

from support.services.requests import (
    SupportError,
    attachment_add,
    customer_reply,
    deflection_record,
    request_approve,
    request_create,
    request_rate,
    request_reopen,
    sharing_set,
)

__all__ = [
    "SupportError",
    "attachment_add",
    "customer_reply",
    "deflection_record",
    "request_approve",
    "request_create",
    "request_rate",
    "request_reopen",
    "sharing_set",
]
