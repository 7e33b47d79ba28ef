from django.conf import settings
from django.utils.translation import get_language, get_language_bidi

from partner_portal.permissions import StaffGroup, capabilities_for
from partner_portal.selectors import memberships_of_user


def portal(request):
    """What every page's frame needs: the current company, what the member may
    do (for the navigation), the user's companies and the text direction."""
    membership = getattr(request, "membership", None)
    user = getattr(request, "user", None)

    def user_memberships():
        if user is None or not user.is_authenticated:
            return []
        return list(memberships_of_user(user=user))

    groups = []

    def staff_groups():
        # Our own staff's groups (for the staff menu), read once per page.
        if not groups and user is not None and user.is_authenticated:
            names = set(user.groups.values_list("name", flat=True))
            groups.append(set(StaffGroup.values) if user.is_superuser else names)
        return groups[0] if groups else set()

    return {
        "staff_groups": staff_groups,
        "current_company": getattr(request, "company", None),
        "current_capabilities": {cap.value for cap in capabilities_for(membership)},
        # A callable: templates evaluate it only where they use it.
        "user_memberships": user_memberships,
        "portal_languages": settings.LANGUAGES,
        "support_email": settings.PORTAL_SUPPORT_EMAIL,
        "is_rtl": get_language_bidi(),
        "current_language": get_language(),
    }
