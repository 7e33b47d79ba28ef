"""Demo marketing library: three collections, ten assets across the partner
tiers (one of them expired), two co-brandable flyer templates, a few
downloads by Northwind and Contoso, and Northwind's flyer details with a logo.

Every file is drawn here at load time (ReportLab PDFs, Pillow PNGs): nothing
is downloaded."""

from datetime import timedelta
from io import BytesIO

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image, ImageDraw
from reportlab.lib.colors import Color, HexColor, white
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

from marketing_assets import services
from marketing_assets.models import Asset, AssetCollection, AssetDownload
from marketing_assets.selectors import brand_defaults, partner_brand_get
from partner_portal.audience import Audience

Kind = Asset.Kind

COLLECTIONS = [
    # name, description, ordering
    (
        "Spring campaign 2026",
        "Flyers, brochure and posters for the spring sale on cordless tools.",
        10,
    ),
    ("Brand kit", "Logos, photos and the brand guidelines.", 20),
    ("Price sheets", "Current partner price sheets by tier.", 30),
]

# title, collection, kind, audience, tags, featured, co-brandable, days valid
# (None: open-ended; negative: expired), description
ASSETS = [
    (
        "Spring sale flyer (co-branded)",
        "Spring campaign 2026",
        Kind.FLYER_TEMPLATE,
        Audience.PARTNERS,
        ["spring", "flyer", "cordless"],
        True,
        True,
        90,
        "A4 flyer for the spring sale, stamped with your name, logo and address.",
    ),
    (
        "Gold partner window poster (co-branded)",
        "Spring campaign 2026",
        Kind.FLYER_TEMPLATE,
        Audience.GOLD,
        ["spring", "poster"],
        True,
        True,
        90,
        "Landscape poster for shop windows, for gold partners.",
    ),
    (
        "Spring campaign brochure",
        "Spring campaign 2026",
        Kind.BROCHURE,
        Audience.SILVER,
        ["spring", "brochure", "cordless"],
        False,
        False,
        90,
        "Eight pages on the cordless range with campaign prices.",
    ),
    (
        "Trade fair banner",
        "Spring campaign 2026",
        Kind.IMAGE,
        Audience.GOLD,
        ["spring", "trade fair"],
        False,
        False,
        None,
        "Banner artwork for trade fair stands.",
    ),
    (
        "Portal logo",
        "Brand kit",
        Kind.LOGO,
        Audience.PARTNERS,
        ["logo", "brand"],
        False,
        False,
        None,
        "Our logo as PNG for web and print.",
    ),
    (
        "Product photo: cordless drill",
        "Brand kit",
        Kind.IMAGE,
        Audience.PARTNERS,
        ["photo", "cordless"],
        False,
        False,
        None,
        "Studio photo of the 18 V cordless drill.",
    ),
    (
        "Brand guidelines",
        "Brand kit",
        Kind.BROCHURE,
        Audience.PARTNERS,
        ["brand"],
        False,
        False,
        None,
        "How to use our logo, colours and type.",
    ),
    (
        "Partner price sheet 2026",
        "Price sheets",
        Kind.PRICE_SHEET,
        Audience.SILVER,
        ["prices"],
        False,
        False,
        365,
        "Recommended retail and partner prices, silver tier.",
    ),
    (
        "Distributor price sheet 2026 (gold)",
        "Price sheets",
        Kind.PRICE_SHEET,
        Audience.GOLD,
        ["prices"],
        False,
        False,
        365,
        "Volume prices for gold distributors.",
    ),
    (
        "Winter sale 2025 price sheet",
        "Price sheets",
        Kind.PRICE_SHEET,
        Audience.PARTNERS,
        ["prices", "winter"],
        False,
        False,
        -30,
        "Expired: shows that old campaign material disappears.",
    ),
]

# company slug, user email, asset title, how many downloads
DOWNLOADS = [
    ("northwind", "partner@northwind.example", "Spring sale flyer (co-branded)", 4),
    (
        "northwind",
        "partner@northwind.example",
        "Distributor price sheet 2026 (gold)",
        2,
    ),
    ("northwind", "partner@northwind.example", "Portal logo", 1),
    ("contoso", "franchise@contoso.example", "Spring sale flyer (co-branded)", 2),
    ("contoso", "franchise@contoso.example", "Partner price sheet 2026", 3),
]

PRIMARY = HexColor("#0b5cad")


def _pdf(title, lines, *, flyer=False, pagesize=A4) -> bytes:
    buffer = BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=pagesize)
    pdf.setTitle(title)
    width, height = pagesize
    pdf.setFillColor(PRIMARY)
    pdf.rect(0, height - 70 * mm, width, 70 * mm, stroke=0, fill=1)
    pdf.setFillColor(white)
    pdf.setFont("Helvetica-Bold", 28)
    pdf.drawString(20 * mm, height - 40 * mm, title)
    pdf.setFillColor(Color(0.1, 0.1, 0.1))
    pdf.setFont("Helvetica", 14)
    y = height - 90 * mm
    for line in lines:
        pdf.drawString(20 * mm, y, line)
        y -= 9 * mm
    if flyer:
        # The bottom band is left free: the partner's details are stamped there.
        pdf.setStrokeColor(Color(0.8, 0.8, 0.8))
        pdf.setDash(3, 3)
        pdf.rect(5 * mm, 5 * mm, width - 10 * mm, 26 * mm, stroke=1, fill=0)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _png(text, size=(800, 450), colour=(11, 92, 173)) -> bytes:
    image = Image.new("RGB", size, colour)
    draw = ImageDraw.Draw(image)
    draw.rectangle(
        [20, 20, size[0] - 20, size[1] - 20], outline=(255, 255, 255), width=6
    )
    draw.text((50, size[1] // 2 - 10), text, fill=(255, 255, 255))
    buffer = BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def _file(title, kind, co_brandable):
    slug = title.lower().replace(" ", "-").replace("(", "").replace(")", "")
    slug = slug.replace(":", "").replace(",", "")
    if kind in (Kind.LOGO, Kind.IMAGE):
        return f"{slug}.png", _png(title)
    if kind == Kind.FLYER_TEMPLATE:
        pagesize = landscape(A4) if "poster" in title.lower() else A4
        return f"{slug}.pdf", _pdf(
            title.replace(" (co-branded)", ""),
            [
                "Spring sale: 20% off all cordless tools.",
                "From 1 March to 31 May at your local partner.",
                "Ask us about trade-in offers.",
            ],
            flyer=True,
            pagesize=pagesize,
        )
    return f"{slug}.pdf", _pdf(title, ["Demo document of the partner portal."])


def load(*, stdout, companies):
    User = get_user_model()
    today = timezone.localdate()
    collections = {}
    for name, description, ordering in COLLECTIONS:
        collections[name], _created = AssetCollection.objects.get_or_create(
            name=name, defaults={"description": description, "ordering": ordering}
        )

    assets = {}
    created = 0
    for (
        title,
        collection,
        kind,
        audience,
        tags,
        featured,
        co_brandable,
        days,
        description,
    ) in ASSETS:
        asset = Asset.objects.filter(title=title).first()
        if asset is None:
            filename, data = _file(title, kind, co_brandable)
            valid_from = valid_until = None
            if days is not None and days < 0:
                valid_from = today + timedelta(days=days - 90)
                valid_until = today + timedelta(days=days)
            elif days is not None:
                valid_until = today + timedelta(days=days)
            asset = services.asset_create(
                title=title,
                kind=kind,
                collection=collections[collection],
                upload=ContentFile(data, name=filename),
                filename=filename,
                audience=audience,
                description=description,
                tags=tags,
                valid_from=valid_from,
                valid_until=valid_until,
                co_brandable=co_brandable,
                is_featured=featured,
            )
            created += 1
        assets[title] = asset

    for slug, email, title, count in DOWNLOADS:
        company = companies[slug]
        asset = assets[title]
        if AssetDownload.objects.for_company(company).filter(asset=asset).exists():
            continue
        user = User.objects.get(email=email)
        for _ in range(count):
            services.asset_download_record(
                asset=asset,
                company=company,
                user=user,
                co_branded=asset.co_brandable,
            )

    northwind = companies["northwind"]
    if partner_brand_get(company=northwind) is None:
        defaults = brand_defaults(company=northwind)
        services.partner_brand_save(
            company=northwind,
            display_name=defaults["display_name"],
            address=defaults["address"],
            phone=defaults["phone"],
            email=defaults["email"],
            website="https://northwind.example",
            logo=ContentFile(
                _png("NORTHWIND", size=(400, 160), colour=(20, 120, 60)),
                name="northwind-logo.png",
            ),
        )
    stdout.write(
        f"Marketing assets: {len(assets)} assets ({created} new) in "
        f"{len(collections)} collections; Northwind's flyer details."
    )
