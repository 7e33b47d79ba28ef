"""The company admin's API pages, mounted at /portal/api/."""

from django.urls import include, path

from api import portal_views_keys as keys

app_name = "api_portal"

urlpatterns = [
    path("", keys.ApiIndexView.as_view(), name="index"),
    path("keys/", keys.ApiKeyListView.as_view(), name="keys"),
    path("keys/new/", keys.ApiKeyCreateView.as_view(), name="key_create"),
    path("keys/<id:pk>/revoke/", keys.ApiKeyRevokeView.as_view(), name="key_revoke"),
    path("webhooks/", include("api.portal_urls_webhooks")),
]
