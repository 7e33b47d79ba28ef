"""Send every webhook delivery that is due: new ones a task did not send and
retries whose time has come. Run it every minute from cron or a scheduler:

    * * * * *  cd /srv/portal && .venv/bin/python manage.py deliver_webhooks

It is safe to run more often or twice at once: each attempt claims its
delivery first (api/webhooks/delivery.py), so nothing is sent twice."""

from django.core.management.base import BaseCommand

from api.models import WebhookDelivery
from api.webhooks.delivery import deliveries_due, delivery_attempt

Status = WebhookDelivery.Status


class Command(BaseCommand):
    help = "Send the webhook deliveries that are due (new ones and retries)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--limit",
            type=int,
            default=500,
            help="At most this many deliveries in one run (default 500).",
        )

    def handle(self, *args, limit, **options):
        outcomes = dict.fromkeys(Status.values, 0)
        for delivery_id in deliveries_due(limit=limit):
            delivery = delivery_attempt(delivery_id=delivery_id)
            if delivery is not None:
                outcomes[delivery.status] += 1
        self.stdout.write(
            f"Webhooks: {outcomes[Status.SUCCEEDED]} delivered, "
            f"{outcomes[Status.PENDING]} to retry, {outcomes[Status.FAILED]} failed."
        )
