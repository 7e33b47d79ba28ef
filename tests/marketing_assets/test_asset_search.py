"""The library's search and filters: odd input answers normally, filters
narrow the list, and paging keeps the filter."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from marketing_assets.models import Asset
from partner_portal.audience import Audience
from tests.factories.marketing_assets import asset_create


def _titles(response):
    return sorted(asset.title for asset in response.context["assets"])


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "x" * 5000,
        "\"quoted\" 'single'",
        "'; DROP TABLE marketing_assets_asset; --",
        "% _ \\",
        "بروشور قیمت",
        "价格表",
        "<script>alert(1)</script>",
        "\x00",
    ],
)
def test_odd_search_input_answers_normally(client, lib, query):
    client.force_login(lib.gold_admin)

    response = client.get(reverse("marketing_assets:list"), {"q": query})

    assert response.status_code == 200
    assert Asset.objects.count() == 5


def test_search_finds_title_description_and_tag(client, lib):
    asset_create(
        title="Persian flyer بروشور",
        audience=Audience.PARTNERS,
        description="价格表 for China",
        tags=["seasonal"],
        collection=lib.kit,
    )
    client.force_login(lib.gold_admin)
    url = reverse("marketing_assets:list")

    assert _titles(client.get(url, {"q": "price"})) == [
        "Gold price sheet",
        "Silver price sheet",
    ]
    assert _titles(client.get(url, {"q": "بروشور"})) == ["Persian flyer بروشور"]
    assert _titles(client.get(url, {"q": "价格"})) == ["Persian flyer بروشور"]
    assert _titles(client.get(url, {"q": "SEASON"})) == ["Persian flyer بروشور"]


def test_search_never_reveals_a_higher_tier(client, lib):
    client.force_login(lib.silver_admin)

    response = client.get(reverse("marketing_assets:list"), {"q": "Gold"})

    assert _titles(response) == []


def test_filters_by_collection_kind_and_tag(client, lib):
    client.force_login(lib.gold_admin)
    url = reverse("marketing_assets:list")

    assert _titles(client.get(url, {"collection": lib.kit.pk})) == ["Brand guidelines"]
    assert _titles(client.get(url, {"kind": "flyer_template"})) == ["Spring sale flyer"]
    assert _titles(client.get(url, {"tag": "prices"})) == [
        "Gold price sheet",
        "Silver price sheet",
    ]


def test_invalid_filter_values_show_the_whole_list(client, lib):
    client.force_login(lib.gold_admin)

    response = client.get(
        reverse("marketing_assets:list"),
        {"collection": "999999", "kind": "nonsense", "tag": "ä ö"},
    )

    assert response.status_code == 200
    assert len(response.context["assets"]) == 4


def test_paging_keeps_the_filter(client, lib):
    for number in range(30):
        asset_create(title=f"Poster {number:02d}", collection=lib.kit, tags=["poster"])
    client.force_login(lib.gold_admin)

    first = client.get(reverse("marketing_assets:list"), {"tag": "poster"})
    second = client.get(reverse("marketing_assets:list"), {"tag": "poster", "page": 2})

    assert len(first.context["assets"]) == 24
    assert len(second.context["assets"]) == 6
    assert b"tag=poster&amp;page=2" in first.content


def test_list_query_count_stays_flat(client, lib):
    client.force_login(lib.gold_admin)
    url = reverse("marketing_assets:list")
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for number in range(15):
        asset_create(title=f"Extra {number}", collection=lib.kit, tags=[f"t{number}"])
    # The frame's caches again, emptied by the writes, as before `few`
    client.get(url)

    with CaptureQueriesContext(connection) as many:
        client.get(url)

    assert len(many) == len(few)


def test_very_long_input_is_cut_not_refused(client, lib):
    client.force_login(lib.gold_admin)

    response = client.get(reverse("marketing_assets:list"), {"q": "Gold " + "x" * 5000})

    assert response.context["form"].errors == {}
    assert response.context["form"].cleaned_data["q"] == ("Gold " + "x" * 5000)[:200]
    assert _titles(response) == []
