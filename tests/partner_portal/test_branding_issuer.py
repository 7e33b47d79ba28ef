"""Editors set the issuer of the portal's documents in Wagtail's Branding
settings; an IBAN with wrong check digits is refused and nothing is saved."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from partner_portal.models import Branding


def _url():
    branding = Branding.load()
    return reverse(
        "wagtailsettings:edit", args=["partner_portal", "branding", branding.pk]
    )


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_superuser(
        email="editor@portal.example", password="x", username="editor"
    )


def _form(**issuer):
    return {
        "portal_name": "Partner Portal",
        "primary_colour": "#0b5cad",
        "footer_text": "",
        "issuer_name": "Muster Werkzeug GmbH",
        "issuer_address": "Hafenstraße 1\r\n20457 Hamburg",
        "issuer_vat_id": "DE123456789",
        "issuer_register": "Amtsgericht Hamburg HRB 12345",
        "issuer_email": "billing@muster.example",
        "issuer_bank_name": "Hamburger Bank",
        "issuer_iban": "DE89 3704 0044 0532 0130 00",
        "issuer_bic": "COBADEFFXXX",
        "payment_terms_days": "21",
        **issuer,
    }


def test_an_editor_sets_the_issuer(client, editor):
    client.force_login(editor)

    response = client.post(_url(), _form())

    assert response.status_code == 302
    branding = Branding.load()
    assert (
        branding.issuer_name,
        branding.issuer_iban,
        branding.payment_terms_days,
    ) == (
        "Muster Werkzeug GmbH",
        "DE89 3704 0044 0532 0130 00",
        21,
    )
    assert "Issuer of invoices and certificates" in client.get(_url()).text


@pytest.mark.parametrize(
    ("field", "value"),
    [("issuer_iban", "DE00 3704 0044 0532 0130 00"), ("issuer_bic", "cobadeff")],
)
def test_a_wrong_iban_or_bic_is_refused(client, editor, field, value):
    client.force_login(editor)

    response = client.post(_url(), _form(**{field: value}))

    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert Branding.load().issuer_name == ""
