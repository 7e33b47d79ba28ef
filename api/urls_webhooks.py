"""/api/v1/webhooks/: a company's webhook endpoints and their deliveries."""

from django.urls import path

from api.webhooks import api_views

urlpatterns = [
    path(
        "webhooks/",
        api_views.WebhookEndpointListCreateView.as_view(),
        name="webhooks-list",
    ),
    path(
        "webhooks/<id:pk>/",
        api_views.WebhookEndpointDetailView.as_view(),
        name="webhooks-detail",
    ),
    path(
        "webhooks/<id:pk>/deliveries/",
        api_views.WebhookDeliveryListView.as_view(),
        name="webhooks-deliveries",
    ),
]
