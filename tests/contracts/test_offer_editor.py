"""The sales editor: lines from the catalogue or free text, prices and
discounts validated; bad input is shown again and saves nothing."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from contracts import services
from contracts.models import OfferLine, OfferVersion
from tests.factories.contracts import line
from tests.helpers import snapshot


def _header(**overrides):
    return {
        "title": "Bolts 2027",
        "language": "de",
        "contact_person": "",
        "valid_until": "2099-01-31",
        "cover_note": "Hello",
        "payment_terms": "30 days",
        "delivery_terms": "",
        "contract_months": "12",
        "notice_days": "30",
        "renewal_terms": "",
        **overrides,
    }


def _lines(*rows):
    data = {
        "lines-TOTAL_FORMS": str(len(rows)),
        "lines-INITIAL_FORMS": "0",
        "lines-MIN_NUM_FORMS": "0",
        "lines-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        for key, value in row.items():
            data[f"lines-{index}-{key}"] = value
    return data


@pytest.fixture
def offer(company, sales):
    return services.offer_create(company=company, user=sales, title="Draft")


def test_sales_save_catalogue_and_free_text_lines(
    client, sales, offer, bolts, acme_bolt_price
):
    client.force_login(sales)

    response = client.post(
        reverse("contracts:staff_offer_edit", args=[offer.pk]),
        {
            **_header(),
            **_lines(
                {"sku": "bolt-m8-100", "quantity": "3", "discount_percent": "10"},
                {
                    "description": "Training",
                    "quantity": "1",
                    "unit_price": "250",
                    "tax_rate": "7",
                },
            ),
        },
    )

    assert response.status_code == 302
    lines = list(OfferLine.objects.filter(version__offer=offer))
    assert [
        (
            row.product,
            row.sku,
            row.description,
            row.quantity,
            row.unit_price,
            row.discount_percent,
            row.tax_rate,
        )
        for row in lines
    ] == [
        (
            bolts,
            "BOLT-M8-100",
            "Hex bolt M8 (100)",
            3,
            Decimal("16.50"),
            Decimal("10"),
            Decimal("19.00"),
        ),
        (None, "", "Training", 1, Decimal("250"), Decimal("0"), Decimal("7")),
    ]
    version = offer.versions.get()
    assert version.total_net == Decimal("294.55")
    offer.refresh_from_db()
    assert (offer.title, offer.language) == ("Bolts 2027", "de")


@pytest.mark.parametrize(
    ("row", "error"),
    [
        (
            {"description": "X", "quantity": "1", "unit_price": "-1"},
            "The price cannot be negative.",
        ),
        (
            {
                "description": "X",
                "quantity": "1",
                "unit_price": "10",
                "discount_percent": "100.01",
            },
            "The discount must be between 0 and 100 %.",
        ),
        (
            {
                "description": "X",
                "quantity": "1",
                "unit_price": "10",
                "discount_percent": "-5",
            },
            "The discount must be between 0 and 100 %.",
        ),
        (
            {"description": "X", "quantity": "0", "unit_price": "10"},
            "Ensure this value is greater than or equal to 1.",
        ),
        (
            {"sku": "NOPE-1", "quantity": "1", "unit_price": "10"},
            "Unknown article number.",
        ),
        (
            {"quantity": "1", "unit_price": "10"},
            "Enter an article number or a description.",
        ),
    ],
)
def test_bad_lines_are_shown_again_and_nothing_is_saved(
    client, sales, offer, row, error
):
    client.force_login(sales)
    before = snapshot(OfferLine, OfferVersion)

    response = client.post(
        reverse("contracts:staff_offer_edit", args=[offer.pk]),
        {**_header(title="Typed title"), **_lines(row)},
    )

    assert response.status_code == 400
    body = response.content.decode()
    assert error in body
    assert 'value="Typed title"' in body
    assert snapshot(OfferLine, OfferVersion) == before


def test_the_service_refuses_a_negative_price_and_a_discount_over_100(offer, sales):
    draft = offer.versions.get()
    before = snapshot(OfferLine, OfferVersion)

    with pytest.raises(ValidationError) as negative:
        services.offer_draft_save(
            version=draft, user=sales, header={}, lines=[line(unit_price="-0.01")]
        )
    with pytest.raises(ValidationError) as discount:
        services.offer_draft_save(
            version=draft, user=sales, header={}, lines=[line(discount="100.5")]
        )

    assert "unit_price" in negative.value.message_dict
    assert "discount_percent" in discount.value.message_dict
    assert snapshot(OfferLine, OfferVersion) == before


def test_saving_a_sent_offer_starts_the_next_version(client, company, sales):
    from tests.factories.contracts import offer_sent_create

    offer = offer_sent_create(company=company, sales=sales)
    client.force_login(sales)

    response = client.post(
        reverse("contracts:staff_offer_edit", args=[offer.pk]),
        {
            **_header(),
            **_lines({"description": "New", "quantity": "2", "unit_price": "5"}),
        },
    )

    assert response.status_code == 302
    assert list(offer.versions.order_by("number").values_list("number", "status")) == [
        (1, "sent"),
        (2, "draft"),
    ]
    assert list(
        offer.versions.get(number=1).lines.values_list("description", flat=True)
    ) == ["Installation on site"]


def test_preview_renders_without_storing(client, company, sales):
    from tests.factories.contracts import offer_draft_create

    offer = offer_draft_create(company=company, sales=sales)
    client.force_login(sales)
    before = snapshot(OfferVersion)

    response = client.get(reverse("contracts:staff_offer_preview", args=[offer.pk]))

    assert response.status_code == 200
    assert response.content.startswith(b"%PDF-")
    assert snapshot(OfferVersion) == before
