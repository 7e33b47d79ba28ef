from django.http import QueryDict

from partner_portal.language import remember_language
from partner_portal.selectors import memberships_of_user

SESSION_KEY = "portal_company_id"


class CurrentCompanyMiddleware:
    """Puts the user's current membership and company on the request
    (`request.membership`, `request.company`; both None for visitors, staff and
    users without a company).

    A user may belong to several companies; the one chosen in the session wins,
    otherwise the first active one. All of them come with the cached user
    (partner_portal.auth_cache) and are kept as `request.portal_memberships`
    for the company switch in the navigation."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.membership = None
        request.portal_memberships = []
        if request.user.is_authenticated:
            # The cached user carries them (partner_portal.auth_cache).
            known = getattr(request.user, "_portal_memberships", None)
            request.portal_memberships = (
                known
                if known is not None
                else list(
                    memberships_of_user(user=request.user).select_related(
                        "company__contact_person"
                    )
                )
            )
            chosen = request.session.get(SESSION_KEY)
            request.membership = next(
                (m for m in request.portal_memberships if m.company_id == chosen),
                request.portal_memberships[0] if request.portal_memberships else None,
            )
        request.company = request.membership.company if request.membership else None
        # The user's language preference rides on this middleware because it
        # is the portal's one hook after authentication (see language.py).
        return remember_language(request, self.get_response(request))


class StripNullCharactersMiddleware:
    """Query parameters lose NUL characters before any view reads them.

    PostgreSQL text cannot hold NUL (a search for `%00` would end in a
    DataError, a 500 page), and no one types one on purpose. Forms already
    refuse NUL in submitted fields; this covers searches and filters read
    straight from the query string."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query = request.META.get("QUERY_STRING", "")
        if "%00" in query or "\x00" in query:
            cleaned = QueryDict(mutable=True)
            for key, values in request.GET.lists():
                cleaned.setlist(
                    key.replace("\x00", ""), [v.replace("\x00", "") for v in values]
                )
            cleaned._mutable = False
            request.GET = cleaned
        return self.get_response(request)
