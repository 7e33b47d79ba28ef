"""Background work of returns, through Django's tasks API."""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _
from django_tasks import task

from partner_portal.mail import send_mail_to
from returns.models import ReturnEvent, ReturnRequest


@task()
def return_label_task(*, return_id: int) -> None:
    """Make the label of a just approved return."""
    from returns.services import return_label_issue

    return_request = ReturnRequest.objects.select_related(
        "order__shipping_address", "company"
    ).get(pk=return_id)
    if return_request.status == ReturnRequest.Status.APPROVED:
        return_label_issue(return_request=return_request)


@task()
def return_status_mail_task(*, event_id: int) -> None:
    """Tell the customer who asked for the return what just happened; a new
    return is also announced to the returns desk."""
    from returns.selectors import returns_desk_emails

    event = ReturnEvent.objects.select_related(
        "return_request__requested_by", "return_request__company"
    ).get(pk=event_id)
    return_request = event.return_request
    base_url = settings.WAGTAILADMIN_BASE_URL
    context = {
        "return_request": return_request,
        "event": event,
        "url": base_url + reverse("returns:detail", args=[return_request.number]),
    }
    send_mail_to(
        return_request.requested_by,
        subject=lambda: (
            _("Return %(number)s: %(status)s")
            % {"number": return_request.number, "status": event.get_status_display()}
        ),
        template="returns/email/status.txt",
        context=context,
    )
    desk = returns_desk_emails()
    if event.status == ReturnRequest.Status.REQUESTED and desk:
        send_mail_to(
            desk,
            subject=lambda: (
                _("New return %(number)s from %(company)s")
                % {
                    "number": return_request.number,
                    "company": return_request.company.name,
                }
            ),
            template="returns/email/new_for_desk.txt",
            context={
                **context,
                "url": base_url
                + reverse("returns:desk_detail", args=[return_request.number]),
            },
        )
