"""Who may use Oscar's storefront under /shop/: the members of an active
company (an active membership) and our own staff.

Oscar's catalogue, basket and search views are not the portal's: they declare
no policy, so the door is this middleware. A deactivated member, or the
member of a deactivated company, loses the shop with the rest of the portal
instead of browsing at list prices and filling a basket. Oscar's dashboard
keeps its own check (`is_staff`)."""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect

from partner_portal.policy import ANY_MEMBER, STAFF, DashboardUser, Outcome

SHOP_PREFIX = "/shop/"
# Own doors: the dashboard asks for is_staff; login and sign-up only redirect
# to the portal's login (config/urls.py).
OPEN_PREFIXES = (
    "/shop/dashboard/",
    "/shop/accounts/login/",
    "/shop/accounts/register/",
)

SHOP = ANY_MEMBER | STAFF | DashboardUser()


def shop_path(path: str) -> bool:
    return path.startswith(SHOP_PREFIX) and not path.startswith(OPEN_PREFIXES)


class ShopAccessMiddleware:
    """Answers a request under /shop/ that the SHOP policy refuses: a visitor
    goes to the login, a user without an active company to the page saying
    whom to contact, anyone else gets 403. Sits after the middleware that
    sets `request.membership` and before Oscar's basket middleware, so a
    refused request does not even load a basket."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if shop_path(request.path_info):
            outcome = SHOP.decide(request)
            if outcome is Outcome.LOGIN:
                return redirect_to_login(request.get_full_path())
            if outcome is Outcome.NO_COMPANY:
                return redirect("partner_portal:no_company")
            if outcome is Outcome.DENY:
                raise PermissionDenied
        return self.get_response(request)


def not_offered(request, *args, **kwargs):
    """Oscar's consumer features the portal does not offer (wish lists):
    their URLs answer 404 instead of Oscar's pages."""
    raise Http404
