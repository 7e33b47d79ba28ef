"""The one check for uploaded images and PDFs, by content, never by the file's
name or the browser's word.

Callers say what they accept: `upload_check(upload, images=("JPEG", "PNG"),
pdf=True, max_mb=10, max_pixels=40_000_000)`. An image is what Pillow reads
and verifies in one of the named formats; a small file that would unpack into
a huge bitmap (a decompression bomb) is refused from its header, before a
pixel is decoded. A PDF starts with `%PDF-` and, if asked, must be readable
by pypdf (not damaged, not encrypted). SVG is refused: it is a document that
can carry scripts. Every refusal is a ValidationError naming the file and the
reason, with a code: too_big, empty, svg, not_image, not_pdf, not_allowed,
too_many_pixels, pdf_unreadable.
"""

import hashlib
import warnings
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

PDF = "application/pdf"
# Pillow's format name -> (content type, extension, name shown to people)
IMAGE_FORMATS = {
    "JPEG": ("image/jpeg", "jpg", "JPEG"),
    "PNG": ("image/png", "png", "PNG"),
    "WEBP": ("image/webp", "webp", "WebP"),
    "GIF": ("image/gif", "gif", "GIF"),
}
# Pillow warns above its own pixel limit and raises beyond twice that; both
# are refusals here. A caller's lower max_pixels is checked from the header.
_BOMB_ERRORS = (Image.DecompressionBombError, Image.DecompressionBombWarning)
_UNREADABLE = (UnidentifiedImageError, OSError, SyntaxError, ValueError)


@dataclass(frozen=True)
class CheckedUpload:
    upload: object
    content_type: str
    extension: str
    size: int
    sha256: str
    width: int | None = None
    height: int | None = None

    @property
    def is_pdf(self) -> bool:
        return self.content_type == PDF


def display_name(upload) -> str:
    return getattr(upload, "name", "") or _("the file")


def read_head(upload, length=1024) -> bytes:
    upload.seek(0)
    head = upload.read(length)
    upload.seek(0)
    return head


def sha256_of(upload) -> str:
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in iter(lambda: upload.read(1024 * 1024), b""):
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


def looks_like_svg(head: bytes) -> bool:
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return text.startswith(b"<") and b"<svg" in head.lower()


def size_check(upload, *, max_mb) -> None:
    """Refuses an empty upload and one over `max_mb` megabytes, without
    reading it."""
    name = display_name(upload)
    if upload.size > max_mb * 1024 * 1024:
        raise ValidationError(
            _("%(name)s is %(size)s MB; at most %(max)s MB are accepted.")
            % {"name": name, "size": f"{upload.size / 1024 / 1024:.1f}", "max": max_mb},
            code="too_big",
        )
    if upload.size == 0:
        raise ValidationError(_("%(name)s is empty.") % {"name": name}, code="empty")


def image_sniff(upload, formats) -> tuple[str, int, int] | None:
    """(Pillow format, width, height) if Pillow verifies the upload as one of
    `formats`, else None. Decompression bombs raise DecompressionBombError."""
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                image_format = image.format
                width, height = image.size
                image.verify()
    except _BOMB_ERRORS as error:
        raise Image.DecompressionBombError(str(error)) from error
    except _UNREADABLE:
        return None
    finally:
        upload.seek(0)
    if image_format not in formats:
        return None
    return image_format, width, height


def image_content_type(upload, formats) -> str | None:
    """The content type of a stored image in one of `formats`, or None (also
    for a bomb): for views that serve an image back."""
    try:
        sniffed = image_sniff(upload, formats)
    except Image.DecompressionBombError:
        return None
    return IMAGE_FORMATS[sniffed[0]][0] if sniffed else None


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


def _type_names(images, pdf):
    names = [IMAGE_FORMATS[key][2] for key in images]
    return ", ".join([*names, "PDF"] if pdf else names)


def _too_many_pixels(name, max_pixels, width=None, height=None):
    limit = max_pixels // 1_000_000
    if width is None:
        message = _("%(name)s has too many pixels; at most %(max)s megapixels.")
        params = {"name": name, "max": limit}
    else:
        message = _(
            "%(name)s has %(width)s x %(height)s pixels; at most %(max)s megapixels "
            "are accepted."
        )
        params = {"name": name, "width": width, "height": height, "max": limit}
    return ValidationError(message % params, code="too_many_pixels")


def upload_check(
    upload,
    *,
    images=(),
    pdf=False,
    max_mb: float,
    max_pixels: int = 40_000_000,
    pdf_must_parse=False,
) -> CheckedUpload:
    """The upload as a CheckedUpload if it is an image in one of `images`
    (Pillow format names, keys of IMAGE_FORMATS) or, with `pdf`, a PDF; at
    most `max_mb` megabytes and, for images, `max_pixels` pixels.

    Raises ValidationError with the reason (see the module docstring)."""
    unknown = set(images) - set(IMAGE_FORMATS)
    if unknown or not (images or pdf):
        raise ValueError(f"nothing or unknown formats to accept: {unknown or images}")
    size_check(upload, max_mb=max_mb)
    name = display_name(upload)
    head = read_head(upload)
    if looks_like_svg(head):
        raise ValidationError(
            _(
                "%(name)s is an SVG drawing; SVG files can carry scripts and are "
                "not accepted. Upload a PNG instead."
            )
            % {"name": name},
            code="svg",
        )
    if pdf and head.startswith(b"%PDF-"):
        if pdf_must_parse and not pdf_is_readable(upload):
            raise ValidationError(
                _("%(name)s cannot be read as a PDF (it is damaged or encrypted).")
                % {"name": name},
                code="pdf_unreadable",
            )
        return CheckedUpload(
            upload=upload,
            content_type=PDF,
            extension="pdf",
            size=upload.size,
            sha256=sha256_of(upload),
        )
    if not images:
        raise ValidationError(
            _("%(name)s is not a PDF document.") % {"name": name}, code="not_pdf"
        )
    try:
        sniffed = image_sniff(upload, images)
    except Image.DecompressionBombError as error:
        raise _too_many_pixels(name, max_pixels) from error
    if sniffed is None:
        if pdf:
            message = _("%(name)s is not a file of these types: %(types)s.")
            code = "not_allowed"
        else:
            message = _("%(name)s is not an image of these types: %(types)s.")
            code = "not_image"
        raise ValidationError(
            message % {"name": name, "types": _type_names(images, pdf)}, code=code
        )
    image_format, width, height = sniffed
    if width * height > max_pixels:
        raise _too_many_pixels(name, max_pixels, width, height)
    content_type, extension, _label = IMAGE_FORMATS[image_format]
    return CheckedUpload(
        upload=upload,
        content_type=content_type,
        extension=extension,
        size=upload.size,
        sha256=sha256_of(upload),
        width=width,
        height=height,
    )
