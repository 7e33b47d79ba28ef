"""The request being answered, for entries recorded deep inside a service
that was not handed it: its user is the actor, its client the IP."""

import contextvars

from partner_portal.client_ip import client_ip

_current_request = contextvars.ContextVar("audit_request", default=None)


class AuditRequestMiddleware:
    """Makes the request known to `audit.services.record` while it is
    answered (after AuthenticationMiddleware, so that it has its user)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            _current_request.reset(token)


def current_request():
    return _current_request.get()


def request_actor(request):
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return user
    return None


def request_ip(request) -> str:
    return client_ip(request) if request is not None else ""
