"""Login lockout and the Content-Security-Policy (read by base.py)."""

import environ

env = environ.Env()

# Brute-force protection: lock the account+address pair, not the whole address,
# so that one office behind NAT is not locked out by one colleague.
AXES_FAILURE_LIMIT = env.int("PORTAL_LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("PORTAL_LOGIN_COOLOFF_MINUTES", default=15) / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "partner_portal.views.accounts.axes_username"
AXES_LOCKOUT_CALLABLE = "partner_portal.views.accounts.lockout_response"
# Reverse proxies in front of the portal that append the client's address to
# X-Forwarded-For (nginx, a load balancer): the lockout counts per client, not
# per proxy. 0 (no proxy) ignores the header, which clients can forge.
PORTAL_TRUSTED_PROXY_COUNT = env.int("PORTAL_TRUSTED_PROXY_COUNT", default=0)
AXES_CLIENT_IP_CALLABLE = "partner_portal.views.accounts.axes_client_ip"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

# Content-Security-Policy on every HTML page (django-csp): scripts only from
# the portal's own static files, no plugins, no <base>, framed only by the
# portal itself. Inline style attributes stay allowed (templates, Wagtail and
# Oscar use them; they cannot run code). Videos come from the two players the
# video block accepts; the pay page adds Stripe (orders/views/payments.py).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "frame-src": [
            "'self'",
            "https://www.youtube-nocookie.com",
            "https://player.vimeo.com",
        ],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'self'"],
        "form-action": ["'self'"],
    }
}
# Oscar's staff dashboard is built on inline scripts, and Wagtail's admin
# still writes some (date and time widgets, inline panels, page listings):
# there, and only there, they may run (partner_portal/csp.py).
PORTAL_CSP_INLINE_SCRIPT_PREFIXES = ["/shop/dashboard/", "/cms-admin/"]
