from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForumsConfig(AppConfig):
    name = "forums"
    verbose_name = _("Forums")

    def ready(self):
        from forums import inbox, navigation, tiles  # noqa: F401  register themselves
        from forums.selectors import Viewer
        from partner_portal.policy import register_category_moderation

        register_category_moderation(lambda request: Viewer.of(request).is_moderator)

        from forums.models import Category, CategoryModerator
        from partner_portal.frame_cache import clear_on_change

        # Nominated moderators see the moderation menu (cached with the frame).
        clear_on_change(Category, CategoryModerator)
