"""Settings shared by every environment; everything that differs comes from the
environment (django-environ), read only here and in the sibling modules."""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from oscar import INSTALLED_APPS as OSCAR_INSTALLED_APPS
from oscar.defaults import *  # noqa: F403  Oscar's OSCAR_* defaults, overridden below

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env("SECRET_KEY", default="insecure-dev-key-change-me")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# Oscar's list names its apps and the django.contrib ones; the forked apps replace
# theirs in place so that app labels (and so migrations) stay Oscar's.
OSCAR_FORKS = {
    "oscar.apps.order.apps.OrderConfig": "oscar_apps.order.apps.OrderConfig",
    "oscar.apps.partner.apps.PartnerConfig": "oscar_apps.partner.apps.PartnerConfig",
    "oscar.apps.search.apps.SearchConfig": "oscar_apps.search.apps.SearchConfig",
    # The Django admin answers only superusers (partner_portal/admin_site.py).
    "django.contrib.admin": "partner_portal.admin_site.PortalAdminConfig",
}

INSTALLED_APPS = [
    # Ours first so that our templates and translations win over Oscar's.
    "partner_portal.apps.PartnerPortalConfig",
    "cms.apps.CmsConfig",
    "orders.apps.OrdersConfig",
    "returns.apps.ReturnsConfig",
    "contracts.apps.ContractsConfig",
    "marketing_assets.apps.MarketingAssetsConfig",
    "forums.apps.ForumsConfig",
    "support.apps.SupportConfig",
    "api.apps.ApiConfig",
    "feedback.apps.FeedbackConfig",
    "ops.apps.OpsConfig",
    "audit.apps.AuditConfig",
    *[OSCAR_FORKS.get(app, app) for app in OSCAR_INSTALLED_APPS],
    "sorl.thumbnail",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.simple_translation",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.locales",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_tasks",
    "django_tasks_db",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",
]

MIDDLEWARE = [
    # First: every log line of the request carries its id (request_log.py).
    "partner_portal.request_log.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # django-csp's, with the built policy strings kept (partner_portal/csp.py).
    "partner_portal.csp.CSPMiddleware",
    "partner_portal.csp.PolicyAdjustMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Django's, without the language-in-path lookups of i18n_patterns.
    "partner_portal.locale_middleware.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "partner_portal.middleware.StripNullCharactersMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Services record audit entries with the request's user and address.
    "audit.context.AuditRequestMiddleware",
    # Django's, building the message storage only for requests that use it.
    "partner_portal.messages_middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "partner_portal.middleware.CurrentCompanyMiddleware",
    "oscar_apps.access.ShopAccessMiddleware",
    "oscar.apps.basket.middleware.BasketMiddleware",
    "django.contrib.flatpages.middleware.FlatpageFallbackMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks, so that it sees the outcome of authentication.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "oscar.apps.search.context_processors.search_form",
                "oscar.apps.checkout.context_processors.checkout",
                "partner_portal.context_processors.notifications",
                "oscar.core.context_processors.metadata",
                "partner_portal.context_processors.portal",
                "cms.context_processors.footer",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR}/db.sqlite3")
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Concurrent users on SQLite: take the write lock at BEGIN and wait for it,
    # instead of failing with "database is locked" halfway through a request.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
# No ATOMIC_REQUESTS: it opened every request, GETs included, with BEGIN
# IMMEDIATE, so on SQLite a page held the write lock while it rendered and the
# workers took turns. Writes that belong together are transaction.atomic()
# blocks in the services (Oscar's checkout and dashboard, Wagtail's and
# Django's admin keep their own).
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# Each worker keeps its connection (checked before reuse) instead of opening
# one per request: connecting and running the pragmas above cost ~2.7 ms, and
# on SQLite the last connection closing checkpoints the WAL every time.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DB_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The cache (Redis with REDIS_URL, else files under var/cache) and sessions.
from .cache import *  # noqa: E402, F403

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Users log in with their email address. Both read the signed-in user
    # from the cache (partner_portal/auth_cache.py).
    "partner_portal.auth_backends.EmailBackend",
    "partner_portal.auth_backends.ModelBackend",
]
_VALIDATORS = "django.contrib.auth.password_validation."
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": _VALIDATORS + name}
    for name in (
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    )
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "partner_portal:start"
LOGOUT_REDIRECT_URL = "login"

from .security import *  # noqa: E402, F403

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("de", _("German")),
    ("es", _("Spanish")),
    ("zh-hans", _("Simplified Chinese")),
    ("fa", _("Persian")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
# One date format per language: config/formats/<language>/formats.py.
FORMAT_MODULE_PATH = "config.formats"
TIME_ZONE = env("TIME_ZONE", default="Europe/Berlin")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(BASE_DIR / "media")))
PORTAL_SERVE_MEDIA = env.bool("PORTAL_SERVE_MEDIA", default=DEBUG)
# Private documents (offers, contracts, invoices, labels, partner assets) live
# outside MEDIA_ROOT and are only ever served by views that check permission.
PORTAL_PRIVATE_MEDIA_ROOT = Path(
    env("PORTAL_PRIVATE_MEDIA_ROOT", default=str(BASE_DIR / "var" / "private"))
)
# Who sends the bytes of private files once a view has checked access: "none"
# (Python streams them), "nginx" (X-Accel-Redirect to an `internal` location
# at PORTAL_SENDFILE_URL_PREFIX aliasing PORTAL_PRIVATE_MEDIA_ROOT) or
# "xsendfile" (Apache's mod_xsendfile, X-Sendfile with the absolute path).
PORTAL_SENDFILE_BACKEND = env("PORTAL_SENDFILE_BACKEND", default="none")
if PORTAL_SENDFILE_BACKEND not in ("none", "nginx", "xsendfile"):
    raise ImproperlyConfigured(
        "PORTAL_SENDFILE_BACKEND must be one of: none, nginx, xsendfile."
    )
PORTAL_SENDFILE_URL_PREFIX = env(
    "PORTAL_SENDFILE_URL_PREFIX", default="/private-files/"
)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(PORTAL_PRIVATE_MEDIA_ROOT), "base_url": None},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# AWS_STORAGE_BUCKET_NAME moves media and private files to an object store.
from .storage import *  # noqa: E402, F403
from .storage import csp_with_object_storage, object_storages  # noqa: E402

STORAGES.update(object_storages())
CONTENT_SECURITY_POLICY = csp_with_object_storage(CONTENT_SECURITY_POLICY)  # noqa: F405

EMAIL_BACKEND = env(
    "EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = env("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="portal@portal.example")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

SITE_ID = 1
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24

# Background work: one mechanism (Django's tasks API through django-tasks);
# immediate by default, the database backend with workers in production.
# PORTAL_TASKS_BACKEND: "immediate" (default) or "database" (workers).
from .tasks import *  # noqa: E402, F403

# Oscar
OSCAR_SHOP_NAME = env("PORTAL_NAME", default="Partner Portal")
OSCAR_SHOP_TAGLINE = ""
OSCAR_DEFAULT_CURRENCY = env("PORTAL_CURRENCY", default="EUR")
OSCAR_HOMEPAGE = reverse_lazy("catalogue:index")
OSCAR_FROM_EMAIL = DEFAULT_FROM_EMAIL
OSCAR_ALLOW_ANON_CHECKOUT = False
# An invitation-only B2B shop: no product reviews (Oscar published anonymous
# ones at once) and no wish lists; should reviews come back, only signed-in
# members write them and staff approve them first.
OSCAR_HIDDEN_FEATURES = ["reviews", "wishlists"]
OSCAR_ALLOW_ANON_REVIEWS = False
OSCAR_MODERATE_REVIEWS = True
HAYSTACK_CONNECTIONS = {
    "default": {"ENGINE": "haystack.backends.simple_backend.SimpleEngine"}
}
THUMBNAIL_DEBUG = False

# Wagtail
WAGTAIL_SITE_NAME = OSCAR_SHOP_NAME
# The portal's address as people reach it: every absolute link in mails, PDFs
# and feeds starts with it (never with the host of the request that happened
# to trigger the mail). Production defaults to https:// and the first of
# ALLOWED_HOSTS.
PORTAL_BASE_URL = env("PORTAL_BASE_URL", default="http://127.0.0.1:8000").rstrip("/")

# A person who opens the same page again while nothing in the database changed
# gets it as rendered the first time, for at most this many seconds
# (partner_portal/page_cache.py); 0 turns the page cache off.
PORTAL_PAGE_CACHE_SECONDS = env.int("PORTAL_PAGE_CACHE_SECONDS", default=60)
WAGTAILADMIN_BASE_URL = PORTAL_BASE_URL
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# Wagtail's database backend; on PostgreSQL it reads each page in its
# locale's language (partner_portal/search_backend.py).
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "partner_portal.search_backend"}}
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Wagtail's serve view sends documents through the portal's private-file
# response (private, no-store; nginx or Apache send the bytes if configured).
SENDFILE_BACKEND = "partner_portal.files_wagtail"
# Documents carry an audience and live in the private storage: only the
# checking serve view hands them out (cms/wagtail_hooks.py).
WAGTAILDOCS_DOCUMENT_MODEL = "cms.PortalDocument"
# No Gravatar and no update check: the portal makes no requests to third
# parties (and the Content-Security-Policy would block them).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False

from .api import *  # noqa: E402, F403

# Shown to users who have no company yet.
PORTAL_SUPPORT_EMAIL = env("PORTAL_SUPPORT_EMAIL", default="support@portal.example")
# The SLA job mails the desk this many minutes before a deadline (and once
# more when it is missed).
PORTAL_SLA_WARNING_MINUTES = env.int("PORTAL_SLA_WARNING_MINUTES", default=60)

# Prices are net; VAT is added at this rate.
PORTAL_VAT_RATE = env.float("PORTAL_VAT_RATE", default=0.19)

# The issuer printed on invoices, credit notes, offers and certificates. Editors
# can set each item in Wagtail's Branding settings; these are the fallbacks for
# what is left empty there. The address is a list of lines separated by commas.
PORTAL_ISSUER_NAME = env("PORTAL_ISSUER_NAME", default="Partner Portal GmbH")
PORTAL_ISSUER_ADDRESS = env.list(
    "PORTAL_ISSUER_ADDRESS", default=["Lagerstraße 5", "20457 Hamburg", "Germany"]
)
PORTAL_ISSUER_VAT_ID = env("PORTAL_ISSUER_VAT_ID", default="")
PORTAL_ISSUER_REGISTER = env("PORTAL_ISSUER_REGISTER", default="")
PORTAL_ISSUER_BANK_NAME = env("PORTAL_ISSUER_BANK_NAME", default="")
PORTAL_ISSUER_IBAN = env("PORTAL_ISSUER_IBAN", default="")
PORTAL_ISSUER_BIC = env("PORTAL_ISSUER_BIC", default="")
PORTAL_ISSUER_EMAIL = env("PORTAL_ISSUER_EMAIL", default="")
# Days to pay an invoice on account when the company has no terms of its own.
PORTAL_PAYMENT_TERMS_DAYS = env.int("PORTAL_PAYMENT_TERMS_DAYS", default=30)

# Invitations to colleagues expire after this many days.
PORTAL_INVITATION_DAYS = env.int("PORTAL_INVITATION_DAYS", default=7)

# Forums: edit window, image size, the word list that sends posts to the
# moderation queue (comma-separated), and the anti-spam limits. "New members"
# have fewer than PORTAL_FORUM_NEW_MEMBER_POSTS approved posts.
PORTAL_FORUM_EDIT_MINUTES = env.int("PORTAL_FORUM_EDIT_MINUTES", default=30)
PORTAL_FORUM_MAX_IMAGE_MB = env.int("PORTAL_FORUM_MAX_IMAGE_MB", default=5)
PORTAL_FORUM_BLOCKED_WORDS = env.list("PORTAL_FORUM_BLOCKED_WORDS", default=[])
PORTAL_FORUM_QUEUE_FIRST_POSTS = env.int("PORTAL_FORUM_QUEUE_FIRST_POSTS", default=3)
PORTAL_FORUM_NEW_MEMBER_POSTS = env.int("PORTAL_FORUM_NEW_MEMBER_POSTS", default=10)
PORTAL_FORUM_NEW_MEMBER_RATE = (
    env.int("PORTAL_FORUM_NEW_MEMBER_PER_MINUTE", default=1),
    env.int("PORTAL_FORUM_NEW_MEMBER_PER_DAY", default=10),
)
PORTAL_FORUM_MEMBER_RATE = (
    env.int("PORTAL_FORUM_MEMBER_PER_MINUTE", default=5),
    env.int("PORTAL_FORUM_MEMBER_PER_DAY", default=200),
)
PORTAL_FORUM_DUPLICATE_MINUTES = env.int("PORTAL_FORUM_DUPLICATE_MINUTES", default=10)
PORTAL_FORUM_FLAGS_TO_HIDE = env.int("PORTAL_FORUM_FLAGS_TO_HIDE", default=3)

# Returns: the default return window (a product class may have its own), the
# photo limits, and where returned goods go (printed on the return label).
PORTAL_RETURN_WINDOW_DAYS = env.int("PORTAL_RETURN_WINDOW_DAYS", default=30)
PORTAL_RETURN_PHOTO_MAX_MB = env.int("PORTAL_RETURN_PHOTO_MAX_MB", default=10)
PORTAL_RETURN_PHOTO_MAX_PIXELS = env.int(
    "PORTAL_RETURN_PHOTO_MAX_PIXELS", default=40_000_000
)
PORTAL_RETURN_ADDRESS = env.list(
    "PORTAL_RETURN_ADDRESS",
    default=["Partner Portal Returns", "Lagerstraße 5", "20457 Hamburg", "Germany"],
)

# Marketing assets: the largest file an editor may upload (checked by content).
PORTAL_ASSET_MAX_UPLOAD_MB = env.int("PORTAL_ASSET_MAX_UPLOAD_MB", default=100)

from .logs import *  # noqa: E402, F403

# Stripe card payments: without keys the card option is hidden.
PORTAL_STRIPE_SECRET_KEY = env("STRIPE_SECRET_KEY", default="")
PORTAL_STRIPE_PUBLISHABLE_KEY = env("STRIPE_PUBLISHABLE_KEY", default="")
PORTAL_STRIPE_WEBHOOK_SECRET = env("STRIPE_WEBHOOK_SECRET", default="")
# Only for tests and local fakes of the Stripe API.
PORTAL_STRIPE_API_BASE = env("STRIPE_API_BASE", default="")

# Order statuses staff move orders through in Oscar's dashboard.
OSCAR_INITIAL_ORDER_STATUS = "Pending"
OSCAR_INITIAL_LINE_STATUS = "Pending"
OSCAR_ORDER_STATUS_PIPELINE = {
    "Pending": ("Processing", "Cancelled"),
    "Processing": ("Shipped", "Cancelled"),
    "Shipped": ("Complete",),
    "Complete": (),
    "Cancelled": (),
}
OSCAR_LINE_STATUS_PIPELINE = OSCAR_ORDER_STATUS_PIPELINE
