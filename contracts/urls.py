from django.urls import path

from contracts.views import contracts, offers, staff, staff_contracts

app_name = "contracts"

urlpatterns = [
    path("", contracts.ContractListView.as_view(), name="list"),
    path("<id:pk>/", contracts.ContractDetailView.as_view(), name="contract_detail"),
    path(
        "<id:pk>/documents/<id:document_pk>/",
        contracts.ContractDocumentView.as_view(),
        name="document",
    ),
    path(
        "<id:pk>/renewal/",
        contracts.ContractRenewalView.as_view(),
        name="renewal",
    ),
    path("offers/", offers.OfferListView.as_view(), name="offers"),
    path("offers/<id:pk>/", offers.OfferDetailView.as_view(), name="offer_detail"),
    path(
        "offers/<id:pk>/v<id:number>/pdf/",
        offers.OfferVersionPdfView.as_view(),
        name="offer_pdf",
    ),
    path(
        "offers/<id:pk>/v<id:number>/accept/",
        offers.OfferAcceptView.as_view(),
        name="offer_accept",
    ),
    path(
        "offers/<id:pk>/v<id:number>/decline/",
        offers.OfferDeclineView.as_view(),
        name="offer_decline",
    ),
    path(
        "offers/<id:pk>/certificate/",
        offers.CertificateView.as_view(),
        name="certificate",
    ),
    path(
        "offers/<id:pk>/certificate.pdf",
        offers.CertificatePdfView.as_view(),
        name="certificate_pdf",
    ),
    path(
        "offers/<id:pk>/to-basket/",
        offers.OfferToBasketView.as_view(),
        name="offer_to_basket",
    ),
    path("requests/", offers.OfferRequestView.as_view(), name="requests"),
    # Sales staff
    path(
        "staff/requests/", staff.StaffRequestQueueView.as_view(), name="staff_requests"
    ),
    path(
        "staff/requests/<id:pk>/close/",
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
        "staff/offers/<id:pk>/",
        staff.StaffOfferEditView.as_view(),
        name="staff_offer_edit",
    ),
    path(
        "staff/offers/<id:pk>/preview/",
        staff.StaffOfferPreviewView.as_view(),
        name="staff_offer_preview",
    ),
    path(
        "staff/offers/<id:pk>/send/",
        staff.StaffOfferSendView.as_view(),
        name="staff_offer_send",
    ),
    path(
        "staff/offers/<id:pk>/v<id:number>/pdf/",
        staff.StaffOfferVersionPdfView.as_view(),
        name="staff_offer_pdf",
    ),
    path(
        "staff/contracts/",
        staff_contracts.StaffContractListView.as_view(),
        name="staff_contracts",
    ),
    path(
        "staff/contracts/<id:pk>/",
        staff_contracts.StaffContractDetailView.as_view(),
        name="staff_contract_detail",
    ),
    path(
        "staff/contracts/<id:pk>/documents/<id:document_pk>/",
        staff_contracts.StaffContractDocumentView.as_view(),
        name="staff_document",
    ),
]
