"""An offer is accepted under the account's own name: the typed name must
match it (ignoring case and spaces), and a member whose account has no name
sets one on the account page first instead of signing with any name."""

import pytest
from django.urls import reverse

from contracts import services
from contracts.models import Acceptance, Contract, Offer, OfferEvent, OfferVersion
from tests.factories.contracts import line, offer_sent_create, sales_user_create
from tests.helpers import snapshot


@pytest.fixture
def offer(company):
    return offer_sent_create(
        company=company,
        sales=sales_user_create(email="sales@portal.example"),
        lines=[line("Installation", unit_price="300.00")],
    )


@pytest.fixture
def nameless_admin(company_admin):
    company_admin.first_name = company_admin.last_name = ""
    company_admin.save()
    return company_admin


def _world():
    return snapshot(Acceptance, Contract, Offer, OfferEvent, OfferVersion)


def _accept(client, offer, name):
    return client.post(
        reverse("contracts:offer_accept", args=[offer.pk, 1]),
        {"typed_name": name, "terms": "on"},
    )


@pytest.mark.parametrize("name", ["Ada Admin", "Anybody", "x"])
def test_nameless_account_cannot_accept_under_any_name(
    client, nameless_admin, offer, name
):
    client.force_login(nameless_admin)
    before = _world()

    response = _accept(client, offer, name)

    assert response.status_code == 400
    assert "Your account has no name yet" in response.text
    assert _world() == before


def test_service_refuses_a_nameless_account(company, nameless_admin, offer):
    before = _world()
    with pytest.raises(services.OfferError, match="no name yet"):
        services.offer_accept(
            company=company,
            offer_id=offer.pk,
            version_number=1,
            user=nameless_admin,
            typed_name="Anybody",
            terms_accepted=True,
            ip_address=None,
            user_agent="",
        )
    assert _world() == before


def test_offer_page_sends_a_nameless_member_to_the_account_page(
    client, nameless_admin, offer
):
    client.force_login(nameless_admin)
    offer_url = reverse("contracts:offer_detail", args=[offer.pk])

    page = client.get(offer_url)

    assert page.status_code == 200
    assert f'href="/portal/profile/?next={offer_url}"' in page.text


def test_after_setting_a_name_the_typed_name_must_match_it(
    client, nameless_admin, offer
):
    client.force_login(nameless_admin)
    offer_url = reverse("contracts:offer_detail", args=[offer.pk])
    saved = client.post(
        "/portal/profile/?next=" + offer_url,
        {"first_name": "Ada", "last_name": "Lovelace"},
    )
    assert saved.url == offer_url
    before = _world()

    wrong = _accept(client, offer, "Ada Admin")
    assert wrong.status_code == 400
    assert "Please type your name as it is in your account: Ada Lovelace" in (
        wrong.text
    )
    assert _world() == before

    right = _accept(client, offer, "  ada   LOVELACE ")
    assert right.status_code == 302
    assert Acceptance.objects.get().typed_name == "ada LOVELACE"
