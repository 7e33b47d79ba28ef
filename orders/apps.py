from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrdersConfig(AppConfig):
    name = "orders"
    verbose_name = _("B2B ordering")

    def ready(self):
        from orders import tiles  # noqa: F401  registers the ordering tiles
