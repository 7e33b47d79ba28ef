"""An accepted offer's lines go into the basket in one click, and the basket
charges the offer prices (the contract put them into the price list)."""

from decimal import Decimal

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from contracts import services
from tests.factories.contracts import line, offer_sent_create
from tests.helpers import messages_of, snapshot

Basket = get_model("basket", "Basket")
Line = get_model("basket", "Line")


@pytest.fixture
def accepted(company, sales, buyer, bolts, gloves, acme_bolt_price):
    offer = offer_sent_create(
        company=company,
        sales=sales,
        lines=[
            line(
                "Bolts",
                product=bolts,
                sku="BOLT-M8-100",
                quantity=4,
                unit_price="16.50",
                discount="20",
            ),
            line(
                "Gloves",
                product=gloves,
                sku="GLOVE-L-10",
                quantity=2,
                unit_price="25.00",
                discount="0",
            ),
            line("Installation", unit_price="99.00"),
        ],
    )
    services.offer_accept(
        company=company,
        offer_id=offer.pk,
        version_number=1,
        user=buyer,
        typed_name="Bruno Buyer",
        terms_accepted=True,
        ip_address="127.0.0.1",
        user_agent="test",
    )
    return offer


def test_one_click_puts_the_lines_into_the_basket_at_the_offer_prices(
    client, buyer, accepted, bolts, gloves
):
    client.force_login(buyer)

    response = client.post(reverse("contracts:offer_to_basket", args=[accepted.pk]))

    assert response.status_code == 302
    assert response.url == reverse("basket:summary")
    assert messages_of(response) == [
        "2 lines were put into your basket at the offer prices.",
        "Not put into the basket (not orderable in the shop): Installation",
    ]
    basket = Basket.objects.get(owner=buyer, status=Basket.OPEN)
    lines = {line.product: line for line in basket.lines.all()}
    assert {p: (row.quantity, row.price_excl_tax) for p, row in lines.items()} == {
        bolts: (4, Decimal("13.20")),
        gloves: (2, Decimal("25.00")),
    }
    # What the basket page (and so the checkout) charges:
    page = client.get(reverse("basket:summary"))
    page_basket = page.context["basket"]
    assert page_basket.total_excl_tax == Decimal("102.80")


def test_an_open_offer_cannot_be_put_into_the_basket(
    client, company, sales, buyer, bolts
):
    offer = offer_sent_create(
        company=company,
        sales=sales,
        lines=[line("Bolts", product=bolts, sku="BOLT-M8-100")],
    )
    client.force_login(buyer)
    before = snapshot(Line)

    response = client.post(reverse("contracts:offer_to_basket", args=[offer.pk]))

    assert messages_of(response) == [
        "Only an accepted offer can be put into the basket."
    ]
    assert snapshot(Line) == before


def test_another_companys_offer_answers_404(client, accepted):
    from tests.helpers import assert_cross_company_404

    before = snapshot(Line)
    assert_cross_company_404(
        client, reverse("contracts:offer_to_basket", args=[accepted.pk]), method="post"
    )
    assert snapshot(Line) == before
