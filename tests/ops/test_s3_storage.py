"""On an object store every file the portal writes lands in the bucket, none
on this server's disk: private files under private/ (never readable without a
signature), public media under media/ (readable by anyone, plain URLs)."""

from io import BytesIO

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.files.storage import default_storage
from django.utils import timezone
from sorl.thumbnail import get_thumbnail
from wagtail.images import get_image_model

from contracts.models import OfferVersion
from marketing_assets.models import Asset
from orders.models import Invoice
from returns.photos import photo_check
from returns.services import return_request_create
from tests.factories.contracts import line, offer_sent_create, sales_user_create
from tests.factories.marketing_assets import asset_create, image_bytes
from tests.factories.orders import order_place
from tests.ops.s3_server import (  # noqa: F401  fixtures
    http_get,
    moto_s3_server,
    s3_bucket,
)
from tests.returns.conftest import deliver, photo

YEAR = timezone.localdate().year


def _local_files(*roots):
    return [path for root in roots if root.exists() for path in root.rglob("*")]


@pytest.fixture
def placed(
    s3, buyer, company, bolts, acme_bolt_price, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        return order_place(user=buyer, company=company, lines=[(bolts, 2)])


def test_an_invoice_lands_in_the_private_part_of_the_bucket(s3, placed):
    invoice = Invoice.objects.get(order=placed)

    assert invoice.pdf.name.startswith(f"invoices/{YEAR}/")
    assert s3.keys() == [f"private/{invoice.pdf.name}"]
    assert s3.read(f"private/{invoice.pdf.name}").startswith(b"%PDF-")
    assert s3.anonymous_get(f"private/{invoice.pdf.name}") == 403


def test_a_return_photo_lands_in_the_bucket(
    s3, company, buyer, placed, django_capture_on_commit_callbacks
):
    order = deliver(placed)
    with django_capture_on_commit_callbacks(execute=True):
        return_request = return_request_create(
            company=company,
            user=buyer,
            order=order,
            quantities={order.lines.get().pk: 1},
            reason="damaged",
            comment="Box was crushed",
            photos=[photo_check(photo("crushed.png"))],
            submission_key="s3-photo",
        )
    stored = return_request.photos.get().image.name

    assert stored.startswith(f"returns/photos/{YEAR}/")
    assert f"private/{stored}" in s3.keys("private/returns/")
    assert s3.read(f"private/{stored}").startswith(b"\x89PNG")
    assert s3.anonymous_get(f"private/{stored}") == 403


def test_an_offer_pdf_lands_in_the_bucket(
    s3, company, django_capture_on_commit_callbacks
):
    sales = sales_user_create(email="sales@portal.example")
    with django_capture_on_commit_callbacks(execute=True):
        offer = offer_sent_create(
            company=company, sales=sales, lines=[line("Bolts", quantity=2)]
        )
    version = offer.versions.get(status=OfferVersion.Status.SENT)

    assert s3.keys("private/") == [f"private/{version.pdf.name}"]
    assert s3.read(f"private/{version.pdf.name}").startswith(b"%PDF-")
    assert s3.anonymous_get(f"private/{version.pdf.name}") == 403


def test_a_marketing_asset_and_its_thumbnail_land_in_the_bucket(s3):
    asset = asset_create(
        kind=Asset.Kind.IMAGE,
        data=image_bytes(),
        filename="a.png",
        thumbnail=ContentFile(image_bytes(size=(20, 20)), name="thumb.png"),
    )

    assert s3.keys() == sorted(
        [f"private/{asset.file.name}", f"private/{asset.thumbnail.name}"]
    )
    assert s3.read(f"private/{asset.file.name}") == image_bytes()
    assert s3.anonymous_get(f"private/{asset.file.name}") == 403


def test_public_media_are_readable_by_anyone_under_a_plain_url(s3, settings):
    image = get_image_model().objects.create(
        title="Hero", file=ImageFile(BytesIO(image_bytes(size=(80, 60))), "hero.png")
    )
    rendition = image.get_rendition("fill-40x30")

    assert f"media/{image.file.name}" in s3.keys("media/")
    assert f"media/{rendition.file.name}" in s3.keys("media/")
    url = rendition.url
    assert url.startswith(f"{s3.endpoint}/{s3.name}/media/")
    assert "Signature" not in url
    status, _, body = http_get(url)
    assert (status, body[:4]) == (200, b"\x89PNG")


def test_nothing_is_written_to_the_local_media_folders(s3, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PORTAL_PRIVATE_MEDIA_ROOT = tmp_path / "private"
    asset = asset_create(kind=Asset.Kind.IMAGE, data=image_bytes(), filename="b.png")
    image = get_image_model().objects.create(
        title="Hero", file=ImageFile(BytesIO(image_bytes()), "hero.png")
    )
    image.get_rendition("max-30x30")

    assert _local_files(tmp_path) == []
    assert f"private/{asset.file.name}" in s3.keys("private/")
    assert len(s3.keys("media/")) == 2


@pytest.mark.skipif(
    not settings.PORTAL_OBJECT_STORAGE,
    reason="sorl-thumbnail picks its storage once, at start: only with "
    "AWS_STORAGE_BUCKET_NAME in the environment (scripts/with-services.sh)",
)
def test_product_thumbnails_are_public_media_under_plain_urls(db):
    name = default_storage.save("tests/product.png", ContentFile(image_bytes()))
    try:
        thumbnail = get_thumbnail(name, "20x20", crop="center")

        assert thumbnail.url.startswith(
            f"{settings.AWS_S3_ENDPOINT_URL}/{settings.AWS_STORAGE_BUCKET_NAME}/media/"
        )
        assert "Signature" not in thumbnail.url
        status, _, body = http_get(thumbnail.url)
        assert (status, body[:3]) == (200, b"\xff\xd8\xff")  # a JPEG
    finally:
        default_storage.delete(name)
