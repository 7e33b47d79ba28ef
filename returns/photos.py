"""Checking photo uploads by their content: JPEG, PNG or WebP, at most
PORTAL_RETURN_PHOTO_MAX_MB megabytes and PORTAL_RETURN_PHOTO_MAX_PIXELS pixels.

The name and the browser's content type say nothing: an executable renamed
`.jpg` is refused because Pillow cannot read it as an image, and a small file
that unpacks into a 10,000 x 10,000 image (an image bomb) is refused from its
header, before a single pixel is decoded."""

import warnings
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

ALLOWED_FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}


@dataclass(frozen=True)
class CheckedPhoto:
    upload: object
    content_type: str
    extension: str
    width: int
    height: int
    size: int


def photo_check(upload) -> CheckedPhoto:
    """The upload as a checked photo, or ValidationError saying why not."""
    name = getattr(upload, "name", "") or _("the file")
    max_bytes = settings.PORTAL_RETURN_PHOTO_MAX_MB * 1024 * 1024
    if upload.size > max_bytes:
        raise ValidationError(
            _("%(name)s is %(size)s MB; a photo may have at most %(max)s MB.")
            % {
                "name": name,
                "size": f"{upload.size / 1024 / 1024:.1f}",
                "max": settings.PORTAL_RETURN_PHOTO_MAX_MB,
            },
            code="too_big",
        )
    not_an_image = ValidationError(
        _("%(name)s is not a JPEG, PNG or WebP image.") % {"name": name},
        code="not_an_image",
    )
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                image_format = image.format
                width, height = image.size
                if width * height > settings.PORTAL_RETURN_PHOTO_MAX_PIXELS:
                    raise _too_many_pixels(name, width, height)
                image.verify()
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise _too_many_pixels(name) from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise not_an_image from error
    finally:
        upload.seek(0)
    if image_format not in ALLOWED_FORMATS:
        raise not_an_image
    return CheckedPhoto(
        upload=upload,
        content_type=ALLOWED_FORMATS[image_format],
        extension=EXTENSIONS[image_format],
        width=width,
        height=height,
        size=upload.size,
    )


def _too_many_pixels(name, width=None, height=None):
    limit = settings.PORTAL_RETURN_PHOTO_MAX_PIXELS // 1_000_000
    if width:
        message = _(
            "%(name)s has %(width)s x %(height)s pixels; at most %(max)s megapixels "
            "are accepted."
        ) % {"name": name, "width": width, "height": height, "max": limit}
    else:
        message = _("%(name)s has too many pixels; at most %(max)s megapixels.") % {
            "name": name,
            "max": limit,
        }
    return ValidationError(message, code="too_many_pixels")
