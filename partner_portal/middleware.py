from django.http import QueryDict

from partner_portal.language import remember_language
from partner_portal.selectors import membership_current

SESSION_KEY = "portal_company_id"


class CurrentCompanyMiddleware:
    """Puts the user's current membership and company on the request
    (`request.membership`, `request.company`; both None for visitors, staff and
    users without a company).

    A user may belong to several companies; the one chosen in the session wins,
    otherwise the first active one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.membership = None
        if request.user.is_authenticated:
            request.membership = membership_current(
                user=request.user, company_id=request.session.get(SESSION_KEY)
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
