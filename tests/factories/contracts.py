"""Factories for offers and contracts, built through the contracts services
as sales staff build them (real PDF renders)."""

from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth.models import Group
from django.utils import timezone

from contracts import services
from contracts.models import Contract, Offer
from partner_portal.permissions import StaffGroup
from tests.factories.accounts import StaffUserFactory


def sales_user_create(**kwargs):
    """One of our sales people: Django staff in the Sales group."""
    kwargs.setdefault("first_name", "Sam")
    kwargs.setdefault("last_name", "Sales")
    user = StaffUserFactory(**kwargs)
    user.groups.add(Group.objects.get_or_create(name=StaffGroup.SALES.value)[0])
    return user


def line(
    description="Installation on site",
    *,
    quantity=1,
    unit_price="100.00",
    discount="0",
    tax_rate="19",
    product=None,
    sku="",
):
    return services.LineInput(
        description=description,
        quantity=quantity,
        unit_price=Decimal(unit_price),
        discount_percent=Decimal(discount),
        tax_rate=Decimal(tax_rate),
        sku=sku,
        product=product,
    )


def offer_draft_create(
    *,
    company,
    sales,
    lines=None,
    title="Framework offer",
    language="en",
    valid_until: date | None = None,
    header: dict | None = None,
) -> Offer:
    """An offer with a saved draft v1 (not sent)."""
    offer = services.offer_create(
        company=company, user=sales, title=title, language=language
    )
    services.offer_draft_save(
        version=offer.versions.get(),
        user=sales,
        header={
            "valid_until": valid_until or timezone.localdate() + timedelta(days=30),
            "payment_terms": "30 days net",
            **(header or {}),
        },
        lines=lines if lines is not None else [line()],
    )
    return offer


def offer_sent_create(**kwargs) -> Offer:
    """An offer whose v1 has been sent (PDF rendered and stored)."""
    offer = offer_draft_create(**kwargs)
    services.offer_send(version=offer.versions.get(), user=kwargs["sales"])
    offer.refresh_from_db()
    return offer


def contract_create(
    *,
    company,
    title="Service contract",
    start_date=None,
    end_date=None,
    notice_days=30,
    kind=Contract.Kind.CONTRACT,
    **kwargs,
) -> Contract:
    today = timezone.localdate()
    return services.contract_create(
        company=company,
        title=title,
        start_date=start_date or today - timedelta(days=100),
        end_date=end_date or today + timedelta(days=265),
        notice_days=notice_days,
        kind=kind,
        **kwargs,
    )
