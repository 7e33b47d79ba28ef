"""Uploads are checked by content for the asset's kind, within the size limit;
a refused upload says why and stores nothing. Editors upload in the Wagtail
admin, where the same check answers on the form."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from marketing_assets import services
from marketing_assets.models import Asset
from partner_portal.audience import Audience
from tests.factories.marketing_assets import image_bytes, pdf_bytes

EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200
SVG = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
MP4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 64
WEBM = (
    b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\xf7\x81\x01\x42\x82\x84webm"
    + b"\x00" * 32
)


def _check(kind, data, name, co_brandable=False):
    return services.asset_file_check(
        kind=kind, co_brandable=co_brandable, upload=ContentFile(data, name=name)
    )


@pytest.mark.parametrize(
    ("kind", "data", "content_type"),
    [
        (Asset.Kind.BROCHURE, pdf_bytes("Hello"), "application/pdf"),
        (Asset.Kind.LOGO, image_bytes("PNG"), "image/png"),
        (Asset.Kind.IMAGE, image_bytes("JPEG"), "image/jpeg"),
        (Asset.Kind.IMAGE, image_bytes("WEBP"), "image/webp"),
        (Asset.Kind.IMAGE, image_bytes("GIF"), "image/gif"),
        (Asset.Kind.VIDEO, MP4, "video/mp4"),
        (Asset.Kind.VIDEO, WEBM, "video/webm"),
    ],
)
def test_accepted_content_gives_type_size_and_hash(kind, data, content_type):
    import hashlib

    checked = _check(kind, data, "upload.bin")

    assert checked.content_type == content_type
    assert checked.size == len(data)
    assert checked.sha256 == hashlib.sha256(data).hexdigest()


@pytest.mark.parametrize(
    ("kind", "data", "name", "message"),
    [
        (
            Asset.Kind.BROCHURE,
            EXE,
            "brochure.pdf",
            "brochure.pdf is not a PDF document.",
        ),
        (
            Asset.Kind.IMAGE,
            EXE,
            "photo.png",
            "photo.png is not an image of these types: PNG, JPEG, WebP, GIF.",
        ),
        (Asset.Kind.VIDEO, EXE, "clip.mp4", "clip.mp4 is not an MP4 or WebM video."),
        (
            Asset.Kind.BROCHURE,
            image_bytes("PNG"),
            "brochure.pdf",
            "brochure.pdf is not a PDF document.",
        ),
        (
            Asset.Kind.LOGO,
            SVG,
            "logo.svg",
            "logo.svg is an SVG drawing; SVG files can carry scripts and are not "
            "accepted. Upload a PNG instead.",
        ),
        (Asset.Kind.BROCHURE, b"", "empty.pdf", "empty.pdf is empty."),
    ],
)
def test_wrong_content_is_refused_with_the_reason(kind, data, name, message):
    with pytest.raises(ValidationError) as error:
        _check(kind, data, name)

    assert error.value.messages == [message]


def test_oversized_upload_is_refused(settings):
    settings.PORTAL_ASSET_MAX_UPLOAD_MB = 1
    data = pdf_bytes("big") + b"%" * (1024 * 1024)

    with pytest.raises(ValidationError) as error:
        _check(Asset.Kind.BROCHURE, data, "big.pdf")

    assert error.value.messages == ["big.pdf is 1.0 MB; at most 1 MB are accepted."]


def test_co_brandable_flyer_must_be_a_readable_pdf():
    broken = b"%PDF-1.7\nthis is not really a PDF"

    with pytest.raises(ValidationError) as error:
        _check(Asset.Kind.FLYER_TEMPLATE, broken, "flyer.pdf", co_brandable=True)

    assert error.value.messages == [
        "flyer.pdf cannot be read as a PDF (damaged or encrypted), so it cannot be "
        "co-branded."
    ]


def test_co_brandable_image_is_refused():
    with pytest.raises(ValidationError) as error:
        _check(Asset.Kind.IMAGE, image_bytes(), "flyer.png", co_brandable=True)

    assert error.value.messages == ["Only a PDF file can be a co-brandable flyer."]


def test_refused_asset_create_stores_nothing(lib):
    before = Asset.objects.count()

    with pytest.raises(ValidationError):
        services.asset_create(
            title="Trojan",
            kind=Asset.Kind.BROCHURE,
            collection=lib.kit,
            upload=ContentFile(EXE, name="trojan.pdf"),
            filename="trojan.pdf",
            audience=Audience.PARTNERS,
        )

    assert Asset.objects.count() == before


# The Wagtail admin, as the content editor uses it.


def _admin_form(lib, upload, **overrides):
    return {
        "title": "Summer flyer",
        "description": "",
        "kind": Asset.Kind.FLYER_TEMPLATE,
        "collection": lib.campaign.pk,
        "tags": "summer, flyer",
        "file": upload,
        "audience": Audience.SILVER,
        "valid_from": "",
        "valid_until": "",
        "co_brandable": "on",
        **overrides,
    }


def test_editor_adds_a_co_brandable_flyer_in_the_wagtail_admin(client, lib):
    client.force_login(lib.editor)
    data = pdf_bytes("Summer sale")
    upload = SimpleUploadedFile("summer.pdf", data, content_type="application/pdf")

    response = client.post(
        reverse("wagtailsnippets_marketing_assets_asset:add"),
        _admin_form(lib, upload),
    )

    assert response.status_code == 302
    asset = Asset.objects.get(title="Summer flyer")
    assert asset.co_brandable is True
    assert asset.content_type == "application/pdf"
    assert asset.size == len(data)
    assert sorted(asset.tags.names()) == ["flyer", "summer"]


def test_wagtail_admin_refuses_an_executable_renamed_pdf(client, lib):
    client.force_login(lib.editor)
    upload = SimpleUploadedFile("summer.pdf", EXE, content_type="application/pdf")
    before = Asset.objects.count()

    response = client.post(
        reverse("wagtailsnippets_marketing_assets_asset:add"),
        _admin_form(lib, upload),
    )

    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [
        "summer.pdf is not a PDF document."
    ]
    assert Asset.objects.count() == before


def test_editor_sees_the_asset_listing_with_download_counts(client, lib):
    client.force_login(lib.editor)

    response = client.get(reverse("wagtailsnippets_marketing_assets_asset:list"))

    assert response.status_code == 200
    assert b"Gold price sheet" in response.content
    assert b"Downloads" in response.content


def test_partner_cannot_open_the_wagtail_admin(client, lib):
    client.force_login(lib.gold_admin)

    response = client.get(reverse("wagtailsnippets_marketing_assets_asset:list"))

    assert response.status_code == 302
    assert response.url.startswith("/cms-admin/login/")


def test_changing_the_kind_checks_the_stored_file(client, lib):
    client.force_login(lib.editor)
    asset = lib.partners

    response = client.post(
        reverse("wagtailsnippets_marketing_assets_asset:edit", args=[asset.pk]),
        _admin_form(
            lib,
            "",
            title=asset.title,
            kind=Asset.Kind.IMAGE,
            co_brandable="",
            audience=Audience.PARTNERS,
        ),
    )

    assert response.status_code == 200
    assert response.context["form"].errors["kind"] == [
        f"{asset.file.name} is not an image of these types: PNG, JPEG, WebP, GIF."
    ]
    asset.refresh_from_db()
    assert asset.kind == Asset.Kind.BROCHURE


def test_wagtail_admin_refuses_a_non_image_thumbnail(client, lib):
    client.force_login(lib.editor)
    upload = SimpleUploadedFile("summer.pdf", pdf_bytes("x"))
    thumbnail = SimpleUploadedFile("thumb.png", EXE)

    response = client.post(
        reverse("wagtailsnippets_marketing_assets_asset:add"),
        _admin_form(lib, upload, thumbnail=thumbnail),
    )

    assert response.status_code == 200
    assert response.context["form"].errors["thumbnail"] == [
        "thumb.png is not an image of these types: PNG, JPEG, WebP."
    ]


def test_replacing_the_file_removes_the_old_one(
    client, lib, django_capture_on_commit_callbacks
):
    client.force_login(lib.editor)
    asset = lib.partners
    old_name = asset.file.name
    storage = asset.file.storage
    data = pdf_bytes("New guidelines")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("wagtailsnippets_marketing_assets_asset:edit", args=[asset.pk]),
            _admin_form(
                lib,
                SimpleUploadedFile("guidelines-2.pdf", data),
                title=asset.title,
                kind=Asset.Kind.BROCHURE,
                co_brandable="",
                audience=Audience.PARTNERS,
            ),
        )

    assert response.status_code == 302
    asset.refresh_from_db()
    assert asset.size == len(data)
    assert storage.exists(asset.file.name)
    assert not storage.exists(old_name)


def test_deleting_an_asset_removes_its_file(
    client, lib, django_capture_on_commit_callbacks
):
    client.force_login(lib.editor)
    asset = lib.partners
    name, storage = asset.file.name, asset.file.storage

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("wagtailsnippets_marketing_assets_asset:delete", args=[asset.pk])
        )

    assert response.status_code == 302
    assert not Asset.objects.filter(pk=asset.pk).exists()
    assert not storage.exists(name)
