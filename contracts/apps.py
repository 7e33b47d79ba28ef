from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContractsConfig(AppConfig):
    name = "contracts"
    verbose_name = _("Offers and contracts")

    def ready(self):
        from contracts import inbox, navigation, tiles  # noqa: F401  register themselves
