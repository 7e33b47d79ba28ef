"""Reads of the asset library. Every list and every single asset goes through
`visible_assets(request)`: the audience rule and the validity window, so an
asset a user may not open is missing from lists, search and downloads alike
(and answers 404 by URL)."""

from datetime import timedelta

from django.db.models import Count, Max, Q
from django.http import Http404
from django.utils import timezone
from taggit.models import Tag

from marketing_assets.cobrand import BrandFacts
from marketing_assets.models import Asset, AssetCollection, AssetDownload, PartnerBrand
from partner_portal.audience import audience_q
from partner_portal.models import Company
from partner_portal.permissions import StaffGroup, is_in_staff_group

# Longer search input is cut: nobody types 200 characters to find a brochure,
# and the database need not scan for them.
MAX_QUERY = 200


def visible_assets(*, request):
    return Asset.objects.current().filter(audience_q(request))


def asset_list(*, request, filters=None):
    """The assets the request's user may see, filtered by `filters` (q,
    collection, kind, tag), featured first, newest first."""
    filters = filters or {}
    assets = visible_assets(request=request)
    if collection := filters.get("collection"):
        assets = assets.filter(collection=collection)
    if kind := filters.get("kind"):
        assets = assets.filter(kind=kind)
    if tag := filters.get("tag"):
        assets = assets.filter(tags__slug=tag)
    if query := (filters.get("q") or "").strip()[:MAX_QUERY]:
        matching = Asset.objects.filter(
            Q(title__icontains=query)
            | Q(description__icontains=query)
            | Q(tags__name__icontains=query)
        ).values("pk")
        assets = assets.filter(pk__in=matching)
    return (
        assets.select_related("collection")
        .prefetch_related("tags")
        .order_by("-is_featured", "-created_at", "-pk")
    )


def asset_get(*, request, pk) -> Asset:
    """One visible asset, or Http404 (also for another tier's or an expired one)."""
    try:
        return (
            visible_assets(request=request)
            .select_related("collection")
            .prefetch_related("tags")
            .get(pk=pk)
        )
    except (Asset.DoesNotExist, ValueError, TypeError) as error:
        raise Http404 from error


def asset_new_for(*, request, limit=5) -> list[Asset]:
    """Featured and newest assets for the partner area and the start page."""
    return list(
        visible_assets(request=request)
        .select_related("collection")
        .order_by("-is_featured", "-created_at", "-pk")[:limit]
    )


def collection_list(*, request):
    """Collections holding at least one asset the user may see, with counts."""
    visible = visible_assets(request=request).values("pk")
    return (
        AssetCollection.objects.annotate(
            asset_count=Count("assets", filter=Q(assets__in=visible))
        )
        .filter(asset_count__gt=0)
        .order_by("ordering", "name")
    )


def tag_list(*, request):
    visible = visible_assets(request=request).values("pk")
    return (
        Tag.objects.filter(marketing_assets_assettag_items__content_object__in=visible)
        .distinct()
        .order_by("name")
    )


def download_counts_for_company(*, company):
    """Per asset: how often members of `company` downloaded it, and when last."""
    return (
        AssetDownload.objects.for_company(company)
        .values("asset_id", "asset__title", "asset__kind")
        .annotate(count=Count("pk"), last=Max("downloaded_at"))
        .order_by("-count", "asset__title")
    )


def download_report():
    """Staff: downloads per asset and company, across companies."""
    return (
        AssetDownload.objects.values(
            "asset_id", "asset__title", "company_id", "company__name"
        )
        .annotate(count=Count("pk"), last=Max("downloaded_at"))
        .order_by("asset__title", "-count", "company__name")
    )


def download_count_since(*, days: int) -> int:
    since = timezone.now() - timedelta(days=days)
    return AssetDownload.objects.filter(downloaded_at__gte=since).count()


def may_see_download_report(user) -> bool:
    return is_in_staff_group(user, StaffGroup.SALES) or is_in_staff_group(
        user, StaffGroup.CONTENT_EDITOR
    )


def partner_brand_get(*, company) -> PartnerBrand | None:
    return PartnerBrand.objects.for_company(company).first()


def brand_defaults(*, company: Company) -> dict:
    """What a new PartnerBrand starts from: the company's name, billing
    address, phone and email."""
    address = company.billing_address
    lines = []
    if address is not None:
        lines = [
            line
            for line in (
                address.line1,
                address.line2,
                f"{address.postcode} {address.city}".strip(),
                address.country,
            )
            if line
        ]
    return {
        "display_name": company.name,
        "address": "\n".join(lines),
        "phone": company.phone,
        "email": company.email,
        "website": "",
    }


def brand_facts(*, company: Company) -> BrandFacts:
    """What this company's flyers show."""
    brand = partner_brand_get(company=company)
    if brand is None:
        defaults = brand_defaults(company=company)
        return BrandFacts(
            name=defaults["display_name"],
            address_lines=defaults["address"].splitlines(),
            contact_lines=[v for v in (defaults["phone"], defaults["email"]) if v],
        )
    logo = None
    if brand.logo:
        with brand.logo.open("rb") as handle:
            logo = handle.read()
    return BrandFacts(
        name=brand.display_name,
        address_lines=brand.address_lines,
        contact_lines=[v for v in (brand.phone, brand.email, brand.website) if v],
        logo=logo,
    )
