from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MarketingAssetsConfig(AppConfig):
    name = "marketing_assets"
    verbose_name = _("Marketing assets")

    def ready(self):
        from marketing_assets import tiles  # noqa: F401  tile and partner-area section
