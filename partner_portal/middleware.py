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
        return self.get_response(request)
