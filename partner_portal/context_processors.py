from django.conf import settings
from django.utils.translation import get_language, get_language_bidi

from partner_portal.navigation import menus_for
from partner_portal.permissions import capabilities_for
from partner_portal.selectors import memberships_of_user


def portal(request):
    """What every page's frame needs: the current company, the menus the
    navigation registry gives this request, what the member may do, the
    user's companies and the text direction."""
    membership = getattr(request, "membership", None)
    user = getattr(request, "user", None)

    def user_memberships():
        if user is None or not user.is_authenticated:
            return []
        return list(memberships_of_user(user=user))

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
