"""Who sees which asset: the audience rule and the validity window, in the
list, on the detail page and for the download. A partner below an asset's
tier, and anyone after its validity, gets 404 by URL; customers get 403."""

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from marketing_assets.models import AssetDownload
from partner_portal.files import private_storage


def _titles(response):
    return [asset.title for asset in response.context["assets"]]


def test_silver_partner_lists_partner_and_silver_assets_only(client, lib):
    client.force_login(lib.silver_admin)

    response = client.get(reverse("marketing_assets:list"))

    assert response.status_code == 200
    assert sorted(_titles(response)) == [
        "Brand guidelines",
        "Silver price sheet",
        "Spring sale flyer",
    ]


def test_gold_partner_lists_every_current_asset(client, lib):
    client.force_login(lib.gold_user)

    response = client.get(reverse("marketing_assets:list"))

    assert sorted(_titles(response)) == [
        "Brand guidelines",
        "Gold price sheet",
        "Silver price sheet",
        "Spring sale flyer",
    ]


@pytest.mark.parametrize("name", ["detail", "download", "flyer"])
def test_silver_partner_opening_a_gold_asset_by_url_gets_404(client, lib, name):
    client.force_login(lib.silver_admin)
    asset = lib.gold_asset
    if name == "flyer":
        asset.co_brandable = True
        asset.save()

    response = client.get(reverse(f"marketing_assets:{name}", args=[asset.pk]))

    assert response.status_code == 404
    assert AssetDownload.objects.count() == 0


@pytest.mark.parametrize("name", ["detail", "download"])
def test_expired_asset_answers_404_even_for_gold(client, lib, name):
    client.force_login(lib.gold_admin)

    response = client.get(reverse(f"marketing_assets:{name}", args=[lib.expired.pk]))

    assert response.status_code == 404
    assert AssetDownload.objects.count() == 0


def test_expired_asset_is_not_listed_or_found(client, lib):
    client.force_login(lib.gold_admin)

    response = client.get(reverse("marketing_assets:list"), {"q": "Winter"})

    assert _titles(response) == []


def test_asset_not_yet_valid_is_hidden(client, lib):
    from datetime import timedelta

    from django.utils import timezone

    lib.partners.valid_from = timezone.localdate() + timedelta(days=1)
    lib.partners.save()
    client.force_login(lib.gold_admin)

    response = client.get(reverse("marketing_assets:detail", args=[lib.partners.pk]))

    assert response.status_code == 404


@pytest.mark.parametrize("name", ["list", "detail", "download"])
def test_customer_company_has_no_access(client, lib, name):
    client.force_login(lib.customer_admin)
    args = [] if name == "list" else [lib.partners.pk]

    response = client.get(reverse(f"marketing_assets:{name}", args=args))

    assert response.status_code == 403
    assert AssetDownload.objects.count() == 0


def test_staff_see_every_audience_and_their_downloads_are_not_counted(client, lib):
    client.force_login(lib.staff)

    listing = client.get(reverse("marketing_assets:list"))
    download = client.get(
        reverse("marketing_assets:download", args=[lib.gold_asset.pk])
    )

    assert "Gold price sheet" in _titles(listing)
    assert download.status_code == 200
    assert AssetDownload.objects.count() == 0


def test_download_serves_the_file_as_attachment(client, lib):
    client.force_login(lib.silver_admin)

    response = client.get(
        reverse("marketing_assets:download", args=[lib.silver_asset.pk])
    )

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'attachment; filename="silver-price-sheet.pdf"'
    )
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_files_live_in_the_private_storage_not_in_public_media(lib):
    name = lib.partners.file.name

    assert lib.partners.file.storage is private_storage()
    assert private_storage().exists(name)
    assert not default_storage.exists(name)
