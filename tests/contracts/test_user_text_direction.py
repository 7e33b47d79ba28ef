"""Text users write keeps its own direction (dir="auto"): an offer's title and
line descriptions, forum post bodies."""

import re

from django.urls import reverse

from tests.factories.contracts import offer_sent_create


def test_offer_title_and_line_descriptions_carry_dir_auto(
    client, company, sales, buyer
):
    offer = offer_sent_create(company=company, sales=sales)
    client.force_login(buyer)

    html = client.get(reverse("contracts:offer_detail", args=[offer.pk])).text

    assert re.search(r'<span dir="auto" id="offer-title">[^<]+</span>', html)
    descriptions = re.findall(
        r'<span dir="auto" class="offer-line-description">([^<]+)</span>', html
    )
    assert descriptions
    assert all(text.strip() for text in descriptions)
    # The offer number (a code) is not user text and is not marked.
    assert f'dir="auto">{offer.number}' not in html
