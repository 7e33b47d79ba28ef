"""Background work of ordering, through Django's tasks API: immediate by
default, queued in the database for workers in production."""

from django.utils.translation import gettext as _
from django_tasks import task
from oscar.core.loading import get_model

from partner_portal.mail import send_mail_to

Order = get_model("order", "Order")


@task()
def order_placed_task(*, order_id: int) -> None:
    """Render the invoice and confirm the order to the buyer."""
    from orders.invoices import invoice_create

    order = Order.objects.select_related("user", "company").get(pk=order_id)
    invoice_create(order=order)
    if order.user:
        send_mail_to(
            order.user,
            subject=lambda: _("Order %(number)s received") % {"number": order.number},
            template="orders/email/order_placed.txt",
            context={"order": order},
        )
