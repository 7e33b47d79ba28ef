from django.conf import settings
from django.utils.translation import get_language, get_language_bidi

from partner_portal.frame_cache import frame_cached
from partner_portal.models import Branding
from partner_portal.navigation import menus_for
from partner_portal.permissions import capabilities_for
from partner_portal.selectors import memberships_of_user


def _branding():
    branding = Branding.load()
    # Read now, so that the cached copy carries its logo along.
    branding.logo  # noqa: B018
    return branding


def portal(request):
    """What every page's frame needs: the current company, the menus the
    navigation registry gives this request, what the member may do, the
    user's companies and the text direction."""
    membership = getattr(request, "membership", None)
    user = getattr(request, "user", None)
    # Wagtail's settings context processor looks on the request first: the
    # branding comes from the frame cache (it changes when editors save it).
    attr = Branding.get_cache_attr_name()
    if not hasattr(request, attr):
        setattr(request, attr, frame_cached("branding", (), _branding))

    def user_memberships():
        if user is None or not user.is_authenticated:
            return []
        # CurrentCompanyMiddleware has read them already.
        known = getattr(request, "portal_memberships", None)
        return known if known is not None else list(memberships_of_user(user=user))

    def navigation():
        if user is None or not user.is_authenticated:
            return []
        return menus_for(request)

    return {
        # Callables: templates evaluate them only where they use them.
        "navigation": navigation,
        "current_company": getattr(request, "company", None),
        "current_capabilities": {cap.value for cap in capabilities_for(membership)},
        "user_memberships": user_memberships,
        "portal_languages": settings.LANGUAGES,
        "support_email": settings.PORTAL_SUPPORT_EMAIL,
        "is_rtl": get_language_bidi(),
        "current_language": get_language(),
    }


def notifications(request):
    """Oscar's unread-notification count, counted only by a template that shows
    it (Oscar's account menu; the portal's pages do not): Oscar's own context
    processor counts on every page."""
    from oscar.core.loading import get_model

    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    notification = get_model("communication", "Notification")
    return {
        "num_unread_notifications": lambda: notification.objects.filter(
            recipient=user, date_read=None
        ).count()
    }
