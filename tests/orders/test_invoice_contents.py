"""An invoice is a valid business document: it names the issuer (legal name,
address, VAT ID, register, bank), the customer with their VAT ID, the invoice
and delivery dates, the payment terms and the due date. The issuer comes from
the Branding settings, and from PORTAL_ISSUER_* where editors left it empty."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from oscar.core.loading import get_model

from orders import invoices
from partner_portal.issuer import issuer_details
from partner_portal.models import Branding, CompanyAddress, validate_iban
from tests.factories import CompanyAddressFactory
from tests.factories.orders import CompanyAccountFactory, order_place
from tests.pdf_glyphs import capture_pdf_html

ShippingEvent = get_model("order", "ShippingEvent")
ShippingEventType = get_model("order", "ShippingEventType")


@pytest.fixture
def branding(db):
    branding = Branding.load()
    branding.issuer_name = "Muster Werkzeug GmbH"
    branding.issuer_address = "Hafenstraße 1\n20457 Hamburg\nGermany"
    branding.issuer_vat_id = "DE123456789"
    branding.issuer_register = "Amtsgericht Hamburg HRB 12345"
    branding.issuer_bank_name = "Hamburger Bank"
    branding.issuer_iban = "DE89370400440532013000"
    branding.issuer_bic = "COBADEFFXXX"
    branding.full_clean()
    branding.save()
    return branding


@pytest.fixture
def order(company, buyer, bolts, acme_bolt_price, invoice_files):
    company.vat_id = "DE987654321"
    company.save()
    CompanyAddressFactory(
        company=company,
        kind=CompanyAddress.Kind.BILLING,
        line1="Industriestraße 9",
        postcode="80331",
        city="München",
    )
    CompanyAccountFactory(company=company, payment_terms_days=14)
    return order_place(user=buyer, company=company, lines=[(bolts, 2)])


def _invoice_html(monkeypatch, order) -> str:
    pages = capture_pdf_html(monkeypatch)
    invoices.invoice_create(order=order)
    return pages[0]


def test_the_invoice_names_issuer_and_customer(monkeypatch, branding, order):
    html = _invoice_html(monkeypatch, order)

    for fact in (
        "Muster Werkzeug GmbH",
        "Hafenstraße 1",
        "20457 Hamburg",
        "DE123456789",
        "Amtsgericht Hamburg HRB 12345",
        "Hamburger Bank",
        "DE89 3704 0044 0532 0130 00",
        "COBADEFFXXX",
        "Acme Industrial GmbH",
        "Industriestraße 9",
        "80331 München",
        "DE987654321",
    ):
        assert fact in html, fact


def test_the_invoice_states_dates_terms_and_due_date(monkeypatch, branding, order):
    html = _invoice_html(monkeypatch, order)

    today = timezone.localdate()
    due = today + timedelta(days=14)
    placed = timezone.localtime(order.date_placed).date()
    assert f"Invoice date</td><td>{today:%m/%d/%Y}<" in html
    assert f"Delivery date</td><td>{placed:%m/%d/%Y}<" in html
    assert f"Payment due</td><td>{due:%m/%d/%Y}<" in html
    assert (
        f"Payment terms: 14 days net. Please transfer the amount by {due:%m/%d/%Y}"
        in html
    )


def test_the_delivery_date_is_the_day_the_order_shipped(monkeypatch, branding, order):
    shipped_on = timezone.now() - timedelta(days=3)
    event = ShippingEvent.objects.create(
        order=order,
        event_type=ShippingEventType.objects.get_or_create(name="Shipped")[0],
    )
    ShippingEvent.objects.filter(pk=event.pk).update(date_created=shipped_on)

    html = _invoice_html(monkeypatch, order)

    assert f"Delivery date</td><td>{timezone.localtime(shipped_on):%m/%d/%Y}<" in html


def test_what_branding_leaves_empty_comes_from_the_settings(db, settings):
    settings.PORTAL_ISSUER_NAME = "Env Issuer AG"
    settings.PORTAL_ISSUER_ADDRESS = ["Weg 2", "10115 Berlin"]
    settings.PORTAL_ISSUER_VAT_ID = "DE111111111"
    settings.PORTAL_PAYMENT_TERMS_DAYS = 21
    branding = Branding.load()
    branding.issuer_vat_id = "DE222222222"
    branding.save()

    issuer = issuer_details()

    assert (issuer.name, issuer.address_lines, issuer.vat_id) == (
        "Env Issuer AG",
        ("Weg 2", "10115 Berlin"),
        "DE222222222",
    )
    assert issuer.payment_terms_days == 21


def test_without_bank_details_no_bank_block_is_printed(monkeypatch, order, settings):
    settings.PORTAL_ISSUER_IBAN = ""

    html = _invoice_html(monkeypatch, order)

    assert "IBAN" not in html
    assert "BIC" not in html


@pytest.mark.parametrize(
    ("iban", "valid"),
    [
        ("DE89 3704 0044 0532 0130 00", True),
        ("GB82WEST12345698765432", True),
        ("DE89 3704 0044 0532 0130 01", False),  # check digits do not match
        ("DE89", False),
        ("DE89-3704-0044-0532-0130-00", False),
    ],
)
def test_an_iban_is_checked_by_its_check_digits(iban, valid):
    if valid:
        validate_iban(iban)
    else:
        with pytest.raises(ValidationError):
            validate_iban(iban)
