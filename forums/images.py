"""Forum image attachments: JPEG, PNG, GIF or WebP, at most
PORTAL_FORUM_MAX_IMAGE_MB megabytes and MAX_PIXELS pixels, checked by content
with the portal's one upload check (`partner_portal.uploads`)."""

from django.conf import settings

from partner_portal.uploads import CheckedUpload, upload_check

FORMATS = ("JPEG", "PNG", "GIF", "WEBP")
MAX_PIXELS = 25_000_000

CheckedImage = CheckedUpload


def image_check(upload) -> CheckedImage:
    """The upload as a checked image, or ValidationError saying why not."""
    return upload_check(
        upload,
        images=FORMATS,
        max_mb=settings.PORTAL_FORUM_MAX_IMAGE_MB,
        max_pixels=MAX_PIXELS,
    )
