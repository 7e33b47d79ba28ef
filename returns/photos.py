"""Return photos: JPEG, PNG or WebP, at most PORTAL_RETURN_PHOTO_MAX_MB
megabytes and PORTAL_RETURN_PHOTO_MAX_PIXELS pixels, checked by content with
the portal's one upload check (`partner_portal.uploads`)."""

from django.conf import settings

from partner_portal.uploads import CheckedUpload, upload_check

PHOTO_FORMATS = ("JPEG", "PNG", "WEBP")

CheckedPhoto = CheckedUpload


def photo_check(upload) -> CheckedPhoto:
    """The upload as a checked photo, or ValidationError saying why not."""
    return upload_check(
        upload,
        images=PHOTO_FORMATS,
        max_mb=settings.PORTAL_RETURN_PHOTO_MAX_MB,
        max_pixels=settings.PORTAL_RETURN_PHOTO_MAX_PIXELS,
    )
