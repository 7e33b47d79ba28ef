"""The marketing-asset library: brochures, logos, images, videos, price sheets
and flyer templates for partners, in collections with tags.

Who sees an asset is the one audience rule (partner_portal.audience); when is
its validity window: expired campaign material is gone from lists, search and
downloads. Files live in the private storage and leave it only through the
checking views in `views.py`."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from taggit.models import TaggedItemBase

from partner_portal.audience import Audience, audience_field
from partner_portal.files import private_storage
from partner_portal.models import CompanyOwnedModel

PDF = "application/pdf"


class AssetCollection(models.Model):
    """A shelf of the library (e.g. "Spring campaign 2026"). Not called
    `Collection` so that it is not mistaken for Wagtail's media collections."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    description = models.TextField(_("description"), blank=True)
    ordering = models.PositiveSmallIntegerField(
        _("ordering"), default=100, help_text=_("Lower numbers come first.")
    )

    class Meta:
        verbose_name = _("asset collection")
        verbose_name_plural = _("asset collections")
        ordering = ["ordering", "name"]

    def __str__(self):
        return self.name


class AssetTag(TaggedItemBase):
    content_object = ParentalKey(
        "marketing_assets.Asset",
        on_delete=models.CASCADE,
        related_name="tagged_items",
    )


class AssetQuerySet(models.QuerySet):
    def current(self, *, today=None):
        """Assets inside their validity window today."""
        today = today or timezone.localdate()
        return self.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=today),
            Q(valid_until__isnull=True) | Q(valid_until__gte=today),
        )


def _asset_upload_to(instance, filename):
    return f"marketing-assets/{timezone.now():%Y/%m}/{filename}"


def _thumbnail_upload_to(instance, filename):
    return f"marketing-assets/thumbnails/{timezone.now():%Y/%m}/{filename}"


class Asset(ClusterableModel):
    class Kind(models.TextChoices):
        BROCHURE = "brochure", _("Brochure")
        LOGO = "logo", _("Logo")
        IMAGE = "image", _("Image")
        VIDEO = "video", _("Video")
        PRICE_SHEET = "price_sheet", _("Price sheet")
        FLYER_TEMPLATE = "flyer_template", _("Flyer template")

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    collection = models.ForeignKey(
        AssetCollection,
        verbose_name=_("collection"),
        on_delete=models.PROTECT,
        related_name="assets",
    )
    tags = ClusterTaggableManager(_("tags"), through=AssetTag, blank=True)
    audience = models.CharField(**audience_field(default=Audience.PARTNERS))
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(
        _("valid until"),
        null=True,
        blank=True,
        help_text=_("After this day the asset disappears from the library."),
    )
    is_featured = models.BooleanField(
        _("featured"),
        default=False,
        help_text=_("Shown first in the partner area."),
    )
    co_brandable = models.BooleanField(
        _("co-brandable flyer"),
        default=False,
        help_text=_(
            "Partners download this PDF stamped with their own name, logo and address."
        ),
    )
    file = models.FileField(
        _("file"), storage=private_storage, upload_to=_asset_upload_to, max_length=255
    )
    size = models.PositiveBigIntegerField(_("size (bytes)"), default=0, editable=False)
    content_type = models.CharField(
        _("content type"), max_length=100, blank=True, editable=False
    )
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True, editable=False)
    thumbnail = models.FileField(
        _("thumbnail"),
        storage=private_storage,
        upload_to=_thumbnail_upload_to,
        max_length=255,
        blank=True,
        help_text=_("Optional preview image (PNG, JPEG or WebP)."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = AssetQuerySet.as_manager()

    class Meta:
        verbose_name = _("marketing asset")
        verbose_name_plural = _("marketing assets")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["valid_until", "audience"])]

    def __str__(self):
        return self.title

    def clean(self):
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            raise ValidationError(
                {"valid_until": _("The end of validity lies before its start.")}
            )
        if self.co_brandable and self.content_type and self.content_type != PDF:
            raise ValidationError(
                {"co_brandable": _("Only a PDF file can be a co-brandable flyer.")}
            )

    @property
    def extension(self):
        return {
            PDF: "pdf",
            "image/png": "png",
            "image/jpeg": "jpg",
            "image/webp": "webp",
            "image/gif": "gif",
            "video/mp4": "mp4",
            "video/webm": "webm",
        }.get(self.content_type, "bin")

    def is_current(self, *, today=None):
        today = today or timezone.localdate()
        return (self.valid_from is None or self.valid_from <= today) and (
            self.valid_until is None or self.valid_until >= today
        )


class AssetDownload(CompanyOwnedModel):
    """One download of an asset by a member of a company: the download counts
    per company come from here."""

    asset = models.ForeignKey(
        Asset,
        verbose_name=_("asset"),
        on_delete=models.CASCADE,
        related_name="downloads",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    co_branded = models.BooleanField(_("co-branded flyer"), default=False)
    downloaded_at = models.DateTimeField(_("downloaded at"), default=timezone.now)

    class Meta:
        verbose_name = _("asset download")
        verbose_name_plural = _("asset downloads")
        ordering = ["-downloaded_at", "-pk"]
        indexes = [models.Index(fields=["asset", "company"])]

    def __str__(self):
        return f"{self.asset} · {self.company} · {self.downloaded_at:%Y-%m-%d}"


def _logo_upload_to(instance, filename):
    return f"marketing-assets/brands/{instance.company_id}/{filename}"


class PartnerBrand(CompanyOwnedModel):
    """What a partner's co-branded flyers show: one per company, kept by its
    company admin. Without one, flyers show the company's name and billing
    address."""

    display_name = models.CharField(_("name on flyers"), max_length=120)
    address = models.TextField(
        _("address"),
        max_length=400,
        blank=True,
        help_text=_("Up to four lines."),
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)
    website = models.URLField(_("website"), blank=True)
    logo = models.FileField(
        _("logo"),
        storage=private_storage,
        upload_to=_logo_upload_to,
        max_length=255,
        blank=True,
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("partner brand")
        verbose_name_plural = _("partner brands")
        constraints = [
            models.UniqueConstraint(fields=["company"], name="partner_brand_unique")
        ]

    def __str__(self):
        return self.display_name

    @property
    def address_lines(self) -> list[str]:
        return [line.strip() for line in self.address.splitlines() if line.strip()][:4]
