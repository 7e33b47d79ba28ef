from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MarketingAssetsConfig(AppConfig):
    name = "marketing_assets"
    verbose_name = _("Marketing assets")

    def ready(self):
        # Tiles, the partner-area section and navigation entries.
        from marketing_assets import navigation, tiles  # noqa: F401
