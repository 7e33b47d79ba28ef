from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupportConfig(AppConfig):
    name = "support"
    verbose_name = _("Service desk")

    def ready(self):
        from support import (  # noqa: F401  register themselves
            figures,  # noqa: F401  registers its section
            inbox,
            navigation,
            tiles,
        )
