"""Background work of returns, through Django's tasks API. Each task lives
next to the service that queues it; the names stay importable from here."""

from returns.services.desk import return_label_task
from returns.services.workflow import return_status_mail_task

__all__ = ["return_label_task", "return_status_mail_task"]
