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

from django.conf import settings

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
