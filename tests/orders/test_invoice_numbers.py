"""Invoice numbers are gap-free per year and given when the invoice is issued,
whatever the order numbers are (Oscar's order numbers skip: 100010, 100017)."""

import pytest
from django.utils import timezone

from orders import invoices
from orders.invoices import invoice_create, invoice_number
from orders.models import Invoice
from tests.factories.orders import order_place


@pytest.fixture
def orders(buyer, company, bolts, acme_bolt_price, invoice_files):
    # Placed without running the on-commit work, so no invoice exists yet.
    return [
        order_place(user=buyer, company=company, lines=[(bolts, 1)]) for _ in range(3)
    ]


def test_invoices_count_up_without_gaps_across_skipping_order_numbers(orders):
    # Given orders whose numbers are not consecutive
    first, second, third = orders
    third.number = str(int(third.number) + 7)
    third.save(update_fields=["number"])

    # When their invoices are issued, in another order than the orders
    made = [invoice_create(order=order) for order in (second, first, third)]

    # Then the invoices are numbered 1, 2, 3 in the order they were issued
    year = timezone.localdate().year
    assert [invoice.number for invoice in made] == [
        f"INV-{year}-000001",
        f"INV-{year}-000002",
        f"INV-{year}-000003",
    ]
    assert invoice_number(first) == f"INV-{year}-000002"


def test_issuing_twice_returns_the_first_invoice_and_takes_no_number(orders):
    first = invoice_create(order=orders[0])

    again = invoice_create(order=orders[0])
    second = invoice_create(order=orders[1])

    assert again == first
    year = timezone.localdate().year
    assert second.number == f"INV-{year}-000002"


def test_a_failed_rendering_gives_its_number_back(orders, monkeypatch):
    # Given the PDF renderer fails once
    def broken(*args, **kwargs):
        raise RuntimeError("renderer down")

    monkeypatch.setattr(invoices, "render_pdf", broken)
    with pytest.raises(RuntimeError):
        invoice_create(order=orders[0])
    assert not Invoice.objects.exists()
    assert invoice_number(orders[0]) == ""

    # When it works again, the next invoice takes the number that failed
    monkeypatch.undo()
    invoice = invoice_create(order=orders[1])

    assert invoice.number == f"INV-{timezone.localdate().year}-000001"


def test_the_invoice_is_rendered_in_the_buyers_language(orders, buyer, monkeypatch):
    from django.utils import translation

    from partner_portal.language import preferred_language_set

    preferred_language_set(user=buyer, language="de")
    languages = []
    real_render = invoices.render_pdf

    def render(*args, **kwargs):
        languages.append(translation.get_language())
        return real_render(*args, **kwargs)

    monkeypatch.setattr(invoices, "render_pdf", render)

    invoice_create(order=orders[0])

    assert languages == ["de"]
    assert translation.get_language() == "en"
