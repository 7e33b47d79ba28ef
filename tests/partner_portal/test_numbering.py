"""Document numbers come from gap-free yearly sequences."""

import pytest
from django.db import transaction

from partner_portal.models import Sequence
from partner_portal.numbering import next_number


class DocumentFailed(Exception):
    pass


def _number_then_fail(name, year):
    with transaction.atomic():
        next_number(name, year=year)
        raise DocumentFailed


def test_numbers_count_up_per_name_and_year(db):
    with transaction.atomic():
        numbers = [next_number("INV", year=2026) for _ in range(3)]
        other = next_number("CN", year=2026)

    assert numbers == ["INV-2026-000001", "INV-2026-000002", "INV-2026-000003"]
    assert other == "CN-2026-000001"


def test_a_rolled_back_document_does_not_consume_its_number(db):
    # Given an invoice numbered and committed
    with transaction.atomic():
        assert next_number("INV", year=2026) == "INV-2026-000001"

    # When the next document fails after taking a number
    with pytest.raises(DocumentFailed):
        _number_then_fail("INV", 2026)

    # Then the number is given back: no gap
    with transaction.atomic():
        assert next_number("INV", year=2026) == "INV-2026-000002"
    assert Sequence.objects.get(name="INV", year=2026).last == 2


def test_each_year_starts_again_at_one(db):
    with transaction.atomic():
        next_number("INV", year=2026)
        next_number("INV", year=2026)
        first_of_next_year = next_number("INV", year=2027)

    assert first_of_next_year == "INV-2027-000001"
    assert Sequence.objects.get(name="INV", year=2026).last == 2


def test_the_year_defaults_to_today(db, settings):
    from django.utils import timezone

    with transaction.atomic():
        number = next_number("RMA")

    assert number == f"RMA-{timezone.localdate().year}-000001"


def test_custom_format(db):
    with transaction.atomic():
        number = next_number("OF", year=2026, format="{name}-{year}-{number:05d}")

    assert number == "OF-2026-00001"


@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_no_number_is_taken():
    with pytest.raises(transaction.TransactionManagementError):
        next_number("INV", year=2026)

    assert not Sequence.objects.exists()
