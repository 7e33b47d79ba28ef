from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = _("Integration API")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Registers the key's security scheme with drf-spectacular.
        from api import schema  # noqa: F401
        from api.webhooks import receivers  # noqa: F401  business events → deliveries
