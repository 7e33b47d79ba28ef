"""What the API shows of offers and contracts: the same facts as the
customer's pages (sent versions only, never drafts; the accepted offer and
the documents of a contract), with links to the PDF downloads.

Output only: offers and contracts are read by key. Accepting an offer needs
a person who signs with their name in the portal."""

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from contracts.models import Contract, OfferVersion

# An offer's status as the customer sees it: a sent version past its validity
# is expired even before the nightly task marks it so.
OFFER_STATUSES = (
    OfferVersion.Status.SENT,
    OfferVersion.Status.ACCEPTED,
    OfferVersion.Status.DECLINED,
    OfferVersion.Status.EXPIRED,
)
VERSION_STATUSES = (*OFFER_STATUSES, OfferVersion.Status.SUPERSEDED)
CONTRACT_STATES = (
    Contract.State.ACTIVE,
    Contract.State.EXPIRING,
    Contract.State.ENDED,
    Contract.State.UPCOMING,
)


# The enums' values, for drf-spectacular's ENUM_NAME_OVERRIDES: "status" and
# "kind" name other choice sets in other areas too.
OFFER_STATUS_ENUM = [status.value for status in OFFER_STATUSES]
OFFER_VERSION_STATUS_ENUM = [status.value for status in VERSION_STATUSES]
CONTRACT_KIND_ENUM = list(Contract.Kind.values)


def _enum(choices, description: str) -> dict:
    """An inline enum schema: these choice sets share their field names
    ("status", "kind") with other areas' enums, and an inline one needs no
    component name."""
    return {
        "type": "string",
        "enum": [choice.value for choice in choices],
        "description": description,
    }


def offer_status(version: OfferVersion) -> str:
    if version.is_expired:
        return OfferVersion.Status.EXPIRED.value
    return version.status


def _money(**kwargs):
    return serializers.DecimalField(max_digits=12, decimal_places=2, **kwargs)


def _percent(**kwargs):
    return serializers.DecimalField(max_digits=5, decimal_places=2, **kwargs)


def _absolute(context, name: str, *, query: str = "", **kwargs) -> str:
    path = reverse(name, kwargs=kwargs) + query
    request = context.get("request")
    return request.build_absolute_uri(path) if request is not None else path


class PersonSerializer(serializers.Serializer):
    """Our contact person for the offer or contract."""

    name = serializers.CharField(source="get_full_name")
    email = serializers.EmailField()


class OfferLineSerializer(serializers.Serializer):
    position = serializers.IntegerField()
    sku = serializers.CharField(help_text="Article number; empty for free text.")
    description = serializers.CharField()
    quantity = serializers.IntegerField()
    unit_price = _money(help_text="Net list price of one unit.")
    discount_percent = _percent()
    net_unit_price = _money(help_text="Net price of one unit after the discount.")
    tax_rate = _percent(help_text="VAT rate in percent.")
    line_net = _money()
    line_tax = _money()


class OfferVersionSerializer(serializers.Serializer):
    """One sent version of an offer."""

    version = serializers.IntegerField(source="number")
    status = serializers.SerializerMethodField()
    status_label = serializers.CharField(source="display_status")
    valid_until = serializers.DateField()
    currency = serializers.CharField()
    total_net = _money()
    total_tax = _money()
    total_gross = _money()
    sent_at = serializers.DateTimeField()
    pdf_url = serializers.SerializerMethodField()

    @extend_schema_field(
        _enum(VERSION_STATUSES, "A later version sent supersedes this one.")
    )
    def get_status(self, version) -> str:
        return offer_status(version)

    def get_pdf_url(self, version) -> str:
        return _absolute(
            self.context,
            "api:offers-pdf",
            number=version.offer.number,
            query=f"?version={version.number}",
        )


class OfferListSerializer(serializers.Serializer):
    """An offer as the list shows it: its last sent version's validity,
    total and status."""

    number = serializers.CharField()
    title = serializers.CharField()
    version = serializers.IntegerField(source="latest_sent.number")
    status = serializers.SerializerMethodField()
    status_label = serializers.CharField(source="latest_sent.display_status")
    valid_until = serializers.DateField(source="latest_sent.valid_until")
    currency = serializers.CharField(source="latest_sent.currency")
    total_net = _money(source="latest_sent.total_net")
    total_tax = _money(source="latest_sent.total_tax")
    total_gross = _money(source="latest_sent.total_gross")
    sent_at = serializers.DateTimeField(source="latest_sent.sent_at")
    url = serializers.SerializerMethodField()
    pdf_url = serializers.SerializerMethodField()

    @extend_schema_field(
        _enum(
            OFFER_STATUSES,
            "The last version sent: expired once its validity has passed.",
        )
    )
    def get_status(self, offer) -> str:
        return offer_status(offer.latest_sent)

    def get_url(self, offer) -> str:
        return _absolute(self.context, "api:offers-detail", number=offer.number)

    def get_pdf_url(self, offer) -> str:
        return _absolute(self.context, "api:offers-pdf", number=offer.number)


class OfferDetailSerializer(OfferListSerializer):
    """An offer with the lines and terms of its last sent version, the
    earlier versions and, once accepted, the contract."""

    language = serializers.CharField()
    payment_terms = serializers.CharField(source="latest_sent.payment_terms")
    delivery_terms = serializers.CharField(source="latest_sent.delivery_terms")
    cover_note = serializers.CharField(source="latest_sent.cover_note")
    contract_months = serializers.IntegerField(source="latest_sent.contract_months")
    notice_days = serializers.IntegerField(source="latest_sent.notice_days")
    renewal_terms = serializers.CharField(source="latest_sent.renewal_terms")
    sha256 = serializers.CharField(
        source="latest_sent.sha256", help_text="SHA-256 of the PDF file."
    )
    content_sha256 = serializers.CharField(
        source="latest_sent.content_sha256",
        help_text="SHA-256 of the offer's content, printed in the PDF's footer.",
    )
    decline_reason = serializers.CharField(source="latest_sent.decline_reason")
    accepted_at = serializers.SerializerMethodField()
    contract = serializers.SerializerMethodField()
    contact_person = PersonSerializer(allow_null=True)
    lines = OfferLineSerializer(many=True, source="visible_lines")
    versions = OfferVersionSerializer(many=True, source="visible_versions")

    @extend_schema_field(serializers.DateTimeField(allow_null=True))
    def get_accepted_at(self, offer):
        acceptance = getattr(offer.latest_sent, "acceptance", None)
        return (
            serializers.DateTimeField().to_representation(acceptance.accepted_at)
            if acceptance
            else None
        )

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_contract(self, offer):
        """The number of the contract the accepted offer made."""
        contract = getattr(offer, "accepted_contract", None)
        return contract.number if contract else None


class ContractDocumentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    size = serializers.IntegerField(help_text="Bytes.")
    sha256 = serializers.CharField()
    created_at = serializers.DateTimeField()
    url = serializers.SerializerMethodField()

    def get_url(self, document) -> str:
        return _absolute(
            self.context,
            "api:contracts-document",
            number=document.contract.number,
            document_id=document.pk,
        )


class ContractListSerializer(serializers.Serializer):
    number = serializers.CharField()
    kind = serializers.SerializerMethodField()
    kind_label = serializers.CharField(source="get_kind_display")
    title = serializers.CharField()
    state = serializers.ChoiceField(choices=CONTRACT_STATES)
    state_label = serializers.CharField()
    start_date = serializers.DateField()
    end_date = serializers.DateField()
    notice_days = serializers.IntegerField()
    notice_date = serializers.DateField(
        help_text="The last day on which notice can be given."
    )
    offer = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()
    pdf_url = serializers.SerializerMethodField()

    @extend_schema_field(
        _enum(Contract.Kind, "A contract, or a partner agreement with a partner.")
    )
    def get_kind(self, contract) -> str:
        return contract.kind

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_offer(self, contract):
        """The number of the accepted offer the contract came from."""
        version = contract.offer_version
        return version.offer.number if version else None

    def get_url(self, contract) -> str:
        return _absolute(self.context, "api:contracts-detail", number=contract.number)

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_pdf_url(self, contract):
        """The accepted offer's PDF; none for a contract made without an
        offer (its documents are listed on the detail)."""
        if contract.offer_version_id is None:
            return None
        return _absolute(self.context, "api:contracts-pdf", number=contract.number)


class ContractDetailSerializer(ContractListSerializer):
    renewal_terms = serializers.CharField()
    offer_version = serializers.IntegerField(
        source="offer_version.number", allow_null=True
    )
    contact_person = PersonSerializer(allow_null=True)
    documents = ContractDocumentSerializer(many=True, source="documents.all")
