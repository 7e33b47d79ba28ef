from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from oscar_apps.access import not_offered
from partner_portal.views import accounts, profile
from partner_portal.views.health import healthz

accounts_patterns = [
    path("login/", accounts.PortalLoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/change/", accounts.password_change, name="password_change"),
    path(
        "password/change/done/",
        accounts.password_change_done,
        name="password_change_done",
    ),
    path("password/reset/", accounts.password_reset, name="password_reset"),
    path(
        "password/reset/sent/", accounts.password_reset_done, name="password_reset_done"
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        accounts.password_reset_confirm,
        name="password_reset_confirm",
    ),
    path(
        "password/reset/done/",
        accounts.password_reset_complete,
        name="password_reset_complete",
    ),
]

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("accounts/", include(accounts_patterns)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("portal/orders/", include("orders.urls")),
    path("portal/returns/", include("returns.urls")),
    path("portal/contracts/", include("contracts.urls")),
    path("portal/assets/", include("marketing_assets.urls")),
    path("portal/forums/", include("forums.urls")),
    path("portal/support/", include("support.urls")),
    path("portal/content/", include("cms.urls")),
    # The form at /feedback/ and the staff queue at /portal/feedback/.
    path("", include("feedback.urls")),
    path("api/", include("api.urls")),
    path("portal/api/", include("api.portal_urls")),
    path("portal/audit/", include("audit.urls")),
    path("portal/", include("partner_portal.urls")),
    # The portal is invitation-only: Oscar's own login and sign-up forms give
    # way to the portal's login.
    path(
        "shop/accounts/login/",
        RedirectView.as_view(pattern_name="login", query_string=True),
    ),
    path(
        "shop/accounts/register/",
        RedirectView.as_view(pattern_name="login", query_string=True),
    ),
    # The account page is the portal's: it asks for the current password to
    # change the login email. Members do not delete their own account (the
    # company admin deactivates them), so Oscar's delete page is gone.
    path("shop/accounts/profile/delete/", profile.account_delete_gone),
    re_path(
        r"^shop/accounts/profile/",
        RedirectView.as_view(pattern_name="partner_portal:profile"),
    ),
    path(
        "shop/accounts/change-password/",
        RedirectView.as_view(pattern_name="password_change"),
    ),
    # B2B checkout and order history are the portal's own pages.
    re_path(r"^shop/checkout/", RedirectView.as_view(pattern_name="orders:checkout")),
    re_path(
        r"^shop/accounts/orders/", RedirectView.as_view(pattern_name="orders:list")
    ),
    # Wish lists are a consumer feature: not in this shop (OSCAR_HIDDEN_FEATURES
    # hides the buttons; Oscar still routes the pages).
    re_path(r"^shop/(accounts/)?wishlists/", not_offered),
    # Oscar's consumer account pages, none linked from the portal: the address
    # book (delivery addresses are the company's, on the company page), the
    # history of Oscar's own mails (the portal sends its own), stock alerts
    # (the product page offers none) and the notifications they would feed.
    re_path(r"^shop/accounts/(addresses|emails|alerts|notifications)/", not_offered),
    path("shop/", include(apps.get_app_config("oscar").urls[0])),
    path("cms-admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("django-admin/", admin.site.urls),
]

if settings.PORTAL_SERVE_MEDIA:
    # Public media (product and CMS images) from Django itself: for development
    # and tests; in production the proxy in front serves MEDIA_ROOT.
    from django.views.static import serve

    urlpatterns.append(
        re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})
    )

# Wagtail's page tree serves everything else, so it comes last.
urlpatterns.append(path("", include(wagtail_urls)))

# The server error page names the request id (partner_portal/request_log.py).
handler500 = "partner_portal.views.errors.server_error"
