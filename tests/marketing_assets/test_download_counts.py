"""Downloads are counted per company; the company admin sees their own
company's counts, staff see every company's."""

from django.contrib.auth.models import Group
from django.urls import reverse

from marketing_assets.models import AssetDownload
from partner_portal.permissions import Role, StaffGroup
from tests.factories import MembershipFactory


def _download(client, user, asset):
    client.force_login(user)
    response = client.get(reverse("marketing_assets:download", args=[asset.pk]))
    assert response.status_code == 200
    b"".join(response.streaming_content)


def test_every_download_is_counted_for_the_member_s_company(client, lib):
    _download(client, lib.gold_admin, lib.partners)
    _download(client, lib.gold_user, lib.partners)
    _download(client, lib.silver_admin, lib.partners)

    rows = AssetDownload.objects.order_by("pk").values_list(
        "asset__title", "company__slug", "user__email", "co_branded"
    )
    assert list(rows) == [
        ("Brand guidelines", "northwind", lib.gold_admin.email, False),
        ("Brand guidelines", "northwind", lib.gold_user.email, False),
        ("Brand guidelines", "contoso", lib.silver_admin.email, False),
    ]


def test_company_admin_sees_own_company_counts_only(client, lib):
    _download(client, lib.gold_user, lib.partners)
    _download(client, lib.gold_user, lib.partners)
    _download(client, lib.gold_user, lib.gold_asset)
    _download(client, lib.silver_admin, lib.silver_asset)
    client.force_login(lib.gold_admin)

    response = client.get(reverse("marketing_assets:downloads"))

    assert response.status_code == 200
    assert [
        (row["asset__title"], row["count"]) for row in response.context["rows"]
    ] == [
        ("Brand guidelines", 2),
        ("Gold price sheet", 1),
    ]
    assert b"Silver price sheet" not in response.content


def test_partner_user_without_admin_role_cannot_see_counts(client, lib):
    client.force_login(lib.gold_user)

    response = client.get(reverse("marketing_assets:downloads"))

    assert response.status_code == 403


def test_staff_report_lists_counts_per_company(client, lib):
    _download(client, lib.gold_user, lib.partners)
    _download(client, lib.silver_admin, lib.partners)
    _download(client, lib.silver_admin, lib.partners)
    lib.staff.groups.add(Group.objects.get_or_create(name=StaffGroup.SALES.value)[0])
    client.force_login(lib.staff)

    response = client.get(reverse("marketing_assets:staff_report"))

    assert response.status_code == 200
    assert [
        (row["asset__title"], row["company__name"], row["count"])
        for row in response.context["rows"]
    ] == [
        ("Brand guidelines", "Contoso Franchise", 2),
        ("Brand guidelines", "Northwind Traders", 1),
    ]


def test_staff_outside_sales_and_content_get_403(client, lib):
    # lib.staff is Django staff but in no staff group.
    client.force_login(lib.staff)

    response = client.get(reverse("marketing_assets:staff_report"))

    assert response.status_code == 403


def test_inactive_member_downloads_nothing(client, lib):
    member = MembershipFactory(
        company=lib.gold, role=Role.PARTNER_USER, is_active=False
    )
    client.force_login(member.user)

    response = client.get(reverse("marketing_assets:download", args=[lib.partners.pk]))

    assert response.status_code == 302
    assert AssetDownload.objects.count() == 0


def test_content_editor_without_django_staff_sees_the_report(client, lib):
    _download(client, lib.gold_user, lib.partners)
    client.force_login(lib.editor)

    response = client.get(reverse("marketing_assets:staff_report"))

    assert response.status_code == 200
    assert [row["count"] for row in response.context["rows"]] == [1]


def test_report_tile_on_the_start_page_for_sales(client, lib):
    _download(client, lib.gold_user, lib.partners)
    _download(client, lib.silver_admin, lib.partners)
    lib.staff.groups.add(Group.objects.get_or_create(name=StaffGroup.SALES.value)[0])
    client.force_login(lib.staff)

    response = client.get(reverse("partner_portal:start"))

    content = response.content.decode()
    assert "Marketing material downloads" in content
    assert '<span class="tile-count">2</span>' in content
