from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Content")

    def ready(self):
        from cms import navigation, receivers, tiles  # noqa: F401  register themselves

        receivers.connect()
