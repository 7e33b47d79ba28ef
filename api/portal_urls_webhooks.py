"""The webhook pages, included by api/portal_urls.py at /portal/api/webhooks/
(their names join the `api_portal` namespace)."""

from django.urls import path

from api import portal_webhooks_views as views

urlpatterns = [
    path("", views.WebhookListView.as_view(), name="webhooks"),
    path("new/", views.WebhookCreateView.as_view(), name="webhook_create"),
    path("<id:pk>/", views.WebhookDetailView.as_view(), name="webhook_detail"),
    path("<id:pk>/edit/", views.WebhookEditView.as_view(), name="webhook_edit"),
    path("<id:pk>/delete/", views.WebhookDeleteView.as_view(), name="webhook_delete"),
    path("<id:pk>/secret/", views.WebhookRotateView.as_view(), name="webhook_rotate"),
    path("<id:pk>/test/", views.WebhookTestView.as_view(), name="webhook_test"),
    path(
        "<id:pk>/deliveries/<id:delivery_pk>/retry/",
        views.WebhookRetryView.as_view(),
        name="webhook_retry",
    ),
]
