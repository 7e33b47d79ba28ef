"""What happened to an offer: its timeline and the customer's acceptance."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from contracts.models.offers import Offer, OfferVersion
from partner_portal.models import CompanyOwnedModel
from partner_portal.scoping import CompanyOwnedQuerySet


class OfferEventQuerySet(CompanyOwnedQuerySet):
    company_path = "offer__company"


class OfferEvent(models.Model):
    """The offer's timeline and audit trail, written by the services."""

    class Kind(models.TextChoices):
        CREATED = "created", _("Draft created")
        SAVED = "saved", _("Draft saved")
        NEW_VERSION = "new_version", _("New version started")
        RENDER_FAILED = "render_failed", _("PDF could not be rendered")
        SENT = "sent", _("Sent")
        SUPERSEDED = "superseded", _("Superseded by a newer version")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        EXPIRED = "expired", _("Expired")
        TO_BASKET = "to_basket", _("Lines put into a basket")

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="events")
    version = models.ForeignKey(
        OfferVersion,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="events",
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    comment = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = OfferEventQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.offer} {self.kind}"


class Acceptance(CompanyOwnedModel):
    """Who accepted which exact version, when, from where."""

    version = models.OneToOneField(
        OfferVersion, on_delete=models.PROTECT, related_name="acceptance"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    typed_name = models.CharField(_("name typed"), max_length=200)
    terms_accepted = models.BooleanField(default=False)
    accepted_at = models.DateTimeField(default=timezone.now)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=500, blank=True)
    # SHA-256 of the version's PDF file and of its content, as accepted.
    sha256 = models.CharField(max_length=64)
    content_sha256 = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("acceptance")
        verbose_name_plural = _("acceptances")

    def __str__(self):
        return f"{self.version} accepted by {self.user}"
