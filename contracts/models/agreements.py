"""Contracts and partner agreements, their documents, the prices they put
into the company's price list and the reminders sent about them."""

from datetime import date, timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from contracts.models.common import EXPIRING_DAYS, MONEY
from contracts.models.offers import OfferVersion
from partner_portal.files import private_storage
from partner_portal.models import CompanyOwnedModel
from partner_portal.scoping import CompanyOwnedQuerySet


class ContractQuerySet(CompanyOwnedQuerySet):
    def active_on(self, day: date):
        return self.filter(start_date__lte=day, end_date__gte=day)


class Contract(CompanyOwnedModel):
    """A contract with a customer, or a partner agreement with a distributor or
    franchisee."""

    class Kind(models.TextChoices):
        CONTRACT = "contract", _("Contract")
        PARTNER_AGREEMENT = "partner_agreement", _("Partner agreement")

    class State(models.TextChoices):
        UPCOMING = "upcoming", _("Not started yet")
        ACTIVE = "active", _("Active")
        EXPIRING = "expiring", _("Expiring")
        ENDED = "ended", _("Ended")

    number = models.CharField(_("number"), max_length=30, unique=True, blank=True)
    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind.choices, default=Kind.CONTRACT
    )
    title = models.CharField(_("title"), max_length=200)
    start_date = models.DateField(_("start"))
    end_date = models.DateField(_("end"))
    notice_days = models.PositiveSmallIntegerField(
        _("notice period (days)"), default=90, validators=[MaxValueValidator(730)]
    )
    renewal_terms = models.TextField(_("renewal terms"), max_length=2000, blank=True)
    offer_version = models.OneToOneField(
        OfferVersion,
        verbose_name=_("accepted offer"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contract",
    )
    contact_person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("contact person at our side"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Set once the offer prices this contract granted were taken back.
    prices_released_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ContractQuerySet.as_manager()

    class Meta:
        verbose_name = _("contract")
        verbose_name_plural = _("contracts")
        ordering = ["end_date", "pk"]
        indexes = [models.Index(fields=["company", "end_date"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="contract_ends_after_start",
            )
        ]

    def __str__(self):
        return f"{self.number} {self.title}"

    @property
    def notice_date(self) -> date:
        """The last day on which notice can still be given."""
        return self.end_date - timedelta(days=self.notice_days)

    def state_on(self, day: date) -> str:
        if day < self.start_date:
            return self.State.UPCOMING
        if day > self.end_date:
            return self.State.ENDED
        if (self.end_date - day).days <= EXPIRING_DAYS:
            return self.State.EXPIRING
        return self.State.ACTIVE

    @property
    def state(self) -> str:
        return self.state_on(timezone.localdate())

    @property
    def state_label(self) -> str:
        return self.State(self.state).label

    @property
    def days_left(self) -> int:
        return (self.end_date - timezone.localdate()).days


class ContractDocumentQuerySet(CompanyOwnedQuerySet):
    company_path = "contract__company"


class ContractDocument(models.Model):
    """A further document of a contract (annex, signed copy), kept privately."""

    contract = models.ForeignKey(
        Contract, on_delete=models.CASCADE, related_name="documents"
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(storage=private_storage, upload_to="contracts/%Y/")
    sha256 = models.CharField(max_length=64)
    size = models.PositiveIntegerField(default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ContractDocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("contract document")
        verbose_name_plural = _("contract documents")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.title


class ContractPriceQuerySet(CompanyOwnedQuerySet):
    company_path = "contract__company"


class ContractPrice(models.Model):
    """An offer price a contract put into the company's price list, and the
    price it replaced, so that it can be taken back when the contract ends."""

    contract = models.ForeignKey(
        Contract, on_delete=models.CASCADE, related_name="prices"
    )
    product = models.ForeignKey(
        "catalogue.Product", on_delete=models.PROTECT, related_name="+"
    )
    price = models.DecimalField(**MONEY)
    previous_price = models.DecimalField(null=True, blank=True, **MONEY)
    # The replaced price's own VAT rate (None: the standard rate), restored
    # with it: a product the company bought at 7 % goes back to 7 %.
    previous_vat_rate = models.DecimalField(
        max_digits=5, decimal_places=2, null=True, blank=True
    )

    objects = ContractPriceQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["contract", "product"], name="contract_price_unique_product"
            )
        ]


class ContractReminderQuerySet(CompanyOwnedQuerySet):
    company_path = "contract__company"


class ContractReminder(models.Model):
    """A reminder already sent (or skipped as outdated), so none goes twice."""

    class Kind(models.TextChoices):
        END = "end", _("Contract ends")
        NOTICE = "notice", _("Notice period starts")

    contract = models.ForeignKey(
        Contract, on_delete=models.CASCADE, related_name="reminders"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    days = models.PositiveSmallIntegerField()
    # False when a later reminder was due at the same time and went instead.
    sent = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ContractReminderQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["contract", "kind", "days"], name="contract_reminder_once"
            )
        ]
