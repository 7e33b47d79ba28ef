"""Names of people and products keep their own direction on the order pages:
a Persian buyer's name in an English sentence, a German one in a Persian page."""

import pytest
from django.urls import reverse

from orders.services import checkout_place
from tests.factories.orders import basket_create, order_place

PERSIAN_NAME = "سارا احمدی"


@pytest.fixture
def persian_buyer(buyer):
    buyer.first_name, buyer.last_name = PERSIAN_NAME.split()
    buyer.save()
    return buyer


def test_buyer_name_is_isolated_on_the_order_list_and_page(
    client, procurement, persian_buyer, company, bolts
):
    order = order_place(user=persian_buyer, company=company, lines=[(bolts, 1)])
    client.force_login(procurement)

    listed = client.get(reverse("orders:list")).text
    page = client.get(reverse("orders:detail", args=[order.number])).text

    assert f'<bdi dir="auto">{PERSIAN_NAME}</bdi>' in listed
    assert f'· <bdi dir="auto">{PERSIAN_NAME}</bdi></dd>' in page


def test_approval_names_the_buyer_in_a_bdi_inside_the_sentence(
    client,
    approver,
    persian_buyer,
    company,
    bolts,
    acme_bolt_price,
    address,
    account,
    buyer_budget,
):
    approval = checkout_place(
        basket=basket_create(user=persian_buyer, company=company, lines=[(bolts, 2)]),
        user=persian_buyer,
        company=company,
        address_id=address.pk,
        po_number="PO-BIG-1",
        cost_centre="",
        payment_method="account",
    ).approval
    client.force_login(approver)

    listed = client.get(reverse("orders:approvals")).text
    page = client.get(reverse("orders:approval_detail", args=[approval.pk])).text

    assert f'<bdi dir="auto">{PERSIAN_NAME}</bdi>' in listed
    assert f'Order by <bdi dir="auto">{PERSIAN_NAME}</bdi></h1>' in page
    assert f'<bdi dir="auto">{bolts.get_title()}</bdi>' in page


def test_a_name_with_markup_is_escaped_inside_the_bdi():
    from partner_portal.templatetags.bidi import bdi

    assert bdi("<b>Eve</b>") == '<bdi dir="auto">&lt;b&gt;Eve&lt;/b&gt;</bdi>'
    assert bdi("") == ""
    assert bdi(None) == ""
