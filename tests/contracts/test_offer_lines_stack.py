"""The offer page's lines table turns into label/value rows on phones, like
the order page's: the table is a table-stack and every cell names its column."""

import re

from django.urls import reverse

from tests.factories.contracts import offer_sent_create

COLUMNS = ["Article", "Quantity", "Unit price (net)", "Discount", "Total (net)"]


def test_every_line_cell_names_its_column(client, company, sales, buyer):
    offer = offer_sent_create(company=company, sales=sales)
    client.force_login(buyer)

    html = client.get(reverse("contracts:offer_detail", args=[offer.pk])).text

    table = re.search(
        r'<table class="([^"]*)" id="offer-lines">(.*?)</table>', html, re.S
    )
    assert "table-stack" in table.group(1).split()
    rows = re.findall(r"<tr>(.*?)</tr>", table.group(2).split("<tbody>")[1], re.S)
    assert len(rows) == offer.versions.get().lines.count() > 0
    for row in rows:
        assert re.findall(r'<td[^>]*data-label="([^"]+)"', row) == COLUMNS
        assert len(re.findall(r"<td", row)) == len(COLUMNS)


def test_the_labels_follow_the_readers_language(client, company, sales, buyer):
    offer = offer_sent_create(company=company, sales=sales)
    client.force_login(buyer)

    html = client.get(
        reverse("contracts:offer_detail", args=[offer.pk]), HTTP_ACCEPT_LANGUAGE="de"
    ).text

    assert 'data-label="Menge"' in html
    assert 'data-label="Quantity"' not in html
