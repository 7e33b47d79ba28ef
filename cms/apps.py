from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Content")

    def ready(self):
        from cms import (  # noqa: F401  register themselves
            inbox,
            navigation,
            receivers,
            staff_tiles,
            tiles,
        )

        receivers.connect()
