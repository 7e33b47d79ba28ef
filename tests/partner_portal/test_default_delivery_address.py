"""Each company has exactly one default delivery address: the first delivery
address becomes it, a company admin makes another one the default (the old
one stops being it), it carries a badge on the company page and checkout
chooses it first. Another company's address is not found."""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from partner_portal.company_profile import (
    company_address_delete,
    company_address_save,
    company_address_set_default,
)
from partner_portal.models import CompanyAddress
from tests.factories import CompanyAddressFactory
from tests.factories.orders import DeliveryAddressFactory
from tests.helpers import messages_of, snapshot

DELIVERY = {
    "kind": "delivery",
    "label": "Dock 2",
    "line1": "Kai 2",
    "postcode": "20457",
    "city": "Hamburg",
    "country": "DE",
}


def _defaults(company):
    return list(
        CompanyAddress.objects.for_company(company)
        .filter(is_default_delivery=True)
        .values_list("label", flat=True)
    )


def test_the_first_delivery_address_becomes_the_default(company):
    CompanyAddressFactory(company=company, kind="billing", label="Head office")

    first = company_address_save(company=company, **DELIVERY)
    second = company_address_save(company=company, **{**DELIVERY, "label": "Dock 3"})

    assert (first.is_default_delivery, second.is_default_delivery) == (True, False)
    assert _defaults(company) == ["Dock 2"]


def test_setting_a_default_clears_the_previous_one(client, company, company_admin):
    company_address_save(company=company, **DELIVERY)
    second = company_address_save(company=company, **{**DELIVERY, "label": "Dock 3"})
    client.force_login(company_admin)

    response = client.post(
        reverse("partner_portal:company_address_default", args=[second.pk])
    )

    assert response.status_code == 302
    assert response.url == reverse("partner_portal:company")
    assert messages_of(response) == ["Dock 3 is now your default delivery address."]
    assert _defaults(company) == ["Dock 3"]


def test_the_database_allows_one_default_per_company(company, other_company):
    company_address_save(company=company, **DELIVERY)
    company_address_save(company=other_company, **DELIVERY)

    with pytest.raises(IntegrityError), transaction.atomic():
        DeliveryAddressFactory(company=company, is_default_delivery=True)

    assert _defaults(company) == ["Dock 2"]
    assert _defaults(other_company) == ["Dock 2"]


def test_a_billing_address_cannot_be_the_default(company):
    billing = CompanyAddressFactory(company=company, kind="billing")
    company_address_save(company=company, **DELIVERY)

    with pytest.raises(Exception, match="Only a delivery address"):
        company_address_set_default(company=company, address=billing)

    assert _defaults(company) == ["Dock 2"]


def test_deleting_or_rekinding_the_default_hands_it_on(company):
    first = company_address_save(company=company, **DELIVERY)
    second = company_address_save(company=company, **{**DELIVERY, "label": "Dock 3"})
    third = company_address_save(company=company, **{**DELIVERY, "label": "Dock 4"})

    company_address_delete(company=company, address=first)
    assert _defaults(company) == ["Dock 3"]

    company_address_save(company=company, address=second, kind="billing")
    assert _defaults(company) == ["Dock 4"]
    assert third.pk == CompanyAddress.objects.get(is_default_delivery=True).pk


def test_the_company_page_shows_the_badge(client, company, company_admin):
    company_address_save(company=company, **DELIVERY)
    other = company_address_save(company=company, **{**DELIVERY, "label": "Dock 3"})
    client.force_login(company_admin)

    page = client.get(reverse("partner_portal:company")).content.decode()

    assert page.count("Default delivery address</span>") == 1
    assert page.count("Make default") == 1
    assert reverse("partner_portal:company_address_default", args=[other.pk]) in page


def test_a_buyer_cannot_set_the_default(client, company, buyer):
    company_address_save(company=company, **DELIVERY)
    second = company_address_save(company=company, **{**DELIVERY, "label": "Dock 3"})
    client.force_login(buyer)
    before = snapshot(CompanyAddress)

    response = client.post(
        reverse("partner_portal:company_address_default", args=[second.pk])
    )

    assert response.status_code == 403
    assert snapshot(CompanyAddress) == before


def test_another_companys_address_is_not_found(
    client, company, other_company, company_admin
):
    company_address_save(company=other_company, **DELIVERY)
    theirs = company_address_save(
        company=other_company, **{**DELIVERY, "label": "Dock 3"}
    )
    client.force_login(company_admin)
    before = snapshot(CompanyAddress)

    response = client.post(
        reverse("partner_portal:company_address_default", args=[theirs.pk])
    )

    assert response.status_code == 404
    assert snapshot(CompanyAddress) == before
