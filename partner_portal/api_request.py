"""What the access policy reads from a DRF request (partner_portal.policy:
a policy stands in a REST view's `permission_classes` as it is)."""


class ApiRequest:
    """What a policy reads (user, membership, method, API key) from a DRF
    request. The membership middleware saw the session's user; an API key acts
    as the member who created it, in the key's company; another
    token-authenticated user gets their own current membership."""

    def __init__(self, user, membership, *, method="GET", api_key=None):
        self.user = user
        self.membership = membership
        self.company = membership.company if membership else None
        self.method = method
        self.api_key = api_key

    @classmethod
    def of(cls, request):
        django_request = getattr(request, "_request", request)
        user = request.user
        api_key = getattr(request, "auth", None)
        if not getattr(api_key, "is_api_key", False):
            api_key = None
        extra = {"method": request.method, "api_key": api_key}
        if api_key is not None:
            return cls(user, api_key.acting_membership, **extra)
        if getattr(django_request, "user", None) == user and hasattr(
            django_request, "membership"
        ):
            return cls(user, django_request.membership, **extra)
        if user is None or not user.is_authenticated:
            return cls(user, None, **extra)
        from partner_portal.selectors import membership_current

        return cls(user, membership_current(user=user), **extra)
