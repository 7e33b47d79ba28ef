"""The contracts list costs the same number of SQL queries, at most 20, for a
few as for 200 contracts."""

from copy import copy

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from contracts.models import Contract
from tests.factories.contracts import contract_create

LIST = reverse("contracts:list")


def _queries(client):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(LIST)
    assert response.status_code == 200
    return len(captured), response


def test_the_contracts_list_does_not_grow_with_the_contracts(
    client, company, company_admin
):
    # Given two contracts of the company
    for title in ("Service", "Maintenance"):
        contract_create(company=company, title=title)
    client.force_login(company_admin)
    client.get(LIST)  # the session and the frame's caches
    few, _response = _queries(client)

    # When there are two hundred
    like = Contract.objects.for_company(company).first()
    clones = []
    for index in range(198):
        clone = copy(like)
        clone.pk = None
        clone.number = f"CT-BULK-{index:04d}"
        clones.append(clone)
    Contract.objects.bulk_create(clones)
    # The frame's caches again, emptied by the writes, as before `few`
    client.get(LIST)
    many, response = _queries(client)

    # Then the page costs the same, and no more than 20 queries
    assert Contract.objects.for_company(company).count() == 200
    assert many == few
    assert many <= 20
    assert "CT-BULK-0000" in response.text or "CT-BULK-0197" in response.text
