"""A gold distributor (Northwind), a silver franchisee (Contoso), a customer
(Acme) and assets for every partner audience, one of them expired."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from marketing_assets.models import Asset
from partner_portal.audience import Audience
from partner_portal.permissions import Role, StaffGroup
from tests.factories import CompanyFactory, MembershipFactory, StaffUserFactory
from tests.factories.marketing_assets import AssetCollectionFactory, asset_create


@pytest.fixture
def lib(db):
    gold = CompanyFactory(name="Northwind Traders", slug="northwind", distributor=True)
    silver = CompanyFactory(name="Contoso Franchise", slug="contoso", franchisee=True)
    customer = CompanyFactory(name="Acme Industrial GmbH", slug="acme")
    campaign = AssetCollectionFactory(name="Spring campaign", ordering=10)
    kit = AssetCollectionFactory(name="Brand kit", ordering=20)
    today = timezone.localdate()
    editors = Group.objects.get_or_create(name=StaffGroup.CONTENT_EDITOR.value)[0]
    editor = StaffUserFactory(email="editor@portal.example", is_staff=False)
    editor.groups.add(editors)
    return SimpleNamespace(
        gold=gold,
        silver=silver,
        customer=customer,
        campaign=campaign,
        kit=kit,
        gold_admin=MembershipFactory(company=gold, role=Role.COMPANY_ADMIN).user,
        gold_user=MembershipFactory(company=gold, role=Role.PARTNER_USER).user,
        silver_admin=MembershipFactory(company=silver, role=Role.COMPANY_ADMIN).user,
        customer_admin=MembershipFactory(
            company=customer, role=Role.COMPANY_ADMIN
        ).user,
        staff=StaffUserFactory(email="sales@portal.example"),
        editor=editor,
        partners=asset_create(
            title="Brand guidelines",
            audience=Audience.PARTNERS,
            collection=kit,
            tags=["brand"],
        ),
        silver_asset=asset_create(
            title="Silver price sheet",
            kind=Asset.Kind.PRICE_SHEET,
            audience=Audience.SILVER,
            collection=campaign,
            tags=["prices"],
        ),
        gold_asset=asset_create(
            title="Gold price sheet",
            kind=Asset.Kind.PRICE_SHEET,
            audience=Audience.GOLD,
            collection=campaign,
            tags=["prices"],
        ),
        expired=asset_create(
            title="Winter sale price sheet",
            kind=Asset.Kind.PRICE_SHEET,
            audience=Audience.PARTNERS,
            collection=campaign,
            valid_from=today - timedelta(days=90),
            valid_until=today - timedelta(days=1),
        ),
        flyer=asset_create(
            title="Spring sale flyer",
            kind=Asset.Kind.FLYER_TEMPLATE,
            audience=Audience.PARTNERS,
            collection=campaign,
            co_brandable=True,
            data=None,
        ),
    )
