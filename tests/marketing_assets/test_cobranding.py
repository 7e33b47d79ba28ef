"""Co-branded flyers: the template's own text stays, the requesting company's
name, address and logo are stamped on every page; another company's details
never appear; every flyer download is counted for the requesting company."""

from io import BytesIO

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4, landscape

from marketing_assets import services
from marketing_assets.models import Asset, AssetDownload
from tests.factories import CompanyAddressFactory
from tests.factories.marketing_assets import asset_create, image_bytes, pdf_bytes


def _text(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(BytesIO(pdf)).pages]


@pytest.fixture
def flyer(lib):
    return asset_create(
        title="Spring sale flyer A4",
        kind=Asset.Kind.FLYER_TEMPLATE,
        co_brandable=True,
        collection=lib.campaign,
        data=pdf_bytes("Spring sale: 20% off cordless tools", pages=2),
    )


def test_flyer_shows_template_text_and_the_company_defaults(client, lib, flyer):
    CompanyAddressFactory(
        company=lib.silver, line1="Ringstraße 9", postcode="1010", city="Vienna"
    )
    client.force_login(lib.silver_admin)

    response = client.get(reverse("marketing_assets:flyer", args=[flyer.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'attachment; filename="spring-sale-flyer-a4-contoso.pdf"'
    )
    pages = _text(response.content)
    assert len(pages) == 2
    for text in pages:
        assert "Spring sale: 20% off cordless tools" in text
        assert "Contoso Franchise" in text
        assert "Ringstraße 9" in text
        assert "1010 Vienna" in text
        assert "Northwind" not in text


def test_flyer_uses_the_partner_brand_with_logo(client, lib, flyer):
    services.partner_brand_save(
        company=lib.gold,
        display_name="Northwind Tools & Service",
        address="Marienplatz 1\n80331 München",
        phone="+49 89 123",
        website="https://northwind.example",
        logo=ContentFile(image_bytes("PNG", size=(200, 80)), name="logo.png"),
    )
    client.force_login(lib.gold_user)

    response = client.get(reverse("marketing_assets:flyer", args=[flyer.pk]))

    text = _text(response.content)[0]
    assert "Northwind Tools & Service" in text
    assert "80331 München" in text
    assert "https://northwind.example" in text
    page = PdfReader(BytesIO(response.content)).pages[0]
    assert len(page.images) == 1


def test_each_company_gets_its_own_flyer(client, lib, flyer):
    services.partner_brand_save(company=lib.gold, display_name="Northwind Tools")
    client.force_login(lib.silver_admin)

    response = client.get(reverse("marketing_assets:flyer", args=[flyer.pk]))

    text = _text(response.content)[0]
    assert "Contoso Franchise" in text
    assert "Northwind" not in text
    assert list(AssetDownload.objects.values_list("company__slug", "co_branded")) == [
        ("contoso", True)
    ]


def test_overlay_matches_each_page_size(flyer):
    template = pdf_bytes("Poster", pagesize=landscape(A4))
    from marketing_assets.cobrand import BrandFacts, flyer_pdf

    merged = flyer_pdf(BytesIO(template), BrandFacts(name="Contoso"))

    page = PdfReader(BytesIO(merged)).pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (
        842,
        595,
    )
    assert "Contoso" in page.extract_text()


def test_asset_that_is_not_co_brandable_has_no_flyer(client, lib):
    client.force_login(lib.gold_admin)

    response = client.get(reverse("marketing_assets:flyer", args=[lib.partners.pk]))

    assert response.status_code == 404
    assert AssetDownload.objects.count() == 0


def test_staff_get_a_sample_flyer_not_counted(client, lib, flyer):
    client.force_login(lib.staff)

    response = client.get(reverse("marketing_assets:flyer", args=[flyer.pk]))

    assert response.status_code == 200
    assert "Your company name" in _text(response.content)[0]
    assert AssetDownload.objects.count() == 0


def test_damaged_template_is_reported_not_a_500(client, lib, flyer):
    flyer.file.save("broken.pdf", ContentFile(b"%PDF-1.7 broken"), save=True)
    client.force_login(lib.gold_admin)

    response = client.get(reverse("marketing_assets:flyer", args=[flyer.pk]))

    assert response.status_code == 302
    assert response.url == reverse("marketing_assets:detail", args=[flyer.pk])
    assert AssetDownload.objects.count() == 0
