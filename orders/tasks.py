"""Background work of ordering, through Django's tasks API: immediate by
default, queued in the database for workers in production."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task
from oscar.core.loading import get_model

Order = get_model("order", "Order")


@task()
def order_placed_task(*, order_id: int) -> None:
    """Render the invoice and confirm the order to the buyer."""
    from orders.invoices import invoice_create

    order = Order.objects.select_related("user", "company").get(pk=order_id)
    invoice_create(order=order)
    if order.user and order.user.email:
        with translation.override(settings.LANGUAGE_CODE):
            send_mail(
                subject=_("Order %(number)s received") % {"number": order.number},
                message=render_to_string(
                    "orders/email/order_placed.txt",
                    {"order": order, "base_url": settings.WAGTAILADMIN_BASE_URL},
                ),
                from_email=settings.DEFAULT_FROM_EMAIL,
                recipient_list=[order.user.email],
            )
