"""The company's returns list: who sees which returns, filters, the CSV
export with spreadsheet formulas neutralised, and the start-page tile."""

import pytest
from django.urls import reverse

from returns.services import return_request_create
from tests.returns.conftest import line_of


@pytest.fixture
def returns(company, buyer, delivered_order):
    def make(key, sku, reason, comment=""):
        return return_request_create(
            company=company,
            user=buyer,
            order=delivered_order,
            quantities={line_of(delivered_order, sku).pk: 1},
            reason=reason,
            comment=comment,
            photos=[],
            submission_key=key,
        )

    return [
        make("a", "BOLT-M8-100", "damaged", comment='=HYPERLINK("http://x")'),
        make("b", "GLOVE-L-10", "wrong_item"),
    ]


def test_buyer_sees_their_returns_and_filters_by_reason(client, buyer, returns):
    client.force_login(buyer)

    everything = client.get(reverse("returns:list")).content.decode()
    wrong_items = client.get(
        reverse("returns:list"), {"reason": "wrong_item"}
    ).content.decode()

    assert returns[0].number in everything
    assert returns[1].number in everything
    assert returns[1].number in wrong_items
    assert returns[0].number not in wrong_items


def test_a_colleague_sees_only_their_own_but_procurement_sees_all(
    client, colleague, procurement, returns
):
    client.force_login(colleague)
    colleague_page = client.get(reverse("returns:list")).content.decode()
    client.force_login(procurement)
    procurement_page = client.get(reverse("returns:list")).content.decode()

    assert returns[0].number not in colleague_page
    assert returns[0].number in procurement_page


def test_another_companys_list_and_export_show_none_of_acmes_returns(
    client, other_buyer, returns
):
    client.force_login(other_buyer)

    page = client.get(reverse("returns:list")).content.decode()
    export = client.get(reverse("returns:export")).content.decode("utf-8-sig")

    assert returns[0].number not in page
    assert returns[0].number not in export


def test_export_has_a_row_per_line_and_neutralises_formulas(client, buyer, returns):
    client.force_login(buyer)

    response = client.get(reverse("returns:export"), {"reason": "damaged"})

    rows = response.content.decode("utf-8-sig").splitlines()
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert rows[0].startswith("RMA number,Requested at,Requested by,Order")
    assert len(rows) == 2
    assert returns[0].number in rows[1]
    assert "'=HYPERLINK" in rows[1]


def test_start_page_tile_counts_open_returns(client, buyer, returns):
    client.force_login(buyer)

    page = client.get(reverse("partner_portal:start")).content.decode()
    # The tile is lazy: its body comes from its own URL.
    tile = reverse("partner_portal:tile", args=["returns.open"]) + "?body=1"
    body = client.get(tile).content.decode()

    assert "My returns" in page
    assert f"{returns[1].number} · Requested" in body
