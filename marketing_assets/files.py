"""Checking asset uploads by their content, never by name or the browser's word.

An asset's kind decides which content it may have: brochures, price sheets and
flyer templates are PDF (and readable by pypdf for co-brandable flyer
templates), logos and images are PNG, JPEG, WebP or GIF, videos are MP4
(`ftyp` box) or WebM (EBML header with doctype webm). Images and PDFs go
through the portal's one upload check (`partner_portal.uploads`, which also
refuses SVG); only videos are sniffed here. Everything is limited to
PORTAL_ASSET_MAX_UPLOAD_MB megabytes."""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from partner_portal import uploads

PDF = uploads.PDF
IMAGE_FORMATS = ("PNG", "JPEG", "WEBP", "GIF")
# ReportLab draws these onto flyers.
LOGO_FORMATS = ("JPEG", "PNG")
FAMILY_PDF = "pdf"
FAMILY_IMAGE = "image"
FAMILY_VIDEO = "video"
# Large assets are the norm; pixels only matter for the sizes Pillow refuses.
ASSET_MAX_PIXELS = 100_000_000


@dataclass(frozen=True)
class CheckedFile:
    content_type: str
    size: int
    sha256: str


def sniff_image(upload, formats=IMAGE_FORMATS) -> str | None:
    """The image's content type if Pillow reads it as one of `formats`."""
    return uploads.image_content_type(upload, tuple(formats))


def sniff_video(head: bytes) -> str | None:
    if len(head) >= 12 and head[4:8] == b"ftyp":
        return "video/mp4"
    if head.startswith(b"\x1a\x45\xdf\xa3") and b"webm" in head[:64]:
        return "video/webm"
    return None


def _facts(checked) -> CheckedFile:
    return CheckedFile(
        content_type=checked.content_type, size=checked.size, sha256=checked.sha256
    )


def _check_video(upload) -> CheckedFile:
    uploads.size_check(upload, max_mb=settings.PORTAL_ASSET_MAX_UPLOAD_MB)
    name = uploads.display_name(upload)
    content_type = sniff_video(uploads.read_head(upload))
    if content_type is None:
        raise ValidationError(
            _("%(name)s is not an MP4 or WebM video.") % {"name": name},
            code="not_video",
        )
    return CheckedFile(
        content_type=content_type, size=upload.size, sha256=uploads.sha256_of(upload)
    )


def check_asset_file(upload, *, family: str, pdf_must_parse=False) -> CheckedFile:
    """The facts of an upload of the given family ("pdf", "image", "video"),
    or ValidationError with the reason it is refused."""
    max_mb = settings.PORTAL_ASSET_MAX_UPLOAD_MB
    if family == FAMILY_VIDEO:
        return _check_video(upload)
    if family == FAMILY_PDF:
        checked = uploads.upload_check(upload, pdf=True, max_mb=max_mb)
        if pdf_must_parse and not uploads.pdf_is_readable(upload):
            raise ValidationError(
                _(
                    "%(name)s cannot be read as a PDF (damaged or encrypted), so it "
                    "cannot be co-branded."
                )
                % {"name": uploads.display_name(upload)},
                code="pdf_unreadable",
            )
        return _facts(checked)
    if family == FAMILY_IMAGE:
        return _facts(
            uploads.upload_check(
                upload,
                images=IMAGE_FORMATS,
                max_mb=max_mb,
                max_pixels=ASSET_MAX_PIXELS,
            )
        )
    raise ValueError(f"unknown family {family!r}")


def check_image(upload, *, formats=LOGO_FORMATS, max_mb=None) -> CheckedFile:
    """A logo or thumbnail: an image Pillow verifies, in one of `formats`."""
    return _facts(
        uploads.upload_check(
            upload,
            images=tuple(formats),
            max_mb=max_mb or settings.PORTAL_ASSET_MAX_UPLOAD_MB,
            max_pixels=ASSET_MAX_PIXELS,
        )
    )
