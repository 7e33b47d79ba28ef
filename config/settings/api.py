"""The integration API: Django REST framework, the OpenAPI schema, API key
rate limits and outbound webhooks (read by base.py)."""

import environ

env = environ.Env()

# Django REST framework: closed by default, an endpoint opens itself explicitly
# (api/views/base.py: API keys, the access policy, problem-details errors).
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAdminUser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "EXCEPTION_HANDLER": "api.errors.problem_exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
# Requests a minute an API key may make unless the key sets its own limit.
PORTAL_API_RATE_PER_MINUTE = env.int("PORTAL_API_RATE_PER_MINUTE", default=120)
# Webhooks go to public internet addresses only (api/webhooks/urls_guard.py);
# tests and local development turn this on to deliver to 127.0.0.1.
PORTAL_WEBHOOKS_ALLOW_PRIVATE_URLS = env.bool(
    "PORTAL_WEBHOOKS_ALLOW_PRIVATE_URLS", default=False
)
SPECTACULAR_SETTINGS = {
    "TITLE": "Partner Portal API",
    "DESCRIPTION": (
        "The integration API of the partner portal. Authenticate with an API "
        "key: `Authorization: Bearer pp_...`. Errors are RFC 9457 problem "
        "details; creates accept an `Idempotency-Key` header."
    ),
    "VERSION": "1.0.0",
    "PREPROCESSING_HOOKS": ["config.api_schema.only_portal_api"],
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI from the portal's own static files, no CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # One name per choice set where several fields are called "status" or "kind".
    "ENUM_NAME_OVERRIDES": {
        "OrderStatusEnum": "api.serializers_orders.STATUSES",
        "OfferStatusEnum": "api.serializers_documents.OFFER_STATUS_ENUM",
        "OfferVersionStatusEnum": "api.serializers_documents.OFFER_VERSION_STATUS_ENUM",
        "ContractKindEnum": "api.serializers_documents.CONTRACT_KIND_ENUM",
        "ReturnStatusEnum": "returns.models.ReturnRequest.Status",
        "SupportRequestStatusEnum": "support.models.requests.Status",
        "SupportPriorityEnum": "support.models.catalogue.Priority",
        "SupportEventKindEnum": "support.models.requests.Event.Kind",
        "ServiceFieldKindEnum": "support.models.catalogue.ServiceField.Kind",
    },
}
