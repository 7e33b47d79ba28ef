"""/api/v1/offers/ and /api/v1/contracts/: what "Offers" and "Contracts" show
the member who made the key, and the same private PDFs.

Read only. Accepting or declining an offer needs a person who signs with
their own name in the portal, so no key can do it: the offer endpoints answer
405 to every write. Drafts are sales' business and stay invisible (404), like
another company's offers and contracts. PDFs are the stored private files,
sent through partner_portal.files with private, no-store headers."""

import re

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions

from api.errors import problem
from api.schema import COMMON_PROBLEMS, problem_responses
from api.serializers_documents import (
    CONTRACT_STATES,
    OFFER_STATUSES,
    ContractDetailSerializer,
    ContractListSerializer,
    OfferDetailSerializer,
    OfferListSerializer,
)
from api.views.base import ApiDetailView, ApiListView, ApiView
from contracts import selectors
from contracts.models import Contract, ContractDocument, OfferVersion
from partner_portal.files import ATTACHMENT, PDF, private_file_response
from partner_portal.permissions import ApiResource, Capability
from partner_portal.policy import Member
from partner_portal.policy_api import ApiScope
from partner_portal.scoping import get_for_company_or_404

OFFERS_READ = Member(Capability.OFFER_ACCEPT) & ApiScope(ApiResource.OFFERS)
# As on the web: the offer PDFs are also for those who see the contracts that
# came of them.
OFFER_PDF = Member(Capability.OFFER_ACCEPT, Capability.CONTRACT_VIEW) & ApiScope(
    ApiResource.OFFERS
)
CONTRACTS_READ = Member(Capability.CONTRACT_VIEW) & ApiScope(ApiResource.CONTRACTS)

# ?ordering= name -> the field it sorts by.
OFFER_ORDERING = {
    "created_at": "created_at",
    "sent_at": "latest_sent__sent_at",
    "number": "number",
    "valid_until": "latest_sent__valid_until",
    "total_gross": "latest_sent__total_gross",
}
CONTRACT_ORDERING = {
    "end_date": "end_date",
    "start_date": "start_date",
    "number": "number",
    "created_at": "created_at",
}

PDF_RESPONSE = OpenApiResponse(
    response=OpenApiTypes.BINARY, description="The PDF (private, no-store)."
)


def _choice(request, name: str, choices) -> str:
    """The query parameter `name`, empty or one of `choices`; else a 400."""
    value = request.query_params.get(name, "")
    if value and value not in choices:
        raise exceptions.ValidationError(
            {name: [_("Choose one of: %(values)s.") % {"values": ", ".join(choices)}]}
        )
    return value


def _ordered(queryset, request, fields: dict[str, str]):
    value = _choice(request, "ordering", [*fields, *(f"-{name}" for name in fields)])
    if not value:
        return queryset
    field = fields[value.lstrip("-")]
    descending = value.startswith("-")
    return queryset.order_by(f"-{field}" if descending else field, "-pk")


def _ordering_parameter(fields) -> OpenApiParameter:
    return OpenApiParameter(
        "ordering",
        str,
        enum=[*fields, *(f"-{name}" for name in fields)],
        description=_("Sort by a field; a leading - sorts descending."),
    )


def _number_parameter(description: str) -> OpenApiParameter:
    return OpenApiParameter(
        "number", str, OpenApiParameter.PATH, description=description
    )


class PdfDownloadMixin:
    """A download answers whatever the client accepts: the PDF when there is
    one, else problem details (never 406 for `Accept: application/pdf`)."""

    def perform_content_negotiation(self, request, force=False):
        return super().perform_content_negotiation(request, force=True)


def _pdf_response(file, *, filename: str):
    if not file:
        raise exceptions.NotFound(_("There is no PDF for this document."))
    return private_file_response(
        file, filename=filename, content_type=PDF, disposition=ATTACHMENT
    )


# Offers


def _offer_status_filter(queryset, status: str):
    """By the status the customer sees: a sent offer past its validity counts
    as expired, whether or not the nightly task has marked it yet."""
    today = timezone.localdate()
    sent = OfferVersion.Status.SENT
    if status == sent:
        return queryset.filter(
            latest_sent__status=sent, latest_sent__valid_until__gte=today
        )
    if status == OfferVersion.Status.EXPIRED:
        return queryset.filter(
            latest_sent__status__in=[sent, OfferVersion.Status.EXPIRED]
        ).exclude(latest_sent__status=sent, latest_sent__valid_until__gte=today)
    return queryset.filter(latest_sent__status=status)


def _offer_get(company, number: str):
    return get_for_company_or_404(
        selectors.offer_list(company=company).select_related(
            "contact_person", "latest_sent__acceptance"
        ),
        company=company,
        number=number,
    )


class OfferListView(ApiListView):
    """The company's offers as "Offers" lists them: sent ones only, newest
    first, with the validity, total and status of the last version sent."""

    policy = OFFERS_READ
    serializer_class = OfferListSerializer

    def get_queryset(self):
        return selectors.offer_list(company=self.company)

    def filter_queryset(self, queryset):
        status = _choice(self.request, "status", [s.value for s in OFFER_STATUSES])
        if status:
            queryset = _offer_status_filter(queryset, status)
        return _ordered(queryset, self.request, OFFER_ORDERING)

    @extend_schema(
        operation_id="offers_list",
        parameters=[
            OpenApiParameter(
                "status",
                str,
                enum=[s.value for s in OFFER_STATUSES],
                description=_("The status of the last version sent"),
            ),
            _ordering_parameter(OFFER_ORDERING),
        ],
        responses={
            200: OfferListSerializer(many=True),
            **problem_responses(400, 404, *COMMON_PROBLEMS),
        },
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class OfferDetailView(ApiDetailView):
    """One offer: the lines, prices, terms and validity of the last version
    sent, every version sent, and the contract once accepted. Read only:
    accepting takes a person in the portal."""

    policy = OFFERS_READ
    serializer_class = OfferDetailSerializer

    def get_object(self):
        offer = _offer_get(self.company, self.kwargs["number"])
        version = offer.latest_sent
        offer.visible_lines = list(version.lines.all())
        offer.visible_versions = selectors.offer_versions_visible(offer=offer)
        offer.accepted_contract = (
            Contract.objects.for_company(self.company)
            .filter(offer_version=version)
            .first()
            if version.status == OfferVersion.Status.ACCEPTED
            else None
        )
        return offer

    @extend_schema(
        operation_id="offers_retrieve",
        parameters=[_number_parameter(_("Offer number"))],
        responses={
            200: OfferDetailSerializer,
            **problem_responses(404, *COMMON_PROBLEMS),
        },
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class OfferPdfView(PdfDownloadMixin, ApiView):
    """The stored PDF of the last version sent, or of `?version=`."""

    policy = OFFER_PDF

    @extend_schema(
        operation_id="offers_pdf_retrieve",
        parameters=[
            _number_parameter(_("Offer number")),
            OpenApiParameter(
                "version",
                int,
                description=_("A version sent earlier (default: the last one)"),
            ),
        ],
        responses={
            (200, PDF): PDF_RESPONSE,
            **problem_responses(400, 404, 409, *COMMON_PROBLEMS),
        },
    )
    def get(self, request, number):
        raw = request.query_params.get("version", "")
        if raw:
            if not re.fullmatch(r"[1-9][0-9]{0,8}", raw):
                raise exceptions.ValidationError(
                    {"version": [_("A version is a whole number from 1.")]}
                )
            version = get_for_company_or_404(
                OfferVersion.objects.exclude(
                    status=OfferVersion.Status.DRAFT
                ).select_related("offer"),
                company=self.company,
                offer__number=number,
                number=int(raw),
            )
        else:
            version = _offer_get(self.company, number).latest_sent
        if version is not None and version.pdf_pending:
            # A task worker renders it after the offer was sent.
            return problem(
                409,
                _(
                    "The PDF of this offer is being prepared. "
                    "Please try again in a minute."
                ),
                slug="pdf-pending",
                headers={"Retry-After": "5"},
            )
        return _pdf_response(
            version.pdf, filename=f"{version.offer.number}-v{version.number}.pdf"
        )


# Contracts


def _contract_get(company, number: str):
    return get_for_company_or_404(
        selectors.contract_list(company=company).prefetch_related("documents"),
        company=company,
        number=number,
    )


class ContractListView(ApiListView):
    """The company's contracts and partner agreements; all of them unless
    `state` picks the tab of "Contracts" (active includes expiring)."""

    policy = CONTRACTS_READ
    serializer_class = ContractListSerializer

    def get_queryset(self):
        return selectors.contract_list(
            company=self.company,
            state=_choice(self.request, "state", [s.value for s in CONTRACT_STATES])
            or None,
            kind=_choice(self.request, "kind", Contract.Kind.values) or None,
        )

    def filter_queryset(self, queryset):
        return _ordered(queryset, self.request, CONTRACT_ORDERING)

    @extend_schema(
        operation_id="contracts_list",
        parameters=[
            OpenApiParameter(
                "state",
                str,
                enum=[s.value for s in CONTRACT_STATES],
                description=_(
                    "Active (including expiring), expiring, ended or upcoming"
                ),
            ),
            OpenApiParameter("kind", str, enum=Contract.Kind.values),
            _ordering_parameter(CONTRACT_ORDERING),
        ],
        responses={
            200: ContractListSerializer(many=True),
            **problem_responses(400, 404, *COMMON_PROBLEMS),
        },
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class ContractDetailView(ApiDetailView):
    """One contract with its terms, contact person, accepted offer and
    documents."""

    policy = CONTRACTS_READ
    serializer_class = ContractDetailSerializer

    def get_object(self):
        return _contract_get(self.company, self.kwargs["number"])

    @extend_schema(
        operation_id="contracts_retrieve",
        parameters=[_number_parameter(_("Contract number"))],
        responses={
            200: ContractDetailSerializer,
            **problem_responses(404, *COMMON_PROBLEMS),
        },
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class ContractPdfView(PdfDownloadMixin, ApiView):
    """The contract's PDF: the accepted offer it came from. A contract made
    without an offer has none (404); its documents are on the detail."""

    policy = CONTRACTS_READ

    @extend_schema(
        operation_id="contracts_pdf_retrieve",
        parameters=[_number_parameter(_("Contract number"))],
        responses={
            (200, PDF): PDF_RESPONSE,
            **problem_responses(404, *COMMON_PROBLEMS),
        },
    )
    def get(self, request, number):
        contract = _contract_get(self.company, number)
        version = contract.offer_version
        if version is None:
            raise exceptions.NotFound(
                _("This contract was not made from an offer and has no PDF.")
            )
        return _pdf_response(version.pdf, filename=f"{contract.number}.pdf")


class ContractDocumentView(PdfDownloadMixin, ApiView):
    """A further document of a contract (annex, signed copy)."""

    policy = CONTRACTS_READ

    @extend_schema(
        operation_id="contracts_documents_retrieve",
        parameters=[
            _number_parameter(_("Contract number")),
            OpenApiParameter(
                "document_id",
                int,
                OpenApiParameter.PATH,
                description=_("The document's id, as the contract lists it"),
            ),
        ],
        responses={
            (200, PDF): PDF_RESPONSE,
            **problem_responses(404, *COMMON_PROBLEMS),
        },
    )
    def get(self, request, number, document_id):
        document = get_for_company_or_404(
            ContractDocument.objects.select_related("contract"),
            company=self.company,
            contract__number=number,
            pk=document_id,
        )
        return _pdf_response(
            document.file, filename=f"{document.contract.number}-{document.pk}.pdf"
        )
