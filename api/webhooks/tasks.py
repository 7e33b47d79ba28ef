"""The webhook delivery task (Django's tasks API): at once with the immediate
backend, by a worker with the database backend."""

from django_tasks import task


@task()
def deliver_webhook_task(*, delivery_id: int) -> None:
    """Try one delivery, if it is still pending and due."""
    from api.webhooks.delivery import delivery_attempt

    delivery_attempt(delivery_id=delivery_id)
