"""The partner area's marketing section and the start-page tile list the new
material of the user's own audience."""

from django.urls import reverse


def test_partner_area_section_lists_assets_of_the_user_s_tier(client, lib):
    client.force_login(lib.silver_admin)

    response = client.get(reverse("partner_portal:partner_area"))

    assert response.status_code == 200
    sections = {
        section.key: context for section, context in response.context["sections"]
    }
    titles = sorted(
        title for title, _url, _date in sections["marketing_assets"]["items"]
    )
    assert titles == ["Brand guidelines", "Silver price sheet", "Spring sale flyer"]
    assert b'id="section-marketing_assets"' in response.content


def test_start_page_tile_for_gold_partner(client, lib):
    client.force_login(lib.gold_user)

    response = client.get(reverse("partner_portal:start"))

    assert response.status_code == 200
    assert "New marketing material" in response.content.decode()
    assert "Gold price sheet" in response.content.decode()
    assert "Winter sale price sheet" not in response.content.decode()


def test_customers_get_no_marketing_tile(client, lib):
    client.force_login(lib.customer_admin)

    response = client.get(reverse("partner_portal:start"))

    assert "New marketing material" not in response.content.decode()
