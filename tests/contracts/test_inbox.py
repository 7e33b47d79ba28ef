"""Offers waiting for my acceptance: the sent offers of the offers page that
may still be accepted, for those who accept offers, of their company only."""

from contracts.models import Offer
from tests.inbox_data import sent_offers

TASKS = "/portal/tasks/"
SENT = "/portal/contracts/offers/?status=sent"


def _sections(client, user):
    client.force_login(user)
    return {
        s.source.key: s
        for s in client.get(TASKS).context["sections"]
        if s.source.key == "contracts.offers"
    }


def test_the_count_agrees_with_the_offers_page(
    client, company, buyer, other_company, sales
):
    sent_offers(company=company, sales=sales, count=3)
    sent_offers(company=company, sales=sales, count=2, status=Offer.Status.ACCEPTED)
    # Past its validity: the page shows it expired, before the nightly run.
    sent_offers(company=company, sales=sales, count=1, valid_days=-1)
    sent_offers(company=other_company, sales=sales, count=4)
    client.force_login(buyer)

    shown = client.get(SENT).context["offers"]
    section = _sections(client, buyer)["contracts.offers"]

    acceptable = [o for o in shown if o.latest_sent.can_be_accepted]
    assert len(shown) == 4
    assert section.count == len(acceptable) == 3
    assert {item.url for item in section.items} == {
        f"/portal/contracts/offers/{offer.pk}/" for offer in acceptable
    }


def test_members_who_do_not_accept_offers_have_no_offer_section(
    client, company, approver, sales
):
    sent_offers(company=company, sales=sales, count=2)

    assert _sections(client, approver) == {}
