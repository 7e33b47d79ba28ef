"""Image attachments: checked by content (type, size, pixels), stored in the
private storage and served only to readers of the topic."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from forums.models import Post, PostImage
from partner_portal.files import private_storage
from tests.factories.forums import TopicFactory
from tests.helpers import snapshot


def _png(size=(20, 10)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "red").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def topic(open_category):
    return TopicFactory(category=open_category)


def _reply(client, topic, upload):
    return client.post(
        reverse("forums:reply", args=[topic.pk]),
        {"body": "See the picture", "image": upload},
    )


def test_a_png_is_attached_and_served_to_readers(
    client, member, newcomer, topic, settings
):
    client.force_login(member)

    response = _reply(
        client, topic, SimpleUploadedFile("photo.txt", _png(), "text/plain")
    )

    assert response.status_code == 302
    image = PostImage.objects.get()
    assert (image.content_type, image.width, image.height) == ("image/png", 20, 10)
    assert image.image.name.endswith(".png")
    assert image.image.storage is private_storage()
    client.force_login(newcomer)
    served = client.get(reverse("forums:image", args=[image.pk]))
    assert served.status_code == 200
    assert served["Content-Type"] == "image/png"
    assert b"".join(served.streaming_content) == _png()


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            SimpleUploadedFile("evil.png", b"<script>alert(1)</script>", "image/png"),
            "evil.png is not an image of these types: JPEG, PNG, GIF, WebP.",
        ),
        (
            SimpleUploadedFile("doc.png", b"%PDF-1.7 not an image", "image/png"),
            "doc.png is not an image of these types: JPEG, PNG, GIF, WebP.",
        ),
    ],
    ids=["script-named-png", "pdf"],
)
def test_wrong_types_are_refused_and_text_kept(client, member, topic, upload, message):
    client.force_login(member)
    before = snapshot(Post, PostImage)

    response = _reply(client, topic, upload)

    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert "See the picture" in page
    assert snapshot(Post, PostImage) == before


def test_too_big_images_are_refused(client, member, topic, settings):
    settings.PORTAL_FORUM_MAX_IMAGE_MB = 1
    client.force_login(member)
    upload = SimpleUploadedFile("big.png", _png() + b"\0" * (1024 * 1024), "image/png")

    response = _reply(client, topic, upload)

    assert response.status_code == 400
    assert "big.png is 1.0 MB; at most 1 MB are accepted." in (
        response.content.decode()
    )
    assert not PostImage.objects.exists()


@pytest.mark.parametrize(
    ("size", "message"),
    [
        (
            (30_000, 30_000),
            "bomb.png has too many pixels; at most 25 megapixels.",
        ),
        (
            (6_000, 6_000),
            "bomb.png has 6000 x 6000 pixels; at most 25 megapixels are accepted.",
        ),
    ],
    ids=["pillow-bomb-limit", "portal-pixel-limit"],
)
def test_a_decompression_bomb_is_refused_from_its_header(
    client, member, topic, size, message
):
    # A small file that unpacks into a huge bitmap.
    buffer = io.BytesIO()
    Image.new("1", size).save(buffer, "PNG")
    assert buffer.tell() < 200_000
    client.force_login(member)

    response = _reply(
        client, topic, SimpleUploadedFile("bomb.png", buffer.getvalue(), "image/png")
    )

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not PostImage.objects.exists()
