"""/api/v1/ endpoints of offers and contracts (read only)."""

from django.urls import path

from api.views import documents

urlpatterns = [
    path("offers/", documents.OfferListView.as_view(), name="offers-list"),
    path(
        "offers/<str:number>/",
        documents.OfferDetailView.as_view(),
        name="offers-detail",
    ),
    path(
        "offers/<str:number>/pdf/",
        documents.OfferPdfView.as_view(),
        name="offers-pdf",
    ),
    path("contracts/", documents.ContractListView.as_view(), name="contracts-list"),
    path(
        "contracts/<str:number>/",
        documents.ContractDetailView.as_view(),
        name="contracts-detail",
    ),
    path(
        "contracts/<str:number>/pdf/",
        documents.ContractPdfView.as_view(),
        name="contracts-pdf",
    ),
    path(
        "contracts/<str:number>/documents/<id:document_id>/",
        documents.ContractDocumentView.as_view(),
        name="contracts-document",
    ),
]
