from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnerPortalConfig(AppConfig):
    name = "partner_portal"
    verbose_name = _("Partner portal")

    def ready(self):
        # Before any urls.py is imported: they use `<id:...>`.
        from partner_portal import converters

        converters.register()

        from partner_portal import tiles  # noqa: F401  registers the foundation's tiles
