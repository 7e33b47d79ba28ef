"""/api/v1/ endpoints of returns, support requests and the company's users,
and the ERP's "received" step of a return."""

from django.urls import path

from api.views import erp_returns, returns, support, users

urlpatterns = [
    path("returns/", returns.ReturnListCreateView.as_view(), name="returns-list"),
    path(
        "returns/<str:number>/",
        returns.ReturnDetailView.as_view(),
        name="returns-detail",
    ),
    path(
        "erp/returns/<str:number>/received/",
        erp_returns.ErpReturnReceivedView.as_view(),
        name="erp-returns-received",
    ),
    path(
        "support/services/",
        support.ServiceListView.as_view(),
        name="support-services-list",
    ),
    path(
        "support/requests/",
        support.SupportRequestListCreateView.as_view(),
        name="support-requests-list",
    ),
    path(
        "support/requests/<str:number>/",
        support.SupportRequestDetailView.as_view(),
        name="support-requests-detail",
    ),
    path(
        "support/requests/<str:number>/replies/",
        support.SupportReplyCreateView.as_view(),
        name="support-requests-replies",
    ),
    path("users/", users.UserListView.as_view(), name="users-list"),
    path("users/<int:user_id>/", users.UserDetailView.as_view(), name="users-detail"),
]
