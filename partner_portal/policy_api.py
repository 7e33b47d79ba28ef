"""The access policy's rules for the integration API: what a key may reach
(`ApiScope`), staff (ERP) keys, and reads and writes of one endpoint by
different rules (`ReadWrite`). They combine with the web pages' rules
(partner_portal.policy):

    policy = ReadWrite(
        read=Member(Capability.ORDER_VIEW_OWN) & ApiScope(ApiResource.ORDERS),
        write=Member(Capability.ORDER_PLACE) & ApiScope(ApiResource.ORDERS),
    )
"""

from partner_portal.permissions import ApiResource
from partner_portal.policy import Outcome, Policy

_SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class ApiScope(Policy):
    """An API request whose key covers `resource`: any key of the resource
    may read, only a read-write key may write. A company key acts as the member
    who created it, so combine it with the web page's rule:
    `Member(Capability.ORDER_PLACE) & ApiScope(ApiResource.ORDERS)`."""

    message = "This API key's scope does not allow this request."

    def __init__(self, resource: ApiResource):
        self.resource = ApiResource(resource)

    def decide(self, request):
        key = getattr(request, "api_key", None)
        if key is None:
            return Outcome.LOGIN
        write = getattr(request, "method", "GET") not in _SAFE_METHODS
        allowed = key.permits(self.resource, write=write)
        return Outcome.ALLOW if allowed else Outcome.DENY

    def __repr__(self):
        return f"ApiScope({self.resource})"


class AnyApiKey(Policy):
    """Any valid API key (what the key may reach is asked elsewhere)."""

    def decide(self, request):
        if getattr(request, "api_key", None) is None:
            return Outcome.LOGIN
        return Outcome.ALLOW

    def __repr__(self):
        return "AnyApiKey()"


class StaffApiKey(Policy):
    """A staff (ERP) API key, created by a superuser: reads and writes across
    companies, within its scope."""

    message = "Only a staff integration key may use this."

    def __init__(self, resource: ApiResource):
        self.resource = ApiResource(resource)

    def decide(self, request):
        key = getattr(request, "api_key", None)
        if key is None:
            return Outcome.LOGIN
        if not key.is_staff_key or not (request.user and request.user.is_superuser):
            return Outcome.DENY
        write = getattr(request, "method", "GET") not in _SAFE_METHODS
        allowed = key.permits(self.resource, write=write)
        return Outcome.ALLOW if allowed else Outcome.DENY

    def __repr__(self):
        return f"StaffApiKey({self.resource})"


class ReadWrite(Policy):
    """`read` decides reads and `write` decides writes: a list endpoint next
    to its create, like the order history page next to the checkout."""

    def __init__(self, *, read: Policy, write: Policy):
        self.read = read
        self.write = write

    def decide(self, request):
        method = getattr(request, "method", "GET")
        return (self.read if method in _SAFE_METHODS else self.write).decide(request)

    @property
    def message(self):
        return self.write.message

    def __repr__(self):
        return f"ReadWrite(read={self.read!r}, write={self.write!r})"
