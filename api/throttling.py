"""Rate limits per API key: `rate_per_minute` of the key, or the portal's
default (PORTAL_API_RATE_PER_MINUTE). Over the limit: 429 with Retry-After.

The counters live in Django's cache: one process's memory by default, shared
by every app server once the cache is Redis."""

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle


class ApiKeyRateThrottle(SimpleRateThrottle):
    scope = "api_key"
    cache_format = "api-throttle:%(scope)s:%(ident)s"

    def get_rate(self):
        # The rate is the key's; allow_request sets it per request.
        return None

    def allow_request(self, request, view):
        key = getattr(request, "auth", None)
        if not getattr(key, "is_api_key", False):
            return True
        per_minute = key.rate_per_minute or settings.PORTAL_API_RATE_PER_MINUTE
        self.rate = f"{per_minute}/min"
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request, view)

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": request.auth.pk}
