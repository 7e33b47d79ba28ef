"""Quick order: typed, pasted or uploaded lines of `SKU, quantity`. Valid
lines go into the basket; invalid ones come back with the reason and stay in
the form for correcting; unsafe or oversized uploads are refused."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from oscar.core.loading import get_model

from tests.factories.orders import product_create
from tests.helpers import messages_of

Basket = get_model("basket", "Basket")
Line = get_model("basket", "Line")
QUICK_ORDER = reverse("orders:quick_order")
BASKET = reverse("basket:summary")


@pytest.fixture
def catalogue(bolts, gloves, acme_bolt_price):
    return {"bolts": bolts, "gloves": gloves}


def _basket_lines(user):
    return list(
        Line.objects.filter(basket__owner=user, basket__status=Basket.OPEN)
        .order_by("pk")
        .values_list("stockrecord__partner_sku", "quantity", "price_excl_tax")
    )


def _invalid(response):
    return [(line.raw, line.error) for line in response.context["invalid"]]


def test_valid_lines_go_into_the_basket(client, buyer, catalogue):
    client.force_login(buyer)

    response = client.post(QUICK_ORDER, {"lines": "BOLT-M8-100, 5\nGLOVE-L-10; 2\n\n"})

    assert response.status_code == 302
    assert response.url == BASKET
    assert messages_of(response) == ["2 lines were put into your basket."]
    assert [(sku, qty) for sku, qty, _price in _basket_lines(buyer)] == [
        ("BOLT-M8-100", 5),
        ("GLOVE-L-10", 2),
    ]


def test_basket_lines_of_a_quick_order_carry_the_company_price(
    client, buyer, catalogue
):
    client.force_login(buyer)

    client.post(QUICK_ORDER, {"lines": "BOLT-M8-100\t3"})

    assert [(sku, str(price)) for sku, _qty, price in _basket_lines(buyer)] == [
        ("BOLT-M8-100", "16.50")
    ]


@pytest.mark.parametrize(
    "line",
    [
        "BOLT-M8-100, 5",
        "BOLT-M8-100;5",
        "BOLT-M8-100\t5",
        "BOLT-M8-100 5",
        "  BOLT-M8-100   5  ",
        "BOLT-M8-100 , 5",
        "BOLT-M8-100 ; 5",
        '"BOLT-M8-100","5"',
    ],
    ids=[
        "comma",
        "semicolon",
        "tab",
        "space",
        "padded",
        "space-comma",
        "space-semicolon",
        "quoted",
    ],
)
def test_every_usual_separator_is_understood(client, buyer, catalogue, line):
    client.force_login(buyer)

    response = client.post(QUICK_ORDER, {"lines": line})

    assert response.status_code == 302
    assert [(sku, qty) for sku, qty, _price in _basket_lines(buyer)] == [
        ("BOLT-M8-100", 5)
    ]


def test_sku_is_matched_regardless_of_case(client, buyer, catalogue):
    client.force_login(buyer)

    response = client.post(QUICK_ORDER, {"lines": "bolt-m8-100, 2\nGlove-L-10 1"})

    assert response.status_code == 302
    assert [(sku, qty) for sku, qty, _price in _basket_lines(buyer)] == [
        ("BOLT-M8-100", 2),
        ("GLOVE-L-10", 1),
    ]


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("NOPE-1, 2", "Unknown article number “NOPE-1”."),
        ("BOLT-M8-100, 0", "The quantity must be at least 1."),
        ("BOLT-M8-100, -3", "The quantity must be at least 1."),
        ("BOLT-M8-100, many", "“many” is not a whole number."),
        ("BOLT-M8-100, 1.5", "“1.5” is not a whole number."),
        ("BOLT-M8-100, 10000", "At most 9999 pieces per line."),
    ],
    ids=["unknown-sku", "zero", "negative", "not-a-number", "fraction", "too-many"],
)
def test_invalid_lines_are_listed_with_the_reason_and_kept_in_the_form(
    client, buyer, catalogue, line, reason
):
    client.force_login(buyer)

    response = client.post(QUICK_ORDER, {"lines": f"GLOVE-L-10, 4\n{line}"})

    assert response.status_code == 400
    assert _invalid(response) == [(line, reason)]
    assert response.context["form"]["lines"].value() == line
    assert f">\n{line}</textarea>" in response.text
    # The valid line went into the basket all the same.
    assert messages_of(response) == ["1 line was put into your basket."]
    assert [(sku, qty) for sku, qty, _price in _basket_lines(buyer)] == [
        ("GLOVE-L-10", 4)
    ]


def test_only_invalid_lines_leave_the_basket_untouched(client, buyer, catalogue):
    client.force_login(buyer)

    response = client.post(QUICK_ORDER, {"lines": "NOPE-1, 2\nBOLT-M8-100, 0"})

    assert response.status_code == 400
    assert _invalid(response) == [
        ("NOPE-1, 2", "Unknown article number “NOPE-1”."),
        ("BOLT-M8-100, 0", "The quantity must be at least 1."),
    ]
    assert response.context["form"]["lines"].value() == "NOPE-1, 2\nBOLT-M8-100, 0"
    assert _basket_lines(buyer) == []


def test_a_product_no_longer_public_is_not_available(client, buyer, catalogue):
    product_create(title="Old drill", sku="DRILL-OLD", price="99", is_public=False)
    client.force_login(buyer)

    response = client.post(QUICK_ORDER, {"lines": "DRILL-OLD, 1"})

    assert response.status_code == 400
    assert _invalid(response) == [("DRILL-OLD, 1", "DRILL-OLD is not available.")]
    assert _basket_lines(buyer) == []


def test_more_than_the_stock_is_refused(client, buyer, catalogue):
    product_create(title="Rare part", sku="RARE-1", price="5", stock=3)
    client.force_login(buyer)

    response = client.post(QUICK_ORDER, {"lines": "RARE-1, 4"})

    assert response.status_code == 400
    assert _invalid(response) == [("RARE-1, 4", "a maximum of 3 can be bought")]
    assert _basket_lines(buyer) == []


def test_an_empty_form_asks_for_a_line(client, buyer, catalogue):
    client.force_login(buyer)

    response = client.post(QUICK_ORDER, {"lines": "  \n "})

    assert response.status_code == 400
    assert response.context["form"].non_field_errors() == [
        "Type at least one line, or choose a CSV file."
    ]
    assert _basket_lines(buyer) == []


@pytest.mark.parametrize(
    "content",
    [
        b"sku,quantity\nBOLT-M8-100,5\nGLOVE-L-10,2\n",
        b"SKU;Quantity\r\nBOLT-M8-100;5\r\nGLOVE-L-10;2\r\n",
        b"BOLT-M8-100;5\nGLOVE-L-10;2\n",
        b'\xef\xbb\xbf"sku","quantity"\n"BOLT-M8-100","5"\n"GLOVE-L-10","2"\n',
    ],
    ids=["comma-with-header", "semicolon-with-header", "semicolon", "quoted-bom"],
)
def test_csv_upload_puts_its_lines_into_the_basket(client, buyer, catalogue, content):
    client.force_login(buyer)

    response = client.post(
        QUICK_ORDER,
        {"lines": "", "file": SimpleUploadedFile("order.csv", content, "text/csv")},
    )

    assert response.status_code == 302
    assert [(sku, qty) for sku, qty, _price in _basket_lines(buyer)] == [
        ("BOLT-M8-100", 5),
        ("GLOVE-L-10", 2),
    ]


def test_invalid_csv_lines_come_back_in_the_textarea(client, buyer, catalogue):
    client.force_login(buyer)
    upload = SimpleUploadedFile("order.csv", b"sku;qty\nBOLT-M8-100;2\nNOPE;1\n")

    response = client.post(QUICK_ORDER, {"file": upload})

    assert response.status_code == 400
    assert _invalid(response) == [("NOPE, 1", "Unknown article number “NOPE”.")]
    assert response.context["form"]["lines"].value() == "NOPE, 1"
    assert [(sku, qty) for sku, qty, _price in _basket_lines(buyer)] == [
        ("BOLT-M8-100", 2)
    ]


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("order.exe", b"BOLT-M8-100,1\n", "Please upload a .csv or .txt file."),
        ("order.csv.exe", b"BOLT-M8-100,1\n", "Please upload a .csv or .txt file."),
        ("order.csv", b"MZ\x90\x00\x03\x00BOLT", "This is not a text (CSV) file."),
        (
            "big.csv",
            b"BOLT-M8-100,1\n" * (1024 * 1024 // 14 + 1),
            "The file is larger than 1 MB.",
        ),
    ],
    ids=["exe-name", "double-extension", "binary", "over-1-mb"],
)
def test_unsafe_or_oversized_files_are_refused(
    client, buyer, catalogue, name, content, reason
):
    client.force_login(buyer)

    response = client.post(
        QUICK_ORDER, {"lines": "", "file": SimpleUploadedFile(name, content)}
    )

    assert response.status_code == 400
    assert response.context["form"].errors == {"file": [reason]}
    assert _basket_lines(buyer) == []


def test_more_than_500_lines_are_refused_and_nothing_is_added(client, buyer, catalogue):
    client.force_login(buyer)
    text = "\n".join(["BOLT-M8-100, 1"] * 501)

    response = client.post(QUICK_ORDER, {"lines": text})

    assert response.status_code == 400
    assert response.context["form"].errors == {
        "lines": ["At most 500 lines at a time."]
    }
    assert response.context["form"]["lines"].value() == text
    assert _basket_lines(buyer) == []


def test_500_lines_are_still_checked_line_by_line(client, buyer, catalogue):
    # Unknown SKUs keep this fast: the limit counts lines, not valid ones.
    client.force_login(buyer)
    text = "\n".join(f"NOPE-{number}, 1" for number in range(500))

    response = client.post(QUICK_ORDER, {"lines": text})

    assert response.status_code == 400
    assert len(response.context["invalid"]) == 500
    assert response.context["form"].errors == {}
    assert _basket_lines(buyer) == []
