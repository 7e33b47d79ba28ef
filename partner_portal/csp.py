"""Adjustments to the Content-Security-Policy that django-csp sends
(CONTENT_SECURITY_POLICY in settings: scripts from the portal itself only).

The policy is for HTML pages. Files (PDFs, images, downloads) go without it:
Chromium's PDF viewer refuses to render a PDF whose own response forbids
plugins (object-src 'none'), and a policy on a file protects nothing.

Oscar's staff dashboard runs inline scripts in almost every template (its
`onbodyload` blocks, date pickers, the product image forms), and Wagtail's
admin still writes a few (date and time widgets, inline panels, the page
explorer). Those pages (PORTAL_CSP_INLINE_SCRIPT_PREFIXES), used by our staff
only, may run inline scripts. Every other rule (object-src, base-uri,
frame-ancestors, where script files come from) stays."""

from csp import middleware as csp_middleware
from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.utils import build_policy
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver

HTML = "text/html"


class PolicyAdjustMiddleware:
    """Sits below django-csp's CSPMiddleware in MIDDLEWARE, so that it marks
    the response before django-csp writes the header."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        content_type = response.get("Content-Type", "")
        if not content_type.startswith(HTML):
            response._csp_exempt = True
            return response
        if request.path.startswith(tuple(settings.PORTAL_CSP_INLINE_SCRIPT_PREFIXES)):
            response._csp_update = {
                **(getattr(response, "_csp_update", None) or {}),
                "script-src": ["'unsafe-inline'"],
            }
        return response


class CSPMiddleware(csp_middleware.CSPMiddleware):
    """django-csp's middleware, writing the same headers with less work per
    response: it builds a policy only for a response that gets it (not for a
    file marked exempt above), and keeps each policy string it built per
    (config, update, replace) of the response, since without a nonce the
    string follows from those and the settings alone. Changing a policy
    setting (tests) starts the memo over."""

    def process_response(self, request, response):
        if response.status_code in _DEBUG_CODES and settings.DEBUG:
            return response
        nonce = getattr(request, "_csp_nonce", None)
        for report_only, header, suffix, setting in _HEADERS:
            if getattr(response, f"_csp_exempt{suffix}", False) is not False:
                continue
            if header in response:
                continue
            prefixes = (getattr(settings, setting, None) or {}).get(
                "EXCLUDE_URL_PREFIXES"
            ) or ()
            if request.path_info.startswith(tuple(prefixes)):
                continue
            policy = _policy(
                getattr(response, f"_csp_config{suffix}", None),
                getattr(response, f"_csp_update{suffix}", None),
                getattr(response, f"_csp_replace{suffix}", None),
                nonce,
                report_only,
            )
            if policy:
                response[header] = policy
        # As django-csp: a nonce asked for after the header is written fails.
        if nonce is None:
            request.csp_nonce = csp_middleware.CheckableLazyObject(
                self._csp_nonce_post_response
            )
        return response


_DEBUG_CODES = (500, 404)
_HEADERS = (
    (False, HEADER, "", "CONTENT_SECURITY_POLICY"),
    (True, HEADER_REPORT_ONLY, "_ro", "CONTENT_SECURITY_POLICY_REPORT_ONLY"),
)
_POLICY_SETTINGS = frozenset(setting for *_, setting in _HEADERS)
_MAX_POLICIES = 256
_policies: dict = {}


def _policy(config, update, replace, nonce, report_only) -> str:
    if nonce is not None:
        return build_policy(config, update, replace, nonce, report_only)
    key = (report_only, repr(config), repr(update), repr(replace))
    policy = _policies.get(key)
    if policy is None:
        if len(_policies) >= _MAX_POLICIES:
            _policies.clear()
        policy = _policies[key] = build_policy(
            config, update, replace, None, report_only
        )
    return policy


@receiver(setting_changed)
def _forget_policies(setting, **kwargs):
    if setting in _POLICY_SETTINGS:
        _policies.clear()
