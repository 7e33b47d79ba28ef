"""Checking forum image uploads by their content: JPEG, PNG, GIF or WebP, at
most PORTAL_FORUM_MAX_IMAGE_MB megabytes and MAX_PIXELS pixels.

The file name and the browser's content type are ignored: a script renamed
`.png` is refused because Pillow cannot read it as an image, and a small file
that would unpack into a huge picture (a decompression bomb) is refused from
its header, before its pixels are decoded.
"""

import warnings
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

FORMATS = {
    "JPEG": ("image/jpeg", "jpg"),
    "PNG": ("image/png", "png"),
    "GIF": ("image/gif", "gif"),
    "WEBP": ("image/webp", "webp"),
}
MAX_PIXELS = 25_000_000


@dataclass(frozen=True)
class CheckedImage:
    upload: object
    content_type: str
    extension: str
    width: int
    height: int
    size: int


def image_check(upload) -> CheckedImage:
    """The upload as a checked image, or ValidationError saying why not."""
    max_mb = settings.PORTAL_FORUM_MAX_IMAGE_MB
    if upload.size > max_mb * 1024 * 1024:
        raise ValidationError(
            _("The image is %(size)s MB; at most %(max)s MB are allowed.")
            % {"size": f"{upload.size / 1024 / 1024:.1f}", "max": max_mb},
            code="too_big",
        )
    wrong_type = ValidationError(
        _("This file is not an image of type JPEG, PNG, GIF or WebP."),
        code="wrong_type",
    )
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            # Pillow warns (and raises beyond twice its own limit) about bombs.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                image_format = image.format
                width, height = image.size
                if width * height > MAX_PIXELS:
                    raise _too_many_pixels(width, height)
                image.verify()
    except (Image.DecompressionBombWarning, Image.DecompressionBombError) as exc:
        raise _too_many_pixels(None, None) from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise wrong_type from exc
    finally:
        upload.seek(0)
    if image_format not in FORMATS:
        raise wrong_type
    content_type, extension = FORMATS[image_format]
    return CheckedImage(
        upload=upload,
        content_type=content_type,
        extension=extension,
        width=width,
        height=height,
        size=upload.size,
    )


def _too_many_pixels(width, height):
    if width is None:
        message = _("The image is too large in pixels (at most %(max)s megapixels).")
        params = {"max": MAX_PIXELS // 1_000_000}
    else:
        message = _(
            "The image has %(width)s × %(height)s pixels; at most %(max)s "
            "megapixels are allowed."
        )
        params = {"width": width, "height": height, "max": MAX_PIXELS // 1_000_000}
    return ValidationError(message % params, code="too_many_pixels")
