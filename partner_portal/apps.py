from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnerPortalConfig(AppConfig):
    name = "partner_portal"
    verbose_name = _("Partner portal")

    def ready(self):
        # Before any urls.py is imported: they use `<id:...>`.
        from partner_portal import converters

        converters.register()

        from django.contrib.auth.signals import user_logged_in

        from partner_portal import (  # noqa: F401  register themselves
            nav_entries,
            tiles,
        )
        from partner_portal.language import activate_on_login

        user_logged_in.connect(activate_on_login, dispatch_uid="portal_login_language")

        from partner_portal import auth_cache, frame_cache

        frame_cache.connect()
        auth_cache.connect()

        from django.db.backends.signals import connection_created

        from partner_portal import page_cache

        connection_created.connect(
            page_cache.track_writes, dispatch_uid="portal_page_writes"
        )
