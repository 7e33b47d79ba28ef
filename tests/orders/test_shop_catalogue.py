"""The catalogue as a B2B shop: cards show the full title, the article number,
the net price and a quantity field; the product page shows the article number
and takes a quantity; the page title names the page once."""

import re

from django.urls import reverse
from oscar.core.loading import get_model

Basket = get_model("basket", "Basket")


def test_catalogue_cards_show_full_title_sku_price_and_quantity(client, buyer, bolts):
    # Given a buyer
    client.force_login(buyer)

    # When they open the catalogue
    response = client.get(reverse("catalogue:index"))

    # Then the card shows the whole title, the SKU, the net price and a
    # quantity field for the basket
    html = response.content.decode()
    assert response.status_code == 200
    assert f'dir="auto">{bolts.title}</a>' in html
    assert '<span class="shop-sku">BOLT-M8-100</span>' in html
    assert "€20.00" in html
    assert re.search(
        rf'<input type="number" name="quantity" id="quantity-{bolts.pk}" value="1"',
        html,
    )
    # ... and the page title says "All products" once, without a stray bar
    assert re.search(r"<title>\s*All products · ", html)
    assert "|" not in re.search(r"<title>(.*?)</title>", html, re.S).group(1)


def test_catalogue_sort_select_lists_every_order(client, buyer, bolts, gloves):
    # Given a buyer and two products
    client.force_login(buyer)

    # When they open the catalogue
    html = client.get(reverse("catalogue:index")).content.decode()

    # Then the sort select offers the three orders in full
    options = re.findall(r'<option value="[^"]*"(?: selected)?>([^<]+)</option>', html)
    assert ["Title A to Z", "Title Z to A", "Newest"] == [
        o for o in options if o.startswith(("Title", "Newest"))
    ]
    assert 'class="form-select form-select-sm shop-sort"' in html


def test_product_page_shows_sku_and_takes_a_quantity(client, buyer, bolts):
    # Given a buyer on the bolts' page
    client.force_login(buyer)
    response = client.get(bolts.get_absolute_url())
    html = response.content.decode()

    # Then it shows the article number and a quantity field, but no reviews
    assert response.status_code == 200
    assert '<span class="shop-sku" id="product-sku">BOLT-M8-100</span>' in html
    assert 'name="quantity"' in html
    assert "/reviews/" not in html
    assert "Customer Reviews" not in html
    assert "wishlists" not in html

    # When they add 3 to the basket
    response = client.post(
        reverse("basket:add", kwargs={"pk": bolts.pk}), {"quantity": 3}
    )

    # Then the basket holds 3 bolts
    assert response.status_code == 302
    basket = Basket.objects.get(owner=buyer, status=Basket.OPEN)
    assert [(line.product, line.quantity) for line in basket.all_lines()] == [
        (bolts, 3)
    ]


def test_a_card_adds_its_quantity_to_the_basket(client, buyer, gloves):
    # Given a buyer
    client.force_login(buyer)

    # When they set 12 on the gloves' card and add them
    client.post(reverse("basket:add", kwargs={"pk": gloves.pk}), {"quantity": 12})

    # Then the basket holds 12 gloves; a quantity of 0 adds nothing
    client.post(reverse("basket:add", kwargs={"pk": gloves.pk}), {"quantity": 0})
    basket = Basket.objects.get(owner=buyer, status=Basket.OPEN)
    assert [line.quantity for line in basket.all_lines()] == [12]


def test_product_without_picture_shows_a_translated_placeholder(client, buyer, bolts):
    # Given a product without pictures
    client.force_login(buyer)

    # When a buyer opens its page
    html = client.get(bolts.get_absolute_url()).content.decode()

    # Then a placeholder says so in words, not Oscar's English picture
    assert "No picture yet" in html
    assert "image_not_found" not in html
