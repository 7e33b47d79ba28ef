"""Checking uploads by their content, never by name or the browser's word.

An asset's kind decides which content it may have: brochures, price sheets and
flyer templates are PDF (`%PDF-` header, and readable by pypdf for flyer
templates), logos and images are PNG, JPEG, WebP or GIF (Pillow verifies them),
videos are MP4 (`ftyp` box) or WebM (EBML header with doctype webm). SVG is
refused: it is a document that can carry scripts. Everything is limited to
PORTAL_ASSET_MAX_UPLOAD_MB megabytes."""

import hashlib
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

PDF = "application/pdf"
IMAGE_FORMATS = {
    "PNG": "image/png",
    "JPEG": "image/jpeg",
    "WEBP": "image/webp",
    "GIF": "image/gif",
}
# ReportLab draws these onto flyers.
LOGO_FORMATS = {"PNG": "image/png", "JPEG": "image/jpeg"}
FAMILY_PDF = "pdf"
FAMILY_IMAGE = "image"
FAMILY_VIDEO = "video"


@dataclass(frozen=True)
class CheckedFile:
    content_type: str
    size: int
    sha256: str


def _name(upload):
    return getattr(upload, "name", "") or _("the file")


def _head(upload, length=1024) -> bytes:
    upload.seek(0)
    head = upload.read(length)
    upload.seek(0)
    return head


def _sha256(upload) -> str:
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in iter(lambda: upload.read(1024 * 1024), b""):
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


def check_size(upload, *, max_mb=None):
    max_mb = max_mb or settings.PORTAL_ASSET_MAX_UPLOAD_MB
    if upload.size > max_mb * 1024 * 1024:
        raise ValidationError(
            _("%(name)s is %(size)s MB; at most %(max)s MB are accepted.")
            % {
                "name": _name(upload),
                "size": f"{upload.size / 1024 / 1024:.1f}",
                "max": max_mb,
            },
            code="too_big",
        )
    if upload.size == 0:
        raise ValidationError(
            _("%(name)s is empty.") % {"name": _name(upload)}, code="empty"
        )


def _looks_like_svg(head: bytes) -> bool:
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return text.startswith(b"<") and b"<svg" in head.lower()


def sniff_image(upload, formats=IMAGE_FORMATS) -> str | None:
    """The image's content type if Pillow reads it as one of `formats`."""
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                image_format = image.format
                image.verify()
    except (
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
        UnidentifiedImageError,
        OSError,
        SyntaxError,
        ValueError,
    ):
        return None
    finally:
        upload.seek(0)
    return formats.get(image_format)


def sniff_video(head: bytes) -> str | None:
    if len(head) >= 12 and head[4:8] == b"ftyp":
        return "video/mp4"
    if head.startswith(b"\x1a\x45\xdf\xa3") and b"webm" in head[:64]:
        return "video/webm"
    return None


def sniff_pdf(head: bytes) -> str | None:
    return PDF if head.startswith(b"%PDF-") else None


def pdf_is_readable(upload) -> bool:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    upload.seek(0)
    try:
        reader = PdfReader(upload)
        if reader.is_encrypted:
            return False
        return len(reader.pages) > 0
    except (PyPdfError, OSError, ValueError, KeyError, TypeError):
        return False
    finally:
        upload.seek(0)


def check_asset_file(upload, *, family: str, pdf_must_parse=False) -> CheckedFile:
    """The facts of an upload of the given family ("pdf", "image", "video"),
    or ValidationError with the reason it is refused."""
    check_size(upload)
    name = _name(upload)
    head = _head(upload)
    if _looks_like_svg(head):
        raise ValidationError(
            _(
                "%(name)s is an SVG drawing; SVG files can carry scripts and are "
                "not accepted. Upload a PNG instead."
            )
            % {"name": name},
            code="svg",
        )
    if family == FAMILY_PDF:
        content_type = sniff_pdf(head)
        if content_type is None:
            raise ValidationError(
                _("%(name)s is not a PDF document.") % {"name": name}, code="not_pdf"
            )
        if pdf_must_parse and not pdf_is_readable(upload):
            raise ValidationError(
                _(
                    "%(name)s cannot be read as a PDF (damaged or encrypted), so it "
                    "cannot be co-branded."
                )
                % {"name": name},
                code="pdf_unreadable",
            )
    elif family == FAMILY_IMAGE:
        content_type = sniff_image(upload)
        if content_type is None:
            raise ValidationError(
                _("%(name)s is not a PNG, JPEG, WebP or GIF image.") % {"name": name},
                code="not_image",
            )
    elif family == FAMILY_VIDEO:
        content_type = sniff_video(head)
        if content_type is None:
            raise ValidationError(
                _("%(name)s is not an MP4 or WebM video.") % {"name": name},
                code="not_video",
            )
    else:
        raise ValueError(f"unknown family {family!r}")
    return CheckedFile(
        content_type=content_type, size=upload.size, sha256=_sha256(upload)
    )


def check_image(upload, *, formats=LOGO_FORMATS, max_mb=None) -> CheckedFile:
    """A logo or thumbnail: an image Pillow verifies, in one of `formats`."""
    check_size(upload, max_mb=max_mb)
    name = _name(upload)
    if _looks_like_svg(_head(upload)):
        raise ValidationError(
            _(
                "%(name)s is an SVG drawing; SVG files can carry scripts and are "
                "not accepted. Upload a PNG instead."
            )
            % {"name": name},
            code="svg",
        )
    content_type = sniff_image(upload, formats)
    if content_type is None:
        labels = ", ".join(sorted(formats))
        raise ValidationError(
            _("%(name)s is not an image of these types: %(types)s.")
            % {"name": name, "types": labels},
            code="not_image",
        )
    return CheckedFile(
        content_type=content_type, size=upload.size, sha256=_sha256(upload)
    )
