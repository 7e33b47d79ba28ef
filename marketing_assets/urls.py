from django.urls import path

from marketing_assets import views

app_name = "marketing_assets"

urlpatterns = [
    path("", views.AssetListView.as_view(), name="list"),
    path("brand/", views.PartnerBrandEditView.as_view(), name="brand"),
    path("brand/logo/", views.PartnerBrandLogoView.as_view(), name="brand_logo"),
    path("downloads/", views.CompanyDownloadsView.as_view(), name="downloads"),
    path(
        "staff/downloads/",
        views.StaffDownloadReportView.as_view(),
        name="staff_report",
    ),
    path("<id:pk>/", views.AssetDetailView.as_view(), name="detail"),
    path("<id:pk>/download/", views.AssetDownloadView.as_view(), name="download"),
    path("<id:pk>/thumbnail/", views.AssetThumbnailView.as_view(), name="thumbnail"),
    path("<id:pk>/flyer.pdf", views.FlyerDownloadView.as_view(), name="flyer"),
]
