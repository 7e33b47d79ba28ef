from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from partner_portal.files import private_storage  # noqa: F401  named by migrations
from partner_portal.models import CompanyOwnedModel
from partner_portal.money import default_currency

MONEY = {"max_digits": 12, "decimal_places": 2}


class CompanyPrice(CompanyOwnedModel):
    """A company's own price for a product; it overrides the list price."""

    product = models.ForeignKey(
        "catalogue.Product", on_delete=models.CASCADE, related_name="company_prices"
    )
    price = models.DecimalField(
        _("price (net)"), validators=[MinValueValidator(Decimal("0.00"))], **MONEY
    )
    currency = models.CharField(_("currency"), max_length=3, default=default_currency)
    # An offer may grant a product at a reduced rate (7 % instead of 19 %):
    # the shop charges the rate stored here; empty means the standard rate.
    vat_rate = models.DecimalField(
        _("VAT %"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[
            MinValueValidator(Decimal("0")),
            MaxValueValidator(Decimal("100")),
        ],
    )

    class Meta:
        verbose_name = _("company price")
        verbose_name_plural = _("company prices")
        constraints = [
            models.UniqueConstraint(
                fields=["company", "product"], name="company_price_unique_product"
            )
        ]

    def __str__(self):
        return f"{self.company}: {self.product} = {self.price}"


class CompanyAccount(CompanyOwnedModel):
    """Payment terms of a company: may it buy on account, and up to what."""

    credit_limit = models.DecimalField(
        _("credit limit for orders on account"),
        default=Decimal("0.00"),
        validators=[MinValueValidator(Decimal("0.00"))],
        **MONEY,
    )
    currency = models.CharField(_("currency"), max_length=3, default=default_currency)
    payment_terms_days = models.PositiveSmallIntegerField(
        _("payment terms (days)"), default=30
    )

    class Meta:
        verbose_name = _("company account")
        constraints = [
            models.UniqueConstraint(fields=["company"], name="company_account_unique")
        ]

    def __str__(self):
        return f"{self.company}: {self.credit_limit}"


class Budget(CompanyOwnedModel):
    """A buyer's monthly budget, optionally only for one cost centre."""

    buyer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="budgets"
    )
    cost_centre = models.CharField(_("cost centre"), max_length=35, blank=True)
    monthly_amount = models.DecimalField(
        _("monthly budget (gross)"),
        validators=[MinValueValidator(Decimal("0.00"))],
        **MONEY,
    )
    currency = models.CharField(_("currency"), max_length=3, default=default_currency)

    class Meta:
        verbose_name = _("budget")
        verbose_name_plural = _("budgets")
        ordering = ["buyer__email", "cost_centre"]
        constraints = [
            models.UniqueConstraint(
                fields=["company", "buyer", "cost_centre"],
                name="budget_unique_buyer_centre",
            )
        ]

    def __str__(self):
        return f"{self.buyer} {self.cost_centre or '*'}: {self.monthly_amount}"


class OrderApproval(CompanyOwnedModel):
    """An order held back because it exceeds the buyer's budget: its basket is
    frozen until an approver decides."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting approval")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    basket = models.OneToOneField(
        "basket.Basket", on_delete=models.PROTECT, related_name="approval"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    total = models.DecimalField(_("total (gross)"), **MONEY)
    currency = models.CharField(max_length=12, default=default_currency)
    budget_left = models.DecimalField(_("budget left when requested"), **MONEY)
    purchase_order_number = models.CharField(
        _("purchase order number"), max_length=35, blank=True
    )
    cost_centre = models.CharField(_("cost centre"), max_length=35, blank=True)
    delivery_address = models.ForeignKey(
        "partner_portal.CompanyAddress", on_delete=models.PROTECT, related_name="+"
    )
    payment_method = models.CharField(max_length=20)
    order = models.OneToOneField(
        "order.Order",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("order approval")
        verbose_name_plural = _("order approvals")
        ordering = ["-created_at"]

    def __str__(self):
        return f"Approval {self.pk} ({self.status})"


class OrderApprovalEvent(models.Model):
    """The approval's timeline and audit trail."""

    approval = models.ForeignKey(
        OrderApproval, on_delete=models.CASCADE, related_name="events"
    )
    status = models.CharField(max_length=20, choices=OrderApproval.Status.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    comment = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]


class Invoice(CompanyOwnedModel):
    """The invoice PDF of an order, rendered once and stored privately."""

    order = models.OneToOneField(
        "order.Order", on_delete=models.PROTECT, related_name="invoice"
    )
    number = models.CharField(max_length=30, unique=True)
    pdf = models.FileField(storage=private_storage, upload_to="invoices/%Y/")
    sha256 = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.number


class StripeEvent(models.Model):
    """Webhook events already handled: Stripe retries, and replays must be no-ops."""

    event_id = models.CharField(max_length=255, unique=True)
    event_type = models.CharField(max_length=100)
    received_at = models.DateTimeField(auto_now_add=True)
