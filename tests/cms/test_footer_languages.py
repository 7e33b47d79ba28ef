"""Footer links: the page in the reader's language; a page without a
translation links to the English page, marked lang="en" and "(in English)"."""

import pytest
from django.urls import reverse
from wagtail.models import Locale

from cms.models import ContentPage
from partner_portal.audience import Audience
from tests.factories.cms import home_page

START = reverse("partner_portal:start")


@pytest.fixture
def footer(db):
    home = home_page()
    pages = {
        title: home.add_child(
            instance=ContentPage(
                title=title, show_in_footer=True, audience=Audience.EVERYONE
            )
        )
        for title in ("Help", "Imprint", "Terms of use")
    }
    german = Locale.objects.get_or_create(language_code="de")[0]
    for title, german_title in (("Help", "Hilfe"), ("Imprint", "Impressum")):
        copy = pages[title].copy_for_translation(german, copy_parents=True).specific
        copy.title = german_title
        copy.save_revision().publish()
    return pages


def _footer(html):
    return html[html.index("<footer") : html.index("</footer>")]


def test_german_footer_translates_and_marks_the_untranslated_page(
    client, buyer, footer
):
    client.force_login(buyer)

    html = _footer(client.get(START, HTTP_ACCEPT_LANGUAGE="de").text)

    assert ">Hilfe</a>" in html
    assert ">Impressum</a>" in html
    assert ">Help</a>" not in html
    terms = footer["Terms of use"].url
    assert (
        f'<a href="{terms}" lang="en" hreflang="en">Terms of use</a> '
        '<span class="footer-fallback">(auf Englisch)</span>'
    ) in html
    assert html.count(' lang="en"') == 1


def test_english_footer_has_no_language_marks(client, buyer, footer):
    client.force_login(buyer)

    html = _footer(client.get(START, HTTP_ACCEPT_LANGUAGE="en").text)

    assert [title in html for title in ("Help", "Imprint", "Terms of use")] == [
        True
    ] * 3
    assert "(in English)" not in html
    assert ' lang="en"' not in html
