"""Returns (RMA): a company asks to send back lines of a delivered order; the
returns desk approves or rejects, issues a label, books what arrived and
refunds (card), credits (on account) or replaces it."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from partner_portal.files import private_storage
from partner_portal.models import CompanyOwnedModel
from partner_portal.scoping import CompanyOwnedQuerySet

MONEY = {"max_digits": 12, "decimal_places": 2}


class ReturnRequest(CompanyOwnedModel):
    class Status(models.TextChoices):
        REQUESTED = "requested", pgettext_lazy("return status", "Requested")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        LABEL_ISSUED = "label_issued", _("Label issued")
        RECEIVED = "received", pgettext_lazy("return status", "Received")
        REFUNDED = "refunded", _("Refunded")
        CREDITED = "credited", _("Credited")
        REPLACED = "replaced", _("Replaced")
        CLOSED = "closed", _("Closed")

    class Reason(models.TextChoices):
        DAMAGED = "damaged", _("Damaged on arrival")
        WRONG_ITEM = "wrong_item", _("Wrong item")
        NOT_NEEDED = "not_needed", _("Not needed")
        DEFECTIVE = "defective", _("Defective")
        OTHER = "other", _("Other")

    number = models.CharField(_("RMA number"), max_length=20, unique=True)
    order = models.ForeignKey(
        "order.Order",
        verbose_name=_("order"),
        on_delete=models.PROTECT,
        related_name="return_requests",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.PROTECT,
        related_name="return_requests",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.REQUESTED
    )
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    comment = models.TextField(_("comment"), blank=True, max_length=2000)
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)
    label_pdf = models.FileField(
        storage=private_storage, upload_to="returns/labels/%Y/", blank=True
    )
    refund_amount = models.DecimalField(
        _("refunded amount"), null=True, blank=True, **MONEY
    )
    stripe_refund_id = models.CharField(max_length=255, blank=True)
    # The hidden token of the request form: a second submit of the same form
    # finds the return the first one made instead of making another.
    submission_key = models.CharField(max_length=64)
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last change"), auto_now=True)

    class Meta:
        verbose_name = _("return")
        verbose_name_plural = _("returns")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["company", "submission_key"], name="return_submission_once"
            )
        ]
        indexes = [
            models.Index(fields=["company", "-created_at"], name="return_company_new"),
            models.Index(fields=["status", "created_at"], name="return_status_age"),
        ]

    def __str__(self):
        return self.number

    @property
    def is_open(self) -> bool:
        return self.status not in (self.Status.REJECTED, self.Status.CLOSED)


class ReturnLineQuerySet(CompanyOwnedQuerySet):
    company_path = "return_request__company"


class ReturnLine(models.Model):
    class Condition(models.TextChoices):
        AS_NEW = "as_new", _("As new, unopened")
        OPENED = "opened", _("Opened, complete")
        DAMAGED = "damaged", _("Damaged")
        UNUSABLE = "unusable", _("Unusable")

    return_request = models.ForeignKey(
        ReturnRequest, on_delete=models.CASCADE, related_name="lines"
    )
    order_line = models.ForeignKey(
        "order.Line", on_delete=models.PROTECT, related_name="return_lines"
    )
    quantity = models.PositiveIntegerField(
        _("quantity"), validators=[MinValueValidator(1)]
    )
    received_quantity = models.PositiveIntegerField(
        _("received quantity"), null=True, blank=True
    )
    condition = models.CharField(
        _("condition"), max_length=20, choices=Condition.choices, blank=True
    )

    objects = ReturnLineQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["return_request", "order_line"], name="return_line_once"
            )
        ]


class ReturnPhotoQuerySet(CompanyOwnedQuerySet):
    company_path = "return_request__company"


class ReturnPhoto(models.Model):
    return_request = models.ForeignKey(
        ReturnRequest, on_delete=models.CASCADE, related_name="photos"
    )
    image = models.FileField(storage=private_storage, upload_to="returns/photos/%Y/")
    content_type = models.CharField(max_length=40)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    size = models.PositiveIntegerField()
    original_name = models.CharField(max_length=255, blank=True)

    objects = ReturnPhotoQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]


class ReturnEventQuerySet(CompanyOwnedQuerySet):
    company_path = "return_request__company"


class ReturnEvent(models.Model):
    """One step of a return: the timeline on its page and the audit trail."""

    return_request = models.ForeignKey(
        ReturnRequest, on_delete=models.CASCADE, related_name="events"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ReturnRequest.Status.choices
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("at"), auto_now_add=True)

    objects = ReturnEventQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]


class CreditNote(CompanyOwnedModel):
    """The credit for a return of an order on account; never changes once made."""

    return_request = models.OneToOneField(
        ReturnRequest, on_delete=models.PROTECT, related_name="credit_note"
    )
    number = models.CharField(_("number"), max_length=30, unique=True)
    amount = models.DecimalField(_("amount (gross)"), **MONEY)
    currency = models.CharField(max_length=12)
    pdf = models.FileField(storage=private_storage, upload_to="credit-notes/%Y/")
    sha256 = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("credit note")
        verbose_name_plural = _("credit notes")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.number


class ReturnPolicy(models.Model):
    """A return window for one product class; other products use the
    PORTAL_RETURN_WINDOW_DAYS default. 0 days: not returnable."""

    product_class = models.OneToOneField(
        "catalogue.ProductClass",
        verbose_name=_("product class"),
        on_delete=models.CASCADE,
        related_name="return_policy",
    )
    window_days = models.PositiveIntegerField(
        _("return window (days after delivery)"),
        help_text=_("0 means products of this class cannot be returned."),
    )

    class Meta:
        verbose_name = _("return policy")
        verbose_name_plural = _("return policies")

    def __str__(self):
        return f"{self.product_class}: {self.window_days}"
