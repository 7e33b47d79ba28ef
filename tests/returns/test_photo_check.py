"""Photos are checked by what they contain, not by their names."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile

from returns.photos import photo_check
from tests.returns.conftest import image_bomb_bytes, image_bytes


@pytest.mark.parametrize(
    ("fmt", "content_type"),
    [("JPEG", "image/jpeg"), ("PNG", "image/png"), ("WEBP", "image/webp")],
)
def test_jpeg_png_and_webp_are_accepted(fmt, content_type):
    upload = SimpleUploadedFile("photo.bin", image_bytes(fmt))

    checked = photo_check(upload)

    assert (checked.content_type, checked.width, checked.height) == (
        content_type,
        40,
        30,
    )


def test_an_executable_renamed_jpg_is_refused():
    upload = SimpleUploadedFile(
        "invoice.jpg", b"MZ\x90\x00" + b"\x00" * 2000, content_type="image/jpeg"
    )

    with pytest.raises(ValidationError) as error:
        photo_check(upload)

    assert error.value.messages == [
        "invoice.jpg is not an image of these types: JPEG, PNG, WebP."
    ]


def test_a_gif_is_refused_although_it_is_an_image():
    upload = SimpleUploadedFile("anim.png", image_bytes("GIF"))

    with pytest.raises(
        ValidationError, match="is not an image of these types: JPEG, PNG, WebP"
    ):
        photo_check(upload)


def test_a_200_mb_file_is_refused_by_its_size_without_reading_it():
    upload = TemporaryUploadedFile("huge.jpg", "image/jpeg", 0, None)
    upload.file.truncate(200 * 1024 * 1024)  # sparse: no 200 MB written
    upload.size = 200 * 1024 * 1024
    try:
        with pytest.raises(ValidationError) as error:
            photo_check(upload)
    finally:
        upload.close()

    assert error.value.messages == ["huge.jpg is 200.0 MB; at most 10 MB are accepted."]


def test_an_image_bomb_is_refused_from_its_header():
    upload = SimpleUploadedFile("bomb.png", image_bomb_bytes())

    with pytest.raises(ValidationError) as error:
        photo_check(upload)

    assert error.value.messages == [
        "bomb.png has too many pixels; at most 40 megapixels."
    ]


def test_an_image_over_the_pixel_limit_is_refused_with_its_size():
    upload = SimpleUploadedFile("big.png", image_bomb_bytes(8000, 6000))

    with pytest.raises(ValidationError) as error:
        photo_check(upload)

    assert error.value.messages == [
        "big.png has 8000 x 6000 pixels; at most 40 megapixels are accepted."
    ]
