import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from partner_portal.permissions import Role
from partner_portal.scoping import CompanyOwnedQuerySet


class Company(models.Model):
    """The tenant. (Oscar's `partner.Partner` is a supplier, not a company.)"""

    class Kind(models.TextChoices):
        CUSTOMER = "customer", _("Customer")
        DISTRIBUTOR = "distributor", _("Distributor")
        FRANCHISEE = "franchisee", _("Franchisee")

    class Tier(models.TextChoices):
        NONE = "", _("No tier")
        SILVER = "silver", _("Silver")
        GOLD = "gold", _("Gold")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name"), max_length=60, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    partner_tier = models.CharField(
        _("partner tier"), max_length=20, choices=Tier.choices, blank=True
    )
    customer_number = models.CharField(_("customer number"), max_length=30, unique=True)
    vat_id = models.CharField(_("VAT ID"), max_length=40, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)
    contact_person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("contact person at our side"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="managed_companies",
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("company")
        verbose_name_plural = _("companies")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                # Only partners have a tier.
                condition=models.Q(kind="customer", partner_tier="")
                | ~models.Q(kind="customer"),
                name="company_tier_only_for_partners",
            )
        ]

    def __str__(self):
        return self.name

    @property
    def is_partner(self) -> bool:
        return self.kind in (self.Kind.DISTRIBUTOR, self.Kind.FRANCHISEE)

    @property
    def billing_address(self):
        return self.addresses.filter(kind=CompanyAddress.Kind.BILLING).first()

    @property
    def delivery_addresses(self):
        return self.addresses.filter(kind=CompanyAddress.Kind.DELIVERY)


class CompanyOwnedModel(models.Model):
    """Base of every company-owned model: the only way to list its rows is
    `Model.objects.for_company(company)`."""

    company = models.ForeignKey(
        Company, verbose_name=_("company"), on_delete=models.PROTECT
    )

    objects = CompanyOwnedQuerySet.as_manager()

    class Meta:
        abstract = True


class CompanyAddress(CompanyOwnedModel):
    class Kind(models.TextChoices):
        BILLING = "billing", _("Billing address")
        DELIVERY = "delivery", _("Delivery address")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    label = models.CharField(_("label"), max_length=100, blank=True)
    line1 = models.CharField(_("street and number"), max_length=200)
    line2 = models.CharField(_("address line 2"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=20)
    city = models.CharField(_("city"), max_length=100)
    country = models.CharField(_("country code"), max_length=2, default="DE")
    # Offered first at checkout; company_profile keeps exactly one per company
    # that has delivery addresses.
    is_default_delivery = models.BooleanField(
        _("default delivery address"), default=False
    )

    class Meta:
        verbose_name = _("company address")
        verbose_name_plural = _("company addresses")
        ordering = ["kind", "label", "id"]
        default_related_name = "addresses"
        constraints = [
            models.UniqueConstraint(
                fields=["company"],
                condition=models.Q(is_default_delivery=True),
                name="company_one_default_delivery_address",
            ),
            models.CheckConstraint(
                condition=models.Q(is_default_delivery=False)
                | models.Q(kind="delivery"),
                name="company_default_address_is_delivery",
            ),
        ]

    def __str__(self):
        return ", ".join(
            part
            for part in (
                self.label,
                self.line1,
                self.line2,
                f"{self.postcode} {self.city}",
            )
            if part
        )


class Membership(CompanyOwnedModel):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["user__last_name", "user__first_name", "user__email"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "company"], name="membership_unique_user_company"
            )
        ]

    def __str__(self):
        return f"{self.user} @ {self.company} ({self.get_role_display()})"


def _new_token() -> str:
    return secrets.token_urlsafe(32)


class Invitation(CompanyOwnedModel):
    email = models.EmailField(_("email"))
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    token = models.CharField(
        max_length=64, unique=True, default=_new_token, editable=False
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.email} → {self.company}"

    @staticmethod
    def default_expiry():
        return timezone.now() + timedelta(days=settings.PORTAL_INVITATION_DAYS)

    @property
    def is_expired(self) -> bool:
        return timezone.now() >= self.expires_at

    @property
    def is_open(self) -> bool:
        return not self.accepted_at and not self.revoked_at and not self.is_expired


class TilePreference(models.Model):
    """A user's own arrangement of their start page: order and hidden tiles."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="tile_preference",
    )
    order = models.JSONField(default=list, blank=True)
    hidden = models.JSONField(default=list, blank=True)

    def __str__(self):
        return f"Tiles of {self.user}"


class UserPreference(models.Model):
    """A user's own settings that follow them across devices: the language
    chosen in the switcher is also the language of their mails and PDFs."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="preference",
    )
    # Checked against settings.LANGUAGES when stored (no choices here, so that
    # adding a language needs no migration).
    language = models.CharField(_("preferred language"), max_length=10, blank=True)

    class Meta:
        verbose_name = _("user preference")
        verbose_name_plural = _("user preferences")

    def __str__(self):
        return f"Preferences of {self.user}"


class Sequence(models.Model):
    """A gap-free counter per name and year (invoices, credit notes, offers,
    contracts, returns). Only partner_portal.numbering.next_number moves it,
    under a row lock inside the caller's transaction: a rolled-back document
    gives its number back."""

    name = models.CharField(max_length=20)
    year = models.PositiveIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("number sequence")
        verbose_name_plural = _("number sequences")
        constraints = [
            models.UniqueConstraint(
                fields=["name", "year"], name="sequence_unique_name_year"
            )
        ]

    def __str__(self):
        return f"{self.name} {self.year}: {self.last}"


hex_colour = RegexValidator(
    r"^#[0-9a-fA-F]{6}$", _("Enter a colour as # and six hex digits, e.g. #0d6efd.")
)
bic_format = RegexValidator(
    r"^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$",
    _("Enter a BIC of 8 or 11 capital letters and digits."),
)


def validate_iban(value: str) -> None:
    """An IBAN: country code, check digits and account, checked with the
    ISO 13616 modulo 97 rule (spaces allowed)."""
    compact = value.replace(" ", "").upper()
    valid = 15 <= len(compact) <= 34 and compact[:2].isalpha() and compact.isalnum()
    if valid:
        digits = "".join(str(int(char, 36)) for char in compact[4:] + compact[:4])
        valid = int(digits) % 97 == 1
    if not valid:
        raise ValidationError(_("Enter a valid IBAN."))


@register_setting(icon="image")
class Branding(BaseGenericSetting):
    """Corporate branding, edited by content editors in Wagtail's settings."""

    portal_name = models.CharField(
        _("portal name"), max_length=80, default="Partner Portal"
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    primary_colour = models.CharField(
        _("primary colour"), max_length=7, default="#0b5cad", validators=[hex_colour]
    )
    footer_text = models.CharField(_("footer text"), max_length=255, blank=True)
    # The issuer of invoices, credit notes, offers and certificates; an empty
    # field falls back to its PORTAL_ISSUER_* setting (partner_portal.issuer).
    issuer_name = models.CharField(_("legal name"), max_length=200, blank=True)
    issuer_address = models.TextField(
        _("address"), blank=True, help_text=_("One line per address line.")
    )
    issuer_vat_id = models.CharField(_("VAT ID"), max_length=40, blank=True)
    issuer_register = models.CharField(
        _("commercial register"),
        max_length=200,
        blank=True,
        help_text=_("Court and number, e.g. Amtsgericht Hamburg HRB 12345."),
    )
    issuer_email = models.EmailField(_("accounting email"), blank=True)
    issuer_bank_name = models.CharField(_("bank"), max_length=100, blank=True)
    issuer_iban = models.CharField(
        _("IBAN"), max_length=42, blank=True, validators=[validate_iban]
    )
    issuer_bic = models.CharField(
        _("BIC"), max_length=11, blank=True, validators=[bic_format]
    )
    payment_terms_days = models.PositiveSmallIntegerField(
        _("payment terms (days)"),
        null=True,
        blank=True,
        help_text=_("For companies without terms of their own."),
    )

    panels = [
        FieldPanel("portal_name"),
        FieldPanel("logo"),
        FieldPanel("primary_colour"),
        FieldPanel("footer_text"),
        MultiFieldPanel(
            [
                FieldPanel("issuer_name"),
                FieldPanel("issuer_address"),
                FieldPanel("issuer_vat_id"),
                FieldPanel("issuer_register"),
                FieldPanel("issuer_email"),
                FieldPanel("issuer_bank_name"),
                FieldPanel("issuer_iban"),
                FieldPanel("issuer_bic"),
                FieldPanel("payment_terms_days"),
            ],
            heading=_("Issuer of invoices and certificates"),
        ),
    ]

    class Meta:
        verbose_name = _("branding")
