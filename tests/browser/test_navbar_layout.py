"""The navigation bar fits one row from 1024 px up for every demo login, in
English and Persian, also with a logo and a long portal name, and no text in it
breaks across lines."""

import io
import os
import re
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

ROLES = [
    "buyer@acme.example",
    "admin@acme.example",
    "approver@acme.example",
    "procurement@acme.example",
    "partner@northwind.example",
    "franchise@contoso.example",
    "sales@portal.example",
    "support@portal.example",
    "returns@portal.example",
    "editor@portal.example",
    "moderator@portal.example",
    "root@portal.example",
]
WIDTHS = [1024, 1280, 1920]
LONG_NAME = "Northwind Industrial Supplies Partner and Distributor Portal Europe"
# One row of navigation: Bootstrap's bar is 56 px high with a 32 px logo.
ONE_ROW_PX = 64
# Screenshots for a person to look at (NAV_SCREENS=/some/folder to keep them).
SCREENS = os.environ.get("NAV_SCREENS", "")

MEASURE = r"""
() => {
  const nav = document.querySelector("nav.portal-navbar");
  const box = nav.getBoundingClientRect();
  const wrapped = [];
  const clipped = [];
  const walker = document.createTreeWalker(nav, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent.trim();
    const parent = node.parentElement;
    if (!text || !parent.checkVisibility()) continue;
    if (parent.closest(".dropdown-menu, option, noscript")) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const tops = new Set();
    for (const rect of range.getClientRects()) {
      if (rect.width > 0) tops.add(Math.round(rect.top));
    }
    if (tops.size > 1) wrapped.push(text);
  }
  // Every control of the bar stays inside the window.
  for (const el of nav.querySelectorAll(
      ".nav-link, #language-select, #user-menu, .navbar-brand")) {
    if (!el.checkVisibility()) continue;
    const r = el.getBoundingClientRect();
    if (r.left < -1 || r.right > window.innerWidth + 1) {
      clipped.push(el.textContent.trim() || el.id);
    }
  }
  const items = [...nav.querySelectorAll(
      ".navbar-brand, .navbar-nav > .nav-item, #language-select, #user-menu")]
    .filter((el) => el.checkVisibility());
  const boxes = items.map((el) => el.getBoundingClientRect());
  const tops = boxes.map((r) => r.top + r.height / 2);
  // No two controls of the bar cover each other.
  const overlapping = [];
  boxes.forEach((a, i) => boxes.slice(i + 1).forEach((b, j) => {
    if (Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1) {
      overlapping.push([items[i].id || i, items[i + 1 + j].id || i + 1 + j]);
    }
  }));
  return {
    overlapping,
    height: box.height,
    rows: tops.length ? Math.max(...tops) - Math.min(...tops) : 0,
    wrapped,
    clipped,
    sideways: document.documentElement.scrollWidth > window.innerWidth,
    toggler: document.querySelector(".navbar-toggler").checkVisibility(),
  };
}
"""


def _check_bar(page, label):
    result = page.evaluate(MEASURE)
    assert result["toggler"] is False, f"{label}: collapsed into the menu button"
    assert result["height"] <= ONE_ROW_PX, f"{label}: bar is {result['height']} px"
    assert result["rows"] <= 8, f"{label}: items sit on more than one row"
    assert result["wrapped"] == [], f"{label}: text broken across lines"
    assert result["clipped"] == [], f"{label}: pushed out of the window"
    assert result["overlapping"] == [], f"{label}: controls cover each other"
    assert result["sideways"] is False, f"{label}: the page scrolls sideways"


def _screens(page, name):
    if SCREENS:
        Path(SCREENS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=Path(SCREENS) / f"{name}.png")


def _choose_language(page, code):
    select = page.locator("select#language-select")
    if select.input_value() != code:
        select.select_option(code)
        expect(page.locator("html")).to_have_attribute("lang", code)


@pytest.mark.parametrize("language", ["en", "fa"])
@pytest.mark.parametrize("email", ROLES)
def test_the_navigation_bar_is_one_row_from_1024_px(
    new_context, login, email, language
):
    page = new_context(viewport={"width": 1280, "height": 800}).new_page()
    login(page, email)
    _choose_language(page, language)
    try:
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 800})
            page.reload()
            _screens(
                page,
                f"{email.split('@')[0]}-{email.split('@')[1][:4]}-{language}-{width}",
            )
            _check_bar(page, f"{email} {language} {width}px")
    finally:
        _choose_language(page, "en")


def test_menus_open_and_list_the_roles_entries(page, login):
    # Given a buyer
    login(page, "buyer@acme.example")
    navbar = page.get_by_role("navigation", name="Main navigation")

    # Then the top level holds menus, not a row of links
    toggles = navbar.locator(".navbar-nav > .nav-item")
    assert toggles.count() <= 6

    # And the Orders menu lists what a buyer may open, and not budgets
    navbar.get_by_role("button", name="Orders", exact=True).click()
    menu = navbar.locator("[aria-labelledby='nav-orders']")
    expect(menu.get_by_role("link", name="Order history")).to_be_visible()
    expect(menu.get_by_role("link", name="Budgets")).to_have_count(0)


def _png():
    buffer = io.BytesIO()
    Image.new("RGB", (240, 64), (240, 200, 40)).save(buffer, "PNG")
    return buffer.getvalue()


def _set_branding(page, *, name, logo_id):
    page.goto("/cms-admin/settings/partner_portal/branding/")
    page.locator("input[name='portal_name']").fill(name)
    page.locator("input[name='logo']").evaluate(
        "(el, value) => { el.value = value; }", "" if logo_id is None else logo_id
    )
    with page.expect_navigation():
        page.get_by_role("button", name="Save", exact=True).click()
    page.goto("/cms-admin/settings/partner_portal/branding/")
    expect(page.locator("input[name='portal_name']")).to_have_value(name)


def _upload_logo(page, path):
    """Upload an image through Wagtail's admin; its id."""
    page.goto("/cms-admin/images/add/")
    page.locator("input[name='file']").set_input_files(str(path))
    page.locator("input[name='title']").fill("Navbar test logo")
    page.get_by_role("button", name="Upload", exact=True).click()
    page.wait_for_url(lambda url: "/add/" not in url)
    # The newest image is the one just uploaded.
    page.goto("/cms-admin/images/")
    hrefs = page.locator("a").evaluate_all("(links) => links.map((a) => a.href)")
    ids = [m[1] for h in hrefs if (m := re.search(r"/cms-admin/images/(\d+)/", h))]
    return max(ids, key=int)


@pytest.mark.parametrize("language", ["en", "fa"])
def test_a_logo_and_a_long_portal_name_leave_the_bar_on_one_row(
    new_context, login, language, tmp_path
):
    # Given the superuser sets a logo and a long portal name in Branding
    root = new_context(viewport={"width": 1280, "height": 900}).new_page()
    login(root, "root@portal.example")
    logo = tmp_path / "logo.png"
    logo.write_bytes(_png())
    logo_id = _upload_logo(root, logo)
    _set_branding(root, name=LONG_NAME, logo_id=logo_id)

    try:
        # When the partner admin and the superuser look at their pages
        for email in ("partner@northwind.example", "root@portal.example"):
            page = new_context(viewport={"width": 1024, "height": 800}).new_page()
            login(page, email)
            _choose_language(page, language)
            for width in WIDTHS:
                page.set_viewport_size({"width": width, "height": 800})
                page.reload()
                # Then the logo shows, the name ends in an ellipsis, one row
                expect(page.locator(".portal-brand img.portal-logo")).to_be_visible()
                _screens(page, f"branding-{email.split('@')[0]}-{language}-{width}")
                _check_bar(page, f"branding {email} {language} {width}px")
            _choose_language(page, "en")
    finally:
        _set_branding(root, name="Partner Portal", logo_id=None)
