from django.urls import path

from contracts.views import contracts, offers, staff

app_name = "contracts"

urlpatterns = [
    path("", contracts.ContractListView.as_view(), name="list"),
    path("<int:pk>/", contracts.ContractDetailView.as_view(), name="contract_detail"),
    path(
        "<int:pk>/documents/<int:document_pk>/",
        contracts.ContractDocumentView.as_view(),
        name="document",
    ),
    path(
        "<int:pk>/renewal/",
        contracts.ContractRenewalView.as_view(),
        name="renewal",
    ),
    path("offers/", offers.OfferListView.as_view(), name="offers"),
    path("offers/<int:pk>/", offers.OfferDetailView.as_view(), name="offer_detail"),
    path(
        "offers/<int:pk>/v<int:number>/pdf/",
        offers.OfferVersionPdfView.as_view(),
        name="offer_pdf",
    ),
    path(
        "offers/<int:pk>/v<int:number>/accept/",
        offers.OfferAcceptView.as_view(),
        name="offer_accept",
    ),
    path(
        "offers/<int:pk>/v<int:number>/decline/",
        offers.OfferDeclineView.as_view(),
        name="offer_decline",
    ),
    path(
        "offers/<int:pk>/certificate/",
        offers.CertificateView.as_view(),
        name="certificate",
    ),
    path(
        "offers/<int:pk>/certificate.pdf",
        offers.CertificatePdfView.as_view(),
        name="certificate_pdf",
    ),
    path(
        "offers/<int:pk>/to-basket/",
        offers.OfferToBasketView.as_view(),
        name="offer_to_basket",
    ),
    path("requests/", offers.OfferRequestView.as_view(), name="requests"),
    # Sales staff
    path(
        "staff/requests/", staff.StaffRequestQueueView.as_view(), name="staff_requests"
    ),
    path(
        "staff/requests/<int:pk>/close/",
        staff.StaffRequestCloseView.as_view(),
        name="staff_request_close",
    ),
    path("staff/offers/", staff.StaffOfferListView.as_view(), name="staff_offers"),
    path(
        "staff/offers/new/",
        staff.StaffOfferCreateView.as_view(),
        name="staff_offer_create",
    ),
    path(
        "staff/offers/<int:pk>/",
        staff.StaffOfferEditView.as_view(),
        name="staff_offer_edit",
    ),
    path(
        "staff/offers/<int:pk>/preview/",
        staff.StaffOfferPreviewView.as_view(),
        name="staff_offer_preview",
    ),
    path(
        "staff/offers/<int:pk>/send/",
        staff.StaffOfferSendView.as_view(),
        name="staff_offer_send",
    ),
    path(
        "staff/offers/<int:pk>/v<int:number>/pdf/",
        staff.StaffOfferVersionPdfView.as_view(),
        name="staff_offer_pdf",
    ),
    path(
        "staff/contracts/",
        staff.StaffContractListView.as_view(),
        name="staff_contracts",
    ),
    path(
        "staff/contracts/<int:pk>/",
        staff.StaffContractDetailView.as_view(),
        name="staff_contract_detail",
    ),
    path(
        "staff/contracts/<int:pk>/documents/<int:document_pk>/",
        staff.StaffContractDocumentView.as_view(),
        name="staff_document",
    ),
]
