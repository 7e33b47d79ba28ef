"""Demo offers and contracts (called by `load_demo`; idempotent by title):
an open offer for Acme, an accepted one with its contract, a contract of
Acme's that expires soon, partner agreements for Northwind and Contoso, and
an open request for an offer from Acme's buyer. Built through the services,
so the PDFs are real renders."""

from datetime import timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone
from oscar.core.loading import get_class, get_model

from contracts import services
from contracts.models import Contract, Offer, OfferRequest

StockRecord = get_model("partner", "StockRecord")
Selector = get_class("partner.strategy", "Selector")

OPEN_OFFER = "Safety equipment for 2027"
ACCEPTED_OFFER = "Fasteners and helmets, framework 2026/27"
EXPIRING = "Maintenance and service of the workshop tools"
REQUEST = "Please quote 200 boxes of hex bolts M8 × 40 as a yearly call-off."
TERMS = {
    "payment_terms": "30 days net; 2 % discount within 10 days.",
    "delivery_terms": "Free delivery to your warehouses in Germany, 3–5 working days.",
    "renewal_terms": "Renews for 12 months unless either side gives notice.",
}


def _line(company, sku, quantity, discount):
    """A catalogue line at the company's current price."""
    record = StockRecord.objects.filter(partner_sku=sku).select_related("product")
    record = record.first()
    if record is None:
        return None
    info = Selector().strategy(company=company).fetch_for_product(record.product)
    return services.LineInput(
        description=record.product.get_title(),
        quantity=quantity,
        unit_price=info.price.excl_tax,
        discount_percent=Decimal(discount),
        tax_rate=services.default_tax_rate(),
        sku=sku,
        product=record.product,
    )


def _offer(*, company, sales, title, lines, cover_note, valid_days=30):
    offer = services.offer_create(
        company=company, user=sales, title=title, contact_person=sales, language="en"
    )
    version = offer.versions.get()
    services.offer_draft_save(
        version=version,
        user=sales,
        header={
            **TERMS,
            "valid_until": timezone.localdate() + timedelta(days=valid_days),
            "cover_note": cover_note,
            "contract_months": 12,
            "notice_days": 60,
        },
        lines=[line for line in lines if line is not None],
    )
    services.offer_send(version=version, user=sales)
    return offer


def load(*, stdout, companies):
    User = get_user_model()
    sales = User.objects.filter(email="sales@portal.example").first()
    acme = companies["acme"]
    admin = User.objects.filter(email="admin@acme.example").first()
    buyer = User.objects.filter(email="buyer@acme.example").first()
    if sales is None or admin is None or buyer is None:
        stdout.write("contracts: demo users missing, skipped")
        return
    today = timezone.localdate()
    offers = Offer.objects.for_company(acme)

    if not offers.filter(title=OPEN_OFFER).exists():
        _offer(
            company=acme,
            sales=sales,
            title=OPEN_OFFER,
            lines=[
                _line(acme, "GLOVE-L-10", 50, "12.5"),
                _line(acme, "HELMET-W", 40, "10"),
                _line(acme, "TAPE-50", 100, "5"),
                services.LineInput(
                    description="Fitting of the helmets and a safety briefing on site",
                    quantity=1,
                    unit_price=Decimal("480.00"),
                    tax_rate=services.default_tax_rate(),
                ),
            ],
            cover_note="Thank you for your interest. As discussed, here is our "
            "offer for next year's safety equipment.",
        )
    if not offers.filter(title=ACCEPTED_OFFER).exists():
        offer = _offer(
            company=acme,
            sales=sales,
            title=ACCEPTED_OFFER,
            lines=[
                _line(acme, "NUT-M8-100", 100, "10"),
                _line(acme, "BOLT-M8-100", 80, "0"),
            ],
            cover_note="Framework prices for fasteners for one year.",
        )
        services.offer_accept(
            company=acme,
            offer_id=offer.pk,
            version_number=1,
            user=admin,
            typed_name=admin.get_full_name(),
            terms_accepted=True,
            ip_address="127.0.0.1",
            user_agent="load_demo",
        )
    contracts = Contract.objects.for_company(acme)
    if not contracts.filter(title=EXPIRING).exists():
        services.contract_create(
            company=acme,
            title=EXPIRING,
            start_date=today - timedelta(days=340),
            end_date=today + timedelta(days=25),
            notice_days=14,
            renewal_terms=TERMS["renewal_terms"],
            contact_person=sales,
        )
    for slug, title in (
        ("northwind", "Distribution agreement Northern Europe"),
        ("contoso", "Franchise agreement"),
    ):
        company = companies.get(slug)
        if company is None:
            continue
        if not Contract.objects.for_company(company).filter(title=title).exists():
            services.contract_create(
                company=company,
                kind=Contract.Kind.PARTNER_AGREEMENT,
                title=title,
                start_date=today - timedelta(days=400),
                end_date=today + timedelta(days=700),
                notice_days=180,
                renewal_terms="Renews for 24 months unless either side gives notice.",
                contact_person=sales,
            )
    if not OfferRequest.objects.for_company(acme).filter(message=REQUEST).exists():
        services.offer_request_create(
            company=acme, user=buyer, message=REQUEST, language="en"
        )
    stdout.write("contracts: offers, contracts and partner agreements ready")
