"""Who may open which marketing-asset URL: every named URL in the
`marketing_assets` namespace, for a visitor, a member of another company (here
the admin of Contoso, a silver franchisee, so that a gold asset answers 404),
a member missing the capability, and someone allowed. Denials change nothing
of Northwind's downloads and brand, nor any asset."""

from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile

from marketing_assets import services
from marketing_assets.models import Asset, AssetCollection, AssetDownload, PartnerBrand
from partner_portal.audience import Audience
from partner_portal.permissions import Role, StaffGroup
from tests.factories import (
    CompanyFactory,
    MembershipFactory,
    StaffUserFactory,
    UserFactory,
)
from tests.factories.marketing_assets import asset_create, image_bytes
from tests.helpers import snapshot
from tests.matrix import (
    FORBIDDEN,
    GO_NO_COMPANY,
    LOGIN,
    NOT_FOUND,
    OK,
    Expect,
    Row,
    matrix_tests,
)

BRAND = "/portal/assets/brand/"


def _gold(world):
    return {"pk": world.gold_asset.pk}


def _flyer(world):
    return {"pk": world.flyer.pk}


def _brand_form(world):
    return {"display_name": "Brand of whoever posts", "address": "Street 1"}


MATRIX = [
    Row(
        "marketing_assets:list",
        anonymous=LOGIN,
        other_company=OK,
        missing_capability=("customer", FORBIDDEN),
        allowed=("partner_user", OK),
    ),
    Row(
        "marketing_assets:list",
        missing_capability=("no_company", GO_NO_COMPANY),
        allowed=("staff", OK),
        label="-staff",
    ),
    Row(
        "marketing_assets:detail",
        kwargs=_gold,
        anonymous=LOGIN,
        other_company=NOT_FOUND,
        missing_capability=("customer", FORBIDDEN),
        allowed=("partner_user", OK),
    ),
    Row(
        "marketing_assets:download",
        kwargs=_gold,
        anonymous=LOGIN,
        other_company=NOT_FOUND,
        missing_capability=("customer", FORBIDDEN),
        allowed=("partner_user", Expect(200, changes=True)),
    ),
    Row(
        "marketing_assets:thumbnail",
        kwargs=_gold,
        anonymous=LOGIN,
        other_company=NOT_FOUND,
        missing_capability=("customer", FORBIDDEN),
        allowed=("partner_user", OK),
    ),
    Row(
        "marketing_assets:flyer",
        kwargs=_flyer,
        anonymous=LOGIN,
        other_company=NOT_FOUND,
        missing_capability=("customer", FORBIDDEN),
        allowed=("partner_user", Expect(200, changes=True)),
    ),
    Row(
        "marketing_assets:brand",
        anonymous=LOGIN,
        # Contoso's admin sees Contoso's own details.
        other_company=OK,
        missing_capability=("partner_user", FORBIDDEN),
        allowed=("admin", OK),
    ),
    Row(
        "marketing_assets:brand",
        method="post",
        data=_brand_form,
        anonymous=LOGIN,
        # Contoso's admin saves Contoso's brand: Northwind's stays as it was.
        other_company=Expect(302, BRAND),
        missing_capability=("partner_user", FORBIDDEN),
        allowed=("admin", Expect(302, BRAND, changes=True)),
    ),
    Row(
        "marketing_assets:brand",
        method="post",
        data=_brand_form,
        missing_capability=("customer", FORBIDDEN),
        label="-customer",
    ),
    Row(
        "marketing_assets:brand_logo",
        anonymous=LOGIN,
        # Contoso has no logo; Northwind's is never served to it.
        other_company=NOT_FOUND,
        missing_capability=("partner_user", FORBIDDEN),
        allowed=("admin", OK),
    ),
    Row(
        "marketing_assets:downloads",
        anonymous=LOGIN,
        other_company=OK,
        missing_capability=("partner_user", FORBIDDEN),
        allowed=("admin", OK),
    ),
    Row(
        "marketing_assets:staff_report",
        anonymous=LOGIN,
        other_company=FORBIDDEN,
        missing_capability=("staff", FORBIDDEN),
        allowed=("sales", OK),
    ),
    Row(
        "marketing_assets:staff_report",
        missing_capability=("partner_user", FORBIDDEN),
        allowed=("editor", OK),
        label="-editor",
    ),
]


@pytest.fixture
def world(db):
    northwind = CompanyFactory(name="Northwind Traders", distributor=True)
    contoso = CompanyFactory(name="Contoso Franchise", franchisee=True)
    customer = CompanyFactory(name="Acme Industrial GmbH")
    collection = AssetCollection.objects.create(name="Campaign")
    gold_asset = asset_create(
        title="Gold price sheet",
        kind=Asset.Kind.PRICE_SHEET,
        audience=Audience.GOLD,
        collection=collection,
        thumbnail=ContentFile(image_bytes("PNG"), name="thumb.png"),
    )
    flyer = asset_create(
        title="Gold poster",
        kind=Asset.Kind.FLYER_TEMPLATE,
        audience=Audience.GOLD,
        collection=collection,
        co_brandable=True,
    )
    services.partner_brand_save(
        company=northwind,
        display_name="Northwind",
        logo=ContentFile(image_bytes("PNG"), name="logo.png"),
    )
    sales = StaffUserFactory()
    sales.groups.add(Group.objects.get_or_create(name=StaffGroup.SALES.value)[0])
    editor = UserFactory()
    editor.groups.add(
        Group.objects.get_or_create(name=StaffGroup.CONTENT_EDITOR.value)[0]
    )
    users = {
        "anonymous": None,
        "admin": MembershipFactory(company=northwind, role=Role.COMPANY_ADMIN).user,
        "partner_user": MembershipFactory(
            company=northwind, role=Role.PARTNER_USER
        ).user,
        "other_admin": MembershipFactory(company=contoso, role=Role.COMPANY_ADMIN).user,
        "customer": MembershipFactory(company=customer, role=Role.COMPANY_ADMIN).user,
        "no_company": UserFactory(),
        "staff": StaffUserFactory(),
        "sales": sales,
        "editor": editor,
    }
    return SimpleNamespace(
        company=northwind, gold_asset=gold_asset, flyer=flyer, users=users
    )


def _database(world):
    return snapshot(
        Asset,
        AssetDownload.objects.for_company(world.company),
        PartnerBrand.objects.for_company(world.company),
    )


(
    test_access,
    test_every_named_url_is_in_the_matrix,
    test_every_row_has_an_expectation,
) = matrix_tests(
    MATRIX,
    "marketing_assets",
    database=_database,
)


def test_assets_above_the_other_partner_s_tier_are_404():
    by_url = {row.name for row in MATRIX if row.kwargs in (_gold, _flyer)}
    not_found = {row.name for row in MATRIX if row.other_company == NOT_FOUND}

    assert by_url <= not_found
