"""Writes of the returns workflow. Every change of a return goes through one
of these services, records a ReturnEvent (who, when, what) and tells the
customer by mail after the transaction commits.

One module per behaviour; every public name is importable from here.
"""

from returns.services.desk import (
    return_approve,
    return_close,
    return_label_issue,
    return_receive,
    return_reject,
    return_replace,
)
from returns.services.policy import return_policy_set
from returns.services.requests import MAX_PHOTOS, return_request_create
from returns.services.returnable import (
    ReturnableLine,
    returnable_lines,
    returned_quantities,
)
from returns.services.settlement import refund_amount, return_credit, return_refund
from returns.services.workflow import TRANSITIONS, ReturnError, _move, next_number

__all__ = [
    "MAX_PHOTOS",
    "ReturnError",
    "ReturnableLine",
    "TRANSITIONS",
    "_move",
    "next_number",
    "refund_amount",
    "return_approve",
    "return_close",
    "return_credit",
    "return_label_issue",
    "return_policy_set",
    "return_receive",
    "return_refund",
    "return_reject",
    "return_replace",
    "return_request_create",
    "returnable_lines",
    "returned_quantities",
]
