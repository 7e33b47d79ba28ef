"""Requests for quotation, offers, their versions and lines."""

from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from contracts.models.common import CENT, HUNDRED, MONEY, PERCENT, _language_choices
from partner_portal.files import private_storage
from partner_portal.models import CompanyOwnedModel
from partner_portal.money import default_currency
from partner_portal.scoping import CompanyOwnedQuerySet


class OfferRequest(CompanyOwnedModel):
    """A customer's request for quotation: from scratch, from their basket, or
    to renew a contract."""

    class Status(models.TextChoices):
        OPEN = "open", _("Requested")
        OFFERED = "offered", _("Offer in preparation")
        CLOSED = "closed", _("Closed")

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    message = models.TextField(_("message"), max_length=4000)
    # Snapshot of the basket the request was made from:
    # [{"product_id", "sku", "title", "quantity"}].
    lines = models.JSONField(default=list, blank=True)
    renewal_of = models.ForeignKey(
        "contracts.Contract",
        verbose_name=_("renewal of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="renewal_requests",
    )
    language = models.CharField(
        _("language"), max_length=10, choices=_language_choices, default="en"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("offer request")
        verbose_name_plural = _("offer requests")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self):
        return f"RFQ {self.pk} ({self.company})"


class Offer(CompanyOwnedModel):
    """An offer to a company; its content lives in its versions."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SENT = "sent", _("Sent")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        EXPIRED = "expired", _("Expired")

    number = models.CharField(_("number"), max_length=30, unique=True, blank=True)
    title = models.CharField(_("title"), max_length=200)
    request = models.ForeignKey(
        OfferRequest,
        verbose_name=_("offer request"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="offers",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    contact_person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("contact person at our side"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    language = models.CharField(
        _("language of the offer"),
        max_length=10,
        choices=_language_choices,
        default="en",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    # The version the customer sees: the last one sent.
    latest_sent = models.ForeignKey(
        "contracts.OfferVersion",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("offer")
        verbose_name_plural = _("offers")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["company", "status", "created_at"])]

    def __str__(self):
        return self.number or f"Offer {self.pk}"


class OfferVersionQuerySet(CompanyOwnedQuerySet):
    company_path = "offer__company"


class OfferVersion(models.Model):
    """One version of an offer. A draft may change; once sent its lines, terms
    and PDF never change again."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SENT = "sent", _("Sent")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        EXPIRED = "expired", _("Expired")
        SUPERSEDED = "superseded", _("Superseded")

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    valid_until = models.DateField(_("valid until"))
    payment_terms = models.TextField(_("payment terms"), max_length=2000, blank=True)
    delivery_terms = models.TextField(_("delivery terms"), max_length=2000, blank=True)
    cover_note = models.TextField(_("cover note"), max_length=4000, blank=True)
    contract_months = models.PositiveSmallIntegerField(
        _("contract term (months)"),
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
    )
    notice_days = models.PositiveSmallIntegerField(
        _("notice period (days)"),
        default=90,
        validators=[MaxValueValidator(730)],
    )
    renewal_terms = models.TextField(_("renewal terms"), max_length=2000, blank=True)
    currency = models.CharField(max_length=12, default=default_currency)
    total_net = models.DecimalField(default=Decimal("0.00"), **MONEY)
    total_tax = models.DecimalField(default=Decimal("0.00"), **MONEY)
    total_gross = models.DecimalField(default=Decimal("0.00"), **MONEY)
    pdf = models.FileField(
        storage=private_storage, upload_to="offers/%Y/", blank=True, null=True
    )
    # SHA-256 of the stored PDF file, and of the canonical content (lines,
    # prices, terms) that the PDF prints in its footer.
    sha256 = models.CharField(max_length=64, blank=True)
    content_sha256 = models.CharField(max_length=64, blank=True)
    render_error = models.TextField(blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    declined_at = models.DateTimeField(null=True, blank=True)
    declined_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decline_reason = models.TextField(_("reason"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OfferVersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("offer version")
        verbose_name_plural = _("offer versions")
        ordering = ["offer", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["offer", "number"], name="offer_version_unique_number"
            )
        ]

    def __str__(self):
        return f"{self.offer} v{self.number}"

    @property
    def is_expired(self) -> bool:
        return self.status == self.Status.EXPIRED or (
            self.status == self.Status.SENT and self.valid_until < timezone.localdate()
        )

    @property
    def pdf_pending(self) -> bool:
        """Sent, but a task worker has not recorded its PDF yet."""
        return self.sent_at is not None and not self.pdf

    @property
    def can_be_accepted(self) -> bool:
        return self.status == self.Status.SENT and not self.is_expired

    @property
    def display_status(self) -> str:
        if self.status == self.Status.SENT and self.is_expired:
            return self.Status.EXPIRED.label
        return self.get_status_display()


class OfferLineQuerySet(CompanyOwnedQuerySet):
    company_path = "version__offer__company"


class OfferLine(models.Model):
    """A line of an offer version: a catalogue product or free text."""

    version = models.ForeignKey(
        OfferVersion, on_delete=models.CASCADE, related_name="lines"
    )
    position = models.PositiveSmallIntegerField(default=0)
    product = models.ForeignKey(
        "catalogue.Product",
        verbose_name=_("product"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    sku = models.CharField(_("article number"), max_length=128, blank=True)
    description = models.CharField(_("description"), max_length=500)
    quantity = models.PositiveIntegerField(
        _("quantity"), validators=[MinValueValidator(1), MaxValueValidator(999_999)]
    )
    unit_price = models.DecimalField(
        _("unit price (net)"),
        validators=[MinValueValidator(Decimal("0.00"))],
        **MONEY,
    )
    discount_percent = models.DecimalField(
        _("discount %"),
        default=Decimal("0"),
        validators=[
            MinValueValidator(Decimal("0")),
            MaxValueValidator(Decimal("100")),
        ],
        **PERCENT,
    )
    tax_rate = models.DecimalField(
        _("VAT %"),
        default=Decimal("19"),
        validators=[
            MinValueValidator(Decimal("0")),
            MaxValueValidator(Decimal("100")),
        ],
        **PERCENT,
    )

    objects = OfferLineQuerySet.as_manager()

    class Meta:
        verbose_name = _("offer line")
        verbose_name_plural = _("offer lines")
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(unit_price__gte=0),
                name="offer_line_price_not_negative",
            ),
            models.CheckConstraint(
                condition=models.Q(discount_percent__gte=0)
                & models.Q(discount_percent__lte=100),
                name="offer_line_discount_0_to_100",
            ),
        ]

    def __str__(self):
        return f"{self.quantity} × {self.description}"

    @property
    def net_unit_price(self) -> Decimal:
        factor = (HUNDRED - self.discount_percent) / HUNDRED
        return (self.unit_price * factor).quantize(CENT, rounding=ROUND_HALF_UP)

    @property
    def line_net(self) -> Decimal:
        return (self.net_unit_price * self.quantity).quantize(CENT)

    @property
    def line_tax(self) -> Decimal:
        return (self.line_net * self.tax_rate / HUNDRED).quantize(
            CENT, rounding=ROUND_HALF_UP
        )
