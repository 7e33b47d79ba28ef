from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrdersConfig(AppConfig):
    name = "orders"
    verbose_name = _("B2B ordering")

    def ready(self):
        from django.db.models.signals import post_migrate

        from orders import (  # noqa: F401  register themselves
            figures,
            inbox,
            navigation,
            staff_sections,
            staff_tiles,
            tiles,
        )
        from orders.staff_permissions import grant_staff_permissions

        post_migrate.connect(grant_staff_permissions, dispatch_uid="orders-staff-perms")
