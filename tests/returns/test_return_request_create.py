"""Requesting a return: quantities within what was shipped and is not yet in
another return, inside the return window, one return per submitted form."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model

from returns.models import (
    ReturnEvent,
    ReturnLine,
    ReturnPhoto,
    ReturnPolicy,
    ReturnRequest,
)
from returns.services import ReturnError, return_request_create, returnable_lines
from tests.factories.orders import order_place
from tests.helpers import messages_of, snapshot
from tests.returns.conftest import line_of, photo

OrderStatusChange = get_model("order", "OrderStatusChange")


def _form(order, quantities, **extra):
    data = {
        "reason": "damaged",
        "comment": "Box was crushed",
        "submission_key": extra.pop("key", "key-1"),
    }
    for sku, qty in quantities.items():
        data[f"qty_{line_of(order, sku).pk}"] = qty
    data.update(extra)
    return data


def _database(company):
    return snapshot(
        ReturnRequest.objects.for_company(company),
        ReturnLine.objects.for_company(company),
        ReturnPhoto.objects.for_company(company),
        ReturnEvent.objects.for_company(company),
    )


def test_buyer_requests_a_return_with_a_photo(
    client, company, buyer, desk, delivered_order, django_capture_on_commit_callbacks
):
    client.force_login(buyer)
    url = reverse("returns:create", args=[delivered_order.number])

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url, {**_form(delivered_order, {"BOLT-M8-100": 3}), "photos": [photo()]}
        )

    return_request = ReturnRequest.objects.for_company(company).get()
    assert response.status_code == 302
    assert response.url == reverse("returns:detail", args=[return_request.number])
    year = timezone.localdate().year
    assert return_request.number == f"RMA-{year}-000001"
    assert return_request.status == "requested"
    assert [
        (line.order_line.partner_sku, line.quantity)
        for line in return_request.lines.all()
    ] == [("BOLT-M8-100", 3)]
    assert return_request.photos.get().content_type == "image/png"
    assert [event.status for event in return_request.events.all()] == ["requested"]
    assert [(message.to, message.subject) for message in mail.outbox] == [
        (["buyer@acme.example"], f"Return {return_request.number}: Requested"),
        (
            ["returns@portal.example"],
            f"New return {return_request.number} from Acme Industrial GmbH",
        ),
    ]


def test_numbers_count_up_within_the_year(company, buyer, delivered_order):
    first = return_request_create(
        company=company,
        user=buyer,
        order=delivered_order,
        quantities={line_of(delivered_order, "BOLT-M8-100").pk: 1},
        reason="damaged",
        comment="",
        photos=[],
        submission_key="a",
    )
    second = return_request_create(
        company=company,
        user=buyer,
        order=delivered_order,
        quantities={line_of(delivered_order, "GLOVE-L-10").pk: 1},
        reason="wrong_item",
        comment="",
        photos=[],
        submission_key="b",
    )

    year = timezone.localdate().year
    assert (first.number, second.number) == (f"RMA-{year}-000001", f"RMA-{year}-000002")


def test_the_same_form_submitted_twice_makes_one_return(
    client, company, buyer, delivered_order
):
    client.force_login(buyer)
    url = reverse("returns:create", args=[delivered_order.number])
    data = _form(delivered_order, {"BOLT-M8-100": 2})

    first = client.post(url, data)
    second = client.post(url, data)

    assert ReturnRequest.objects.for_company(company).count() == 1
    assert first.url == second.url


def test_more_than_shipped_is_refused_and_the_form_keeps_the_input(
    client, company, buyer, delivered_order
):
    client.force_login(buyer)
    before = _database(company)

    response = client.post(
        reverse("returns:create", args=[delivered_order.number]),
        _form(delivered_order, {"BOLT-M8-100": 11}, comment="eleven please"),
    )

    assert response.status_code == 200
    assert "Ensure this value is less than or equal to 10." in response.content.decode()
    assert "eleven please" in response.content.decode()
    assert _database(company) == before


def test_what_another_return_holds_cannot_be_requested_again(
    company, buyer, delivered_order
):
    bolts = line_of(delivered_order, "BOLT-M8-100")
    return_request_create(
        company=company,
        user=buyer,
        order=delivered_order,
        quantities={bolts.pk: 8},
        reason="not_needed",
        comment="",
        photos=[],
        submission_key="first",
    )
    before = _database(company)

    with pytest.raises(ReturnError) as error:
        return_request_create(
            company=company,
            user=buyer,
            order=delivered_order,
            quantities={bolts.pk: 3},
            reason="not_needed",
            comment="",
            photos=[],
            submission_key="second",
        )

    assert str(error.value) == "Hex bolt M8 (100): at most 2 can be returned, not 3."
    assert _database(company) == before


def test_two_forms_opened_at_once_cannot_both_take_the_last_pieces(
    client, company, buyer, procurement, delivered_order
):
    # Both open the form while 10 bolts are returnable ...
    url = reverse("returns:create", args=[delivered_order.number])
    client.force_login(buyer)
    client.get(url)
    # ... the first submits 7, the second (a colleague) then 7 as well.
    client.post(url, _form(delivered_order, {"BOLT-M8-100": 7}, key="one"))
    client.force_login(procurement)

    response = client.post(url, _form(delivered_order, {"BOLT-M8-100": 7}, key="two"))

    assert response.status_code == 200
    assert ReturnRequest.objects.for_company(company).count() == 1
    assert "Ensure this value is less than or equal to 3." in (
        response.content.decode()
    )


def test_a_rejected_return_frees_its_quantity(company, buyer, desk, delivered_order):
    from returns.services import return_reject

    bolts = line_of(delivered_order, "BOLT-M8-100")
    rejected = return_request_create(
        company=company,
        user=buyer,
        order=delivered_order,
        quantities={bolts.pk: 10},
        reason="other",
        comment="",
        photos=[],
        submission_key="x",
    )
    return_reject(return_request=rejected, actor=desk, reason="Used goods")

    rows = {
        row.line.partner_sku: row for row in returnable_lines(order=delivered_order)
    }

    assert rows["BOLT-M8-100"].returnable == 10


def test_outside_the_return_window_the_line_says_why(
    client, company, buyer, delivered_order, settings
):
    settings.PORTAL_RETURN_WINDOW_DAYS = 30
    OrderStatusChange.objects.filter(order=delivered_order).update(
        date_created=timezone.now() - timedelta(days=45)
    )
    client.force_login(buyer)

    response = client.get(reverse("returns:create", args=[delivered_order.number]))

    page = response.content.decode()
    assert "The return window of 30 days ended on" in page
    assert 'id="nothing-returnable"' in page


def test_a_product_class_can_have_its_own_window(company, buyer, delivered_order):
    bolts = line_of(delivered_order, "BOLT-M8-100")
    ReturnPolicy.objects.create(
        product_class=bolts.product.product_class, window_days=0
    )

    rows = {
        row.line.partner_sku: row for row in returnable_lines(order=delivered_order)
    }

    assert rows["BOLT-M8-100"].refusal == "This product cannot be returned."
    assert rows["BOLT-M8-100"].returnable == 0


def test_an_order_not_shipped_yet_cannot_be_returned(company, buyer, bolts):
    order = order_place(user=buyer, company=company, lines=[(bolts, 2)])

    rows = returnable_lines(order=order)

    assert [(row.returnable, row.refusal) for row in rows] == [(0, "Not shipped yet.")]


def test_a_line_of_another_order_is_refused(
    company, buyer, delivered_order, other_order
):
    foreign_line = other_order.lines.get()

    with pytest.raises(ReturnError, match="A line is not part of this order."):
        return_request_create(
            company=company,
            user=buyer,
            order=delivered_order,
            quantities={foreign_line.pk: 1},
            reason="damaged",
            comment="",
            photos=[],
            submission_key="k",
        )


def test_another_companys_order_answers_404_and_saves_nothing(
    client, company, other_company, buyer, other_order
):
    client.force_login(buyer)
    url = reverse("returns:create", args=[other_order.number])
    before = _database(other_company)

    assert client.get(url).status_code == 404
    assert client.post(url, _form(other_order, {"BOLT-M8-100": 1})).status_code == 404
    assert _database(other_company) == before


def test_an_executable_renamed_jpg_is_refused_with_the_reason(
    client, company, buyer, delivered_order
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(buyer)
    fake = SimpleUploadedFile("photo.jpg", b"MZ\x90\x00" * 500, "image/jpeg")

    response = client.post(
        reverse("returns:create", args=[delivered_order.number]),
        {**_form(delivered_order, {"BOLT-M8-100": 1}), "photos": [fake]},
    )

    assert response.status_code == 200
    assert (
        "photo.jpg is not an image of these types: JPEG, PNG, WebP."
        in response.content.decode()
    )
    assert ReturnRequest.objects.for_company(company).count() == 0


def test_six_photos_are_too_many(client, company, buyer, delivered_order):
    client.force_login(buyer)

    response = client.post(
        reverse("returns:create", args=[delivered_order.number]),
        {
            **_form(delivered_order, {"BOLT-M8-100": 1}),
            "photos": [photo(f"p{i}.png") for i in range(6)],
        },
    )

    assert "Attach at most 5 photos; you chose 6." in response.content.decode()
    assert ReturnRequest.objects.for_company(company).count() == 0


def test_no_quantity_at_all_asks_for_one(client, company, buyer, delivered_order):
    client.force_login(buyer)

    response = client.post(
        reverse("returns:create", args=[delivered_order.number]),
        _form(delivered_order, {"BOLT-M8-100": 0}),
    )

    assert "Enter a quantity for at least one line." in response.content.decode()
    assert messages_of(response) == []
