from django.urls import path

from support.views import (
    catalogue,
    conversation,
    customer,
    desk,
    desk_services,
    kpis,
)

app_name = "support"

urlpatterns = [
    path("", catalogue.CatalogueView.as_view(), name="catalogue"),
    path(
        "services/<slug:slug>/",
        catalogue.ServiceRequestView.as_view(),
        name="service_request",
    ),
    path("report/", catalogue.ReportView.as_view(), name="report"),
    path("suggest/", catalogue.SuggestView.as_view(), name="suggest"),
    path("solved/", catalogue.DeflectedView.as_view(), name="deflected"),
    path("requests/", customer.RequestListView.as_view(), name="list"),
    path("requests/sharing/", customer.SharingView.as_view(), name="sharing"),
    path("requests/<str:number>/", customer.RequestDetailView.as_view(), name="detail"),
    path(
        "requests/<str:number>/messages/",
        conversation.MessagesView.as_view(),
        name="messages",
    ),
    path("requests/<str:number>/reply/", customer.ReplyView.as_view(), name="reply"),
    path("requests/<str:number>/rate/", customer.RateView.as_view(), name="rate"),
    path("requests/<str:number>/reopen/", customer.ReopenView.as_view(), name="reopen"),
    path(
        "requests/<str:number>/approve/", customer.ApproveView.as_view(), name="approve"
    ),
    path(
        "requests/<str:number>/files/<int:pk>/",
        customer.AttachmentView.as_view(),
        name="attachment",
    ),
    path("kpis/", kpis.SupportKpiView.as_view(), name="kpis"),
    path("kpis/export/", kpis.SupportKpiExportView.as_view(), name="kpis_export"),
    # The service desk's staff pages (support.views.desk).
    path("desk/", desk.DeskQueueView.as_view(), name="queue"),
    # The catalogue editor (support.views.desk_services), before the request
    # pages so "services" is never read as a request number.
    path(
        "desk/services/",
        desk_services.DeskServiceListView.as_view(),
        name="desk_services",
    ),
    path(
        "desk/services/new/",
        desk_services.DeskServiceCreateView.as_view(),
        name="desk_service_create",
    ),
    path(
        "desk/services/<slug:slug>/",
        desk_services.DeskServiceEditView.as_view(),
        name="desk_service_edit",
    ),
    path("desk/<str:number>/", desk.DeskDetailView.as_view(), name="desk_detail"),
    *(
        path(f"desk/<str:number>/{action}/", view.as_view(), name=f"desk_{action}")
        for action, view in desk.DESK_ACTIONS.items()
    ),
]
