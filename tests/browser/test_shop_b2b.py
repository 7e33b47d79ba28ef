"""The shop as a B2B shop in the browser: a customer finds a product by its
article number, sets a quantity on its card, adds it to the basket and sees
net lines, the VAT per rate and the gross total; the shop pages fit a phone
and a desktop screen in English and Persian."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

# Nils of Northwind: no other browser test uses his basket.
CUSTOMER = "partner@northwind.example"
TAPE = "Packing tape 50 mm, 6 rolls"
BOLT = "Hex bolt M8 × 40, box of 100"


def _empty_basket(page):
    page.goto("/shop/basket/")
    remove = page.locator("#basket_formset [data-behaviours~=remove]")
    for left in range(remove.count(), 0, -1):
        remove.first.click()
        expect(remove).to_have_count(left - 1)


def test_search_by_sku_set_quantity_add_and_see_vat(page, login, screenshot_dir):
    # Given a customer with an empty basket
    login(page, CUSTOMER)
    _empty_basket(page)

    # When they search the catalogue for an article number
    page.goto("/shop/")
    page.get_by_role("searchbox", name="Search the catalogue").fill("TAPE-50")
    page.locator(".shop-bar").get_by_role("button", name="Search", exact=True).click()

    # Then the one card shows the product, its article number and net price
    expect(page).to_have_url(re.compile(r"/shop/search/\?q=TAPE-50$"))
    expect(page.locator("#result-count")).to_have_text("1 product")
    cards = page.locator("article.product_pod")
    expect(cards).to_have_count(1)
    card = cards.first
    expect(card.get_by_role("link", name=TAPE, exact=True).last).to_be_visible()
    expect(card.locator(".shop-sku")).to_have_text("TAPE-50")
    expect(card.locator(".price_color")).to_contain_text("€12.40")
    page.screenshot(path=screenshot_dir / "shop-search-sku.png", full_page=True)

    # When they set 6 on the card and add it to the basket
    card.get_by_role("spinbutton", name=f"Quantity of {TAPE}").fill("6")
    card.get_by_role("button", name="Add to basket").click()
    expect(page.get_by_role("status").first).to_have_text(
        re.compile(rf"6 copies of\s+{re.escape(TAPE)}\s+have been added to your basket")
    )

    # Then the basket has the six rolls with SKU and net amounts, and the
    # totals show net, VAT at 19 % and gross, labelled
    page.locator("#basket-link").click()
    expect(page).to_have_url(re.compile(r"/shop/basket/$"))
    line = page.locator("#basket_formset .basket-items").filter(
        has=page.get_by_role("link", name=TAPE, exact=True)
    )
    expect(line.locator(".shop-sku")).to_have_text("TAPE-50")
    expect(line.get_by_role("spinbutton")).to_have_value("6")
    totals = page.locator("#vat-totals tr")
    expect(totals).to_have_text(
        [
            re.compile(r"Total \(net\)\s*€74\.40"),
            re.compile(r"VAT 19 %\s*€14\.14"),
            re.compile(r"Total \(gross\)\s*€88\.54"),
        ]
    )
    page.screenshot(path=screenshot_dir / "shop-basket-vat.png", full_page=True)

    # When they go on to the checkout
    page.get_by_role("link", name="Proceed to checkout").click()

    # Then the same rows are there
    expect(page).to_have_url(re.compile(r"/portal/orders/checkout/$"))
    expect(page.locator("#vat-totals tr")).to_have_text(
        [
            re.compile(r"Total \(net\)\s*€74\.40"),
            re.compile(r"VAT 19 %\s*€14\.14"),
            re.compile(r"Total \(gross\)\s*€88\.54"),
        ]
    )
    _empty_basket(page)


# No word of a card title broken across lines, no "…", no sideways scrolling,
# and the sort select as wide as its longest option.
LAYOUT_CHECK = """() => {
  const problems = [];
  if (document.documentElement.scrollWidth > window.innerWidth) {
    problems.push('scrolls sideways');
  }
  const titles = document.querySelectorAll('.shop-card-title a, .product_main h1');
  for (const title of titles) {
    if (title.textContent.includes('…')) problems.push('cut: ' + title.textContent);
    const range = document.createRange();
    const text = title.firstChild;
    let start = 0;
    for (const word of text.textContent.split(' ')) {
      range.setStart(text, start);
      range.setEnd(text, start + word.length);
      const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
      if (lines.size > 1) problems.push('word split: ' + word);
      start += word.length + 1;
    }
  }
  const select = document.querySelector('.shop-sort');
  if (select) {
    const style = getComputedStyle(select);
    const probe = document.createElement('span');
    probe.style.font = style.font;
    probe.style.whiteSpace = 'nowrap';
    probe.style.position = 'absolute';
    document.body.appendChild(probe);
    let widest = 0;
    for (const option of select.options) {
      probe.textContent = option.textContent;
      widest = Math.max(widest, probe.getBoundingClientRect().width);
    }
    probe.remove();
    const room = select.clientWidth - parseFloat(style.paddingLeft)
      - parseFloat(style.paddingRight);
    if (room < widest) problems.push('sort select cut');
  }
  return problems;
}"""

WIDTHS = {"phone": (390, 844), "desktop": (1280, 900)}


@pytest.mark.parametrize("language", ["en", "fa"])
@pytest.mark.parametrize("width", ["phone", "desktop"])
def test_shop_pages_fit_the_screen(
    new_context, portal_url, login, screenshot_dir, width, language
):
    # Given a customer with something in the basket, at a phone or desktop width
    w, h = WIDTHS[width]
    context = new_context(viewport={"width": w, "height": h})
    page = context.new_page()
    login(page, CUSTOMER)
    context.add_cookies(
        [{"name": "django_language", "value": language, "url": portal_url}]
    )
    page.goto("/shop/catalogue/")
    card = page.locator("article.product_pod").filter(has_text=BOLT)
    product = card.locator("h3 a").get_attribute("href")
    card.locator("button[type=submit]").click()

    # When they open the catalogue, a product, a search and the basket
    for name, path in [
        ("catalogue", "/shop/catalogue/"),
        ("product", product),
        ("search", "/shop/search/?q=M8"),
        ("basket", "/shop/basket/"),
    ]:
        response = page.goto(path)

        # Then each page fits: no word split, nothing cut, no sideways scroll
        assert response.status == 200
        page.screenshot(
            path=screenshot_dir / f"shop-{name}-{width}-{language}.png",
            full_page=True,
        )
        assert page.evaluate(LAYOUT_CHECK) == [], f"{name} at {width} in {language}"
    _empty_basket(page)
