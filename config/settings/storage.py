"""Where uploaded files live (read by base.py): the local disk by default, an
S3-compatible object store (AWS S3, MinIO, Ceph, moto in the tests) when
AWS_STORAGE_BUCKET_NAME is set, so that several app servers share them.

Public media (Wagtail images and renditions, product images, thumbnails) go to
"media/" in the bucket under plain URLs: the bucket lets anyone read that
prefix (a bucket policy, see the README), so pages that cache image URLs never
hold an expired link. Private files (invoices, offers, contracts, labels,
photos, assets, documents) go to "private/" in the same bucket, or to
AWS_PRIVATE_BUCKET_NAME, with a private ACL; they leave only through the
permission-checking views, which stream them or, with
PORTAL_PRIVATE_FILE_REDIRECT, answer with a signed URL that lives
PORTAL_PRIVATE_URL_EXPIRY seconds."""

from urllib.parse import urlsplit

import environ
from django.core.exceptions import ImproperlyConfigured

env = environ.Env()

S3_BACKEND = "storages.backends.s3.S3Storage"

AWS_STORAGE_BUCKET_NAME = env("AWS_STORAGE_BUCKET_NAME", default="")
AWS_PRIVATE_BUCKET_NAME = env("AWS_PRIVATE_BUCKET_NAME", default="")
# MinIO, Ceph or moto: their address; unset for AWS itself.
AWS_S3_ENDPOINT_URL = env("AWS_S3_ENDPOINT_URL", default="") or None
AWS_S3_REGION_NAME = env("AWS_S3_REGION_NAME", default="") or None
# Unset: boto3 finds credentials itself (instance profile, ~/.aws, ...).
AWS_ACCESS_KEY_ID = env("AWS_ACCESS_KEY_ID", default="") or None
AWS_SECRET_ACCESS_KEY = env("AWS_SECRET_ACCESS_KEY", default="") or None
# Public media only: a CDN or website host name in front of "media/".
AWS_S3_CUSTOM_DOMAIN = env("AWS_S3_CUSTOM_DOMAIN", default="") or None
# Public media only: e.g. "public-read" where the bucket still takes ACLs;
# unset means the bucket policy decides (buckets made today refuse ACLs).
AWS_DEFAULT_ACL = env("AWS_DEFAULT_ACL", default="") or None
# S3-compatible servers on their own host name (MinIO, moto) know only
# path-style addresses (endpoint/bucket/key).
AWS_S3_ADDRESSING_STYLE = env(
    "AWS_S3_ADDRESSING_STYLE", default="path" if AWS_S3_ENDPOINT_URL else "auto"
)
# Django's rule, not django-storages': a second upload of "photo.jpg" gets a
# new name instead of replacing another company's file of the same name.
AWS_S3_FILE_OVERWRITE = False
# What an S3Storage made without options does is public media: sorl-thumbnail
# (Oscar's product thumbnails) builds its storage from the class of
# STORAGES["default"] alone.
AWS_LOCATION = "media"
AWS_QUERYSTRING_AUTH = False
AWS_S3_SIGNATURE_VERSION = "s3v4"

PORTAL_OBJECT_STORAGE = bool(AWS_STORAGE_BUCKET_NAME)
# A private file answers 302 to a signed URL of the object store instead of
# passing its bytes through Python (only with object storage).
PORTAL_PRIVATE_FILE_REDIRECT = env.bool("PORTAL_PRIVATE_FILE_REDIRECT", default=False)
PORTAL_PRIVATE_URL_EXPIRY = env.int("PORTAL_PRIVATE_URL_EXPIRY", default=60)

if AWS_PRIVATE_BUCKET_NAME and not PORTAL_OBJECT_STORAGE:
    raise ImproperlyConfigured(
        "AWS_PRIVATE_BUCKET_NAME needs AWS_STORAGE_BUCKET_NAME (public media)."
    )
if not 1 <= PORTAL_PRIVATE_URL_EXPIRY <= 3600:
    raise ImproperlyConfigured(
        "PORTAL_PRIVATE_URL_EXPIRY must be between 1 and 3600 seconds."
    )


def s3_storages(
    *,
    bucket: str,
    private_bucket: str = "",
    endpoint_url: str | None = None,
    region: str | None = None,
    access_key: str | None = None,
    secret_key: str | None = None,
    custom_domain: str | None = None,
    default_acl: str | None = None,
    addressing_style: str = "auto",
    expiry: int = 60,
) -> dict:
    """STORAGES["default"] (public media) and ["private"] on one S3 service."""
    common = {
        "endpoint_url": endpoint_url,
        "region_name": region,
        "access_key": access_key,
        "secret_key": secret_key,
        "addressing_style": addressing_style,
        "signature_version": "s3v4",
        "file_overwrite": False,
    }
    return {
        "default": {
            "BACKEND": S3_BACKEND,
            "OPTIONS": {
                **common,
                "bucket_name": bucket,
                "location": "media",
                "default_acl": default_acl,
                "querystring_auth": False,
                "custom_domain": custom_domain,
            },
        },
        "private": {
            "BACKEND": S3_BACKEND,
            "OPTIONS": {
                **common,
                "bucket_name": private_bucket or bucket,
                "location": "private",
                "default_acl": "private",
                "querystring_auth": True,
                "querystring_expire": expiry,
                # Never a CDN: a signed URL must reach the bucket itself.
                "custom_domain": None,
            },
        },
    }


def object_storages() -> dict:
    """The object store of the environment, or nothing (the local disk of
    base.py stays) when no bucket is configured."""
    if not PORTAL_OBJECT_STORAGE:
        return {}
    return s3_storages(
        bucket=AWS_STORAGE_BUCKET_NAME,
        private_bucket=AWS_PRIVATE_BUCKET_NAME,
        endpoint_url=AWS_S3_ENDPOINT_URL,
        region=AWS_S3_REGION_NAME,
        access_key=AWS_ACCESS_KEY_ID,
        secret_key=AWS_SECRET_ACCESS_KEY,
        custom_domain=AWS_S3_CUSTOM_DOMAIN,
        default_acl=AWS_DEFAULT_ACL,
        addressing_style=AWS_S3_ADDRESSING_STYLE,
        expiry=PORTAL_PRIVATE_URL_EXPIRY,
    )


def object_storage_origins() -> list[str]:
    """Where pages load public media from, and where private-file redirects
    lead (both for the Content-Security-Policy)."""
    if not PORTAL_OBJECT_STORAGE:
        return []
    origins = []
    if AWS_S3_CUSTOM_DOMAIN:
        origins.append(f"https://{AWS_S3_CUSTOM_DOMAIN}")
    if AWS_S3_ENDPOINT_URL:
        parts = urlsplit(AWS_S3_ENDPOINT_URL)
        origins.append(f"{parts.scheme}://{parts.netloc}")
    else:
        origins.append("https://*.amazonaws.com")
    return origins


def csp_with_object_storage(policy: dict) -> dict:
    """The Content-Security-Policy with the object store allowed for images,
    audio and video, and frames (an inline PDF redirected to a signed URL)."""
    origins = object_storage_origins()
    if not origins:
        return policy
    directives = dict(policy["DIRECTIVES"])
    for name in ("img-src", "media-src", "frame-src"):
        directives[name] = [*directives.get(name, ["'self'"]), *origins]
    return {**policy, "DIRECTIVES": directives}
