"""Concurrent retries of one create, as an ERP that times out and retries at
once would send them: against a live server, several requests with the same
Idempotency-Key arrive together, and exactly one creates."""

import json
import threading
import urllib.error
import urllib.request

from django.test import override_settings

from api.models import ApiKey
from partner_portal.models import CompanyAddress
from partner_portal.permissions import ApiResource

RETRIES = 6


def _post(url, plaintext, body, results):
    request = urllib.request.Request(
        url,
        data=json.dumps(body).encode(),
        method="POST",
        headers={
            "Authorization": f"Bearer {plaintext}",
            "Content-Type": "application/json",
            "Idempotency-Key": "erp-order-4711",
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            results.append((response.status, json.loads(response.read())))
    except urllib.error.HTTPError as error:
        results.append((error.code, json.loads(error.read())))


@override_settings(ROOT_URLCONF="tests.api.core_urls")
def test_concurrent_retries_with_one_key_create_once(
    live_server, transactional_db, company, company_admin
):
    _key, plaintext = ApiKey.issue(
        company=company,
        name="ERP",
        access="write",
        resources=[ApiResource.USERS],
        created_by=company_admin,
    )
    url = f"{live_server.url}/test-api/addresses/"
    body = {"city": "Bonn", "postcode": "53111"}
    start = threading.Barrier(RETRIES)
    results = []

    def send():
        start.wait()
        _post(url, plaintext, body, results)

    threads = [threading.Thread(target=send) for _ in range(RETRIES)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert len(results) == RETRIES
    assert CompanyAddress.objects.for_company(company).filter(city="Bonn").count() == 1
    created = [payload for status, payload in results if status == 201]
    # The winner and every replay answer the same object; a retry that came
    # while the first still ran is told to retry (409), never a second one.
    assert created
    assert all(payload == created[0] for payload in created)
    assert {status for status, _payload in results} <= {201, 409}
