"""The company admin keeps their flyer details: defaults from the company,
a checked logo, one brand per company, and never another company's."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from marketing_assets.models import PartnerBrand
from marketing_assets.selectors import partner_brand_get
from tests.factories import CompanyAddressFactory
from tests.factories.marketing_assets import image_bytes
from tests.helpers import messages_of, snapshot

URL = "/portal/assets/brand/"


def _form(**overrides):
    return {
        "display_name": "Northwind Tools",
        "address": "Marienplatz 1\n80331 München",
        "phone": "+49 89 123",
        "email": "tools@northwind.example",
        "website": "northwind.example",
        **overrides,
    }


def test_url_is_stable():
    assert reverse("marketing_assets:brand") == URL


def test_form_starts_from_company_name_and_billing_address(client, lib):
    CompanyAddressFactory(
        company=lib.gold, line1="Leopoldstraße 4", postcode="80802", city="Munich"
    )
    client.force_login(lib.gold_admin)

    response = client.get(URL)

    assert response.status_code == 200
    initial = response.context["form"].initial
    assert initial["display_name"] == "Northwind Traders"
    assert initial["address"] == "Leopoldstraße 4\n80802 Munich\nDE"
    assert initial["email"] == "office@northwind.example"


def test_admin_saves_details_with_a_logo(client, lib):
    client.force_login(lib.gold_admin)
    logo = SimpleUploadedFile("logo.png", image_bytes("PNG"), content_type="image/png")

    response = client.post(URL, {**_form(), "logo_upload": logo})

    assert response.status_code == 302
    assert messages_of(response) == ["Your flyer details are saved."]
    brand = partner_brand_get(company=lib.gold)
    assert brand.display_name == "Northwind Tools"
    assert brand.address_lines == ["Marienplatz 1", "80331 München"]
    assert brand.website == "https://northwind.example"
    assert brand.logo.name.startswith(f"marketing-assets/brands/{lib.gold.pk}/")
    logo_response = client.get(reverse("marketing_assets:brand_logo"))
    assert logo_response.status_code == 200
    assert logo_response["Content-Type"] == "image/png"


def test_saving_twice_keeps_one_brand(client, lib):
    client.force_login(lib.gold_admin)

    client.post(URL, _form())
    client.post(URL, _form(display_name="Northwind Again"))

    assert list(PartnerBrand.objects.values_list("display_name", flat=True)) == [
        "Northwind Again"
    ]


def test_executable_logo_is_refused_and_input_kept(client, lib):
    client.force_login(lib.gold_admin)
    fake = SimpleUploadedFile("logo.png", b"MZ\x90\x00" + b"\x00" * 100)

    response = client.post(URL, {**_form(), "logo_upload": fake})

    assert response.status_code == 200
    assert response.context["form"].errors["logo_upload"] == [
        "logo.png is not an image of these types: JPEG, PNG."
    ]
    assert response.context["form"]["display_name"].value() == "Northwind Tools"
    assert PartnerBrand.objects.count() == 0


def test_svg_logo_is_refused(client, lib):
    client.force_login(lib.gold_admin)
    svg = SimpleUploadedFile("logo.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>")

    response = client.post(URL, {**_form(), "logo_upload": svg})

    assert response.context["form"].errors["logo_upload"] == [
        "logo.svg is an SVG drawing; SVG files can carry scripts and are not "
        "accepted. Upload a PNG instead."
    ]
    assert PartnerBrand.objects.count() == 0


def test_more_than_four_address_lines_are_refused(client, lib):
    client.force_login(lib.gold_admin)

    response = client.post(URL, _form(address="a\nb\nc\nd\ne"))

    assert response.context["form"].errors["address"] == [
        "At most four address lines fit on a flyer."
    ]


def test_another_company_edits_only_its_own_brand(client, lib):
    client.force_login(lib.gold_admin)
    client.post(
        URL,
        {
            **_form(),
            "logo_upload": SimpleUploadedFile("logo.png", image_bytes("PNG")),
        },
    )
    northwind = snapshot(PartnerBrand.objects.for_company(lib.gold))
    client.force_login(lib.silver_admin)

    page = client.get(URL)
    logo = client.get(reverse("marketing_assets:brand_logo"))
    client.post(URL, _form(display_name="Contoso Vienna"))

    assert page.context["form"].initial["display_name"] == "Contoso Franchise"
    assert b"Northwind Tools" not in page.content
    assert logo.status_code == 404
    assert snapshot(PartnerBrand.objects.for_company(lib.gold)) == northwind
    assert partner_brand_get(company=lib.silver).display_name == "Contoso Vienna"


def test_partner_user_and_customer_admin_cannot_edit(client, lib):
    for user in (lib.gold_user, lib.customer_admin):
        client.force_login(user)

        response = client.post(URL, _form())

        assert response.status_code == 403
    assert PartnerBrand.objects.count() == 0
