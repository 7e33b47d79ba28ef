"""Writes of the asset library: assets with checked files, download records,
partner brands and co-branded flyers."""

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.text import get_valid_filename, slugify
from django.utils.translation import gettext as _

from marketing_assets import cobrand, files
from marketing_assets.models import Asset, AssetDownload, PartnerBrand
from marketing_assets.selectors import brand_facts

KIND_FAMILY = {
    Asset.Kind.BROCHURE: files.FAMILY_PDF,
    Asset.Kind.PRICE_SHEET: files.FAMILY_PDF,
    Asset.Kind.FLYER_TEMPLATE: files.FAMILY_PDF,
    Asset.Kind.LOGO: files.FAMILY_IMAGE,
    Asset.Kind.IMAGE: files.FAMILY_IMAGE,
    Asset.Kind.VIDEO: files.FAMILY_VIDEO,
}
THUMBNAIL_FORMATS = ("PNG", "JPEG", "WEBP")
THUMBNAIL_MAX_MB = 5
LOGO_MAX_MB = 5


class FlyerError(Exception):
    pass


def asset_file_check(*, kind: str, co_brandable: bool, upload) -> files.CheckedFile:
    """The upload's facts if its content fits the asset's kind (PDF for
    brochures, price sheets and flyer templates; an image for logos and
    images; MP4 or WebM for videos) and the size limit; a co-brandable flyer
    must also be a PDF that pypdf can read. Raises ValidationError with the
    reason otherwise."""
    family = KIND_FAMILY.get(kind)
    if family is None:
        raise ValidationError(_("Choose the kind of asset first."), code="no_kind")
    if co_brandable and family != files.FAMILY_PDF:
        raise ValidationError(
            _("Only a PDF file can be a co-brandable flyer."), code="not_pdf"
        )
    return files.check_asset_file(upload, family=family, pdf_must_parse=co_brandable)


def thumbnail_check(*, upload) -> files.CheckedFile:
    """A thumbnail is a PNG, JPEG or WebP image of at most 5 MB."""
    return files.check_image(upload, formats=THUMBNAIL_FORMATS, max_mb=THUMBNAIL_MAX_MB)


def asset_apply_file_facts(*, asset: Asset, checked: files.CheckedFile) -> None:
    asset.size = checked.size
    asset.content_type = checked.content_type
    asset.sha256 = checked.sha256


def asset_create(
    *,
    title: str,
    kind: str,
    collection,
    upload,
    filename: str,
    audience: str,
    description: str = "",
    tags: list[str] | tuple[str, ...] = (),
    valid_from=None,
    valid_until=None,
    co_brandable: bool = False,
    is_featured: bool = False,
    thumbnail=None,
) -> Asset:
    """A new asset whose file passed `asset_file_check` (ValidationError
    otherwise, and nothing is stored)."""
    checked = asset_file_check(kind=kind, co_brandable=co_brandable, upload=upload)
    if thumbnail is not None:
        thumbnail_check(upload=thumbnail)
    asset = Asset(
        title=title,
        description=description,
        kind=kind,
        collection=collection,
        audience=audience,
        valid_from=valid_from,
        valid_until=valid_until,
        co_brandable=co_brandable,
        is_featured=is_featured,
    )
    asset_apply_file_facts(asset=asset, checked=checked)
    upload.seek(0)
    asset.file.save(get_valid_filename(filename), upload, save=False)
    if thumbnail is not None:
        thumbnail.seek(0)
        asset.thumbnail.save(
            get_valid_filename(getattr(thumbnail, "name", "") or "thumbnail"),
            thumbnail,
            save=False,
        )
    if tags:
        asset.tags.set(list(tags))
    asset.full_clean()
    with transaction.atomic():
        # Saves the asset and its tags (the cluster) together.
        asset.save()
    return asset


def asset_files_discard(*, names) -> None:
    """Delete stored files that no asset points to any more (a replaced or
    deleted asset's file and thumbnail), once the change is committed."""
    storage = Asset._meta.get_field("file").storage
    names = [name for name in names if name]

    def _delete():
        for name in names:
            storage.delete(name)

    if names:
        transaction.on_commit(_delete)


def asset_download_record(*, asset: Asset, company, user, co_branded=False):
    """Count a download by a company member. Staff have no company: their
    downloads (checks of the material) are not counted."""
    if company is None:
        return None
    return AssetDownload.objects.create(
        asset=asset, company=company, user=user, co_branded=co_branded
    )


def asset_download_filename(asset: Asset, *, suffix="") -> str:
    stem = slugify(asset.title)[:80] or f"asset-{asset.pk}"
    return f"{stem}{suffix}.{asset.extension}"


def partner_brand_save(
    *,
    company,
    display_name: str,
    address: str = "",
    phone: str = "",
    email: str = "",
    website: str = "",
    logo=None,
    remove_logo: bool = False,
) -> PartnerBrand:
    """Create or update the company's one PartnerBrand. A new logo must be a
    PNG or JPEG of at most 5 MB (checked by content; ValidationError
    otherwise, and the old brand stays as it was)."""
    if logo is not None:
        files.check_image(logo, max_mb=LOGO_MAX_MB)
    with transaction.atomic():
        brand = PartnerBrand.objects.for_company(
            company
        ).select_for_update().first() or PartnerBrand(company=company)
        brand.display_name = display_name
        brand.address = address
        brand.phone = phone
        brand.email = email
        brand.website = website
        brand.full_clean(exclude=["logo"])
        old_logo = brand.logo.name if brand.logo else ""
        if logo is not None:
            logo.seek(0)
            brand.logo.save(
                get_valid_filename(getattr(logo, "name", "") or "logo"),
                logo,
                save=False,
            )
        elif remove_logo:
            brand.logo = ""
        brand.save()
    if old_logo and old_logo != (brand.logo.name if brand.logo else ""):
        storage = brand.logo.storage
        transaction.on_commit(lambda: storage.delete(old_logo))
    return brand


def flyer_render(*, asset: Asset, company, sample_name: str = "") -> bytes:
    """The co-brandable flyer template stamped with `company`'s brand (or,
    for staff checking the layout, a sample name). Raises FlyerError for an
    asset that is not a co-brandable PDF or cannot be read."""
    if not asset.co_brandable or asset.content_type != files.PDF:
        raise FlyerError(_("This asset is not a co-brandable flyer."))
    if company is not None:
        brand = brand_facts(company=company)
    else:
        brand = cobrand.BrandFacts(
            name=sample_name,
            address_lines=[_("Sample street 1"), _("12345 Sample city")],
            contact_lines=["+00 000 000000", "partner@example.com"],
        )
    try:
        with asset.file.open("rb") as template:
            data = ContentFile(template.read())
        return cobrand.flyer_pdf(data, brand, title=asset.title)
    except Exception as error:  # pypdf raises many kinds on a damaged file
        raise FlyerError(_("The flyer template could not be read.")) from error
