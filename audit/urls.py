from django.urls import path

from audit import views

app_name = "audit"

urlpatterns = [
    path("", views.AuditEntryListView.as_view(), name="list"),
    path("export/", views.AuditEntryExportView.as_view(), name="export"),
    path("staff/", views.StaffAuditEntryListView.as_view(), name="staff_list"),
    path(
        "staff/export/",
        views.StaffAuditEntryExportView.as_view(),
        name="staff_export",
    ),
]
