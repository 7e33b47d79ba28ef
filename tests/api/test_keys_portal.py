"""A company admin issues, lists and revokes the company's API keys in the
portal (/portal/api/keys/): the key is shown once, stored hashed, scoped, and
answers 401 as soon as it is revoked. Other members may not; another
company's key answers 404."""

import pytest
from django.urls import reverse

from api.models import ApiKey
from tests.api.conftest import client_with
from tests.helpers import messages_of, snapshot

CREATE = reverse("api_portal:key_create")
KEYS = reverse("api_portal:keys")
ME = "/api/v1/key/"


def _form(**overrides):
    return {
        "name": "ERP production",
        "access": "write",
        "resources": ["orders", "products"],
        **overrides,
    }


def test_admin_creates_a_key_and_sees_its_plaintext_once(client, company_admin):
    # Given a company admin
    client.force_login(company_admin)

    # When they create a key
    response = client.post(CREATE, _form())

    # Then the page shows the plaintext, which finds exactly the new key
    assert response.status_code == 200
    plaintext = response.context["plaintext"]
    assert plaintext.startswith("pp_")
    assert plaintext in response.content.decode()
    key = ApiKey.objects.get()
    assert ApiKey.find(plaintext) == key
    assert (key.company, key.name, key.access, key.resources, key.created_by) == (
        company_admin.memberships.get().company,
        "ERP production",
        "write",
        ["orders", "products"],
        company_admin,
    )
    # ...stored only as a hash, and the page is not kept by any cache
    assert plaintext not in key.key_hash
    assert "no-store" in response["Cache-Control"]
    # ...and the list never shows it again, only its prefix
    listing = client.get(KEYS).content.decode()
    assert plaintext not in listing
    assert key.masked in listing


def test_the_new_key_works_at_once_and_records_its_use(client, company_admin):
    client.force_login(company_admin)
    plaintext = client.post(CREATE, _form(access="read")).context["plaintext"]

    response = client_with(plaintext).get(ME)

    assert response.status_code == 200
    assert ApiKey.objects.get().last_used_at is not None


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"resources": []}, "resources"),
        ({"resources": ["orders", "secrets"]}, "resources"),
        ({"name": "   "}, "name"),
        ({"name": "x" * 101}, "name"),
        ({"access": "admin"}, "access"),
    ],
    ids=["no-resource", "unknown-resource", "blank-name", "long-name", "bad-access"],
)
def test_an_invalid_form_creates_no_key(client, company_admin, overrides, field):
    client.force_login(company_admin)

    response = client.post(CREATE, _form(**overrides))

    assert response.status_code == 400
    assert list(response.context["form"].errors) == [field]
    assert "plaintext" not in response.context
    assert ApiKey.objects.count() == 0


def test_revoking_a_key_refuses_it_at_once(client, company_admin, company_key):
    # Given a key in use
    api = company_key(company_admin)
    assert api.get(ME).status_code == 200
    client.force_login(company_admin)
    url = reverse("api_portal:key_revoke", args=[api.api_key.pk])

    # When the admin confirms the revocation
    confirm = client.get(url)
    response = client.post(url)

    # Then the key is revoked by them and the next request answers 401
    assert confirm.status_code == 200
    assert api.api_key.masked in confirm.content.decode()
    assert response.status_code == 302
    assert response.url == KEYS
    key = ApiKey.objects.get()
    assert key.revoked_at is not None
    assert key.revoked_by == company_admin
    assert messages_of(response) == ["The key ERP is revoked; it no longer works."]
    refused = api.get(ME)
    assert refused.status_code == 401
    assert refused["Content-Type"] == "application/problem+json"


def test_revoking_a_revoked_key_changes_nothing(client, company_admin, company_key):
    api = company_key(company_admin)
    api.api_key.revoke(by=company_admin)
    client.force_login(company_admin)
    url = reverse("api_portal:key_revoke", args=[api.api_key.pk])
    before = snapshot(ApiKey)

    assert client.get(url).url == KEYS
    response = client.post(url)

    assert messages_of(response) == ["The key ERP was already revoked."]
    assert snapshot(ApiKey) == before


def test_another_companys_key_answers_404(
    client, company_admin, other_admin, company_key
):
    theirs = company_key(other_admin, name="Globex sync").api_key
    client.force_login(company_admin)
    url = reverse("api_portal:key_revoke", args=[theirs.pk])
    before = snapshot(ApiKey)

    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    assert snapshot(ApiKey) == before
    assert "Globex sync" not in client.get(KEYS).content.decode()


def test_the_list_shows_the_companys_keys_only(
    client, company_admin, other_admin, company_key, staff_key
):
    ours = company_key(company_admin, name="Shop sync", access="read").api_key
    revoked = company_key(company_admin, name="Old ERP").api_key
    revoked.revoke(by=company_admin)
    company_key(other_admin, name="Globex ERP")
    staff_key()
    client.force_login(company_admin)

    response = client.get(KEYS)

    assert [key.name for key in response.context["keys"]] == ["Old ERP", "Shop sync"]
    page = response.content.decode()
    assert ours.masked in page
    assert "Globex ERP" not in page
    assert "Our ERP" not in page
    assert "Revoked" in page


@pytest.mark.parametrize("name", ["api_portal:index", "api_portal:keys"])
def test_a_buyer_may_not_see_the_api_pages(client, buyer, name):
    client.force_login(buyer)

    assert client.get(reverse(name)).status_code == 403


def test_a_buyer_may_not_create_a_key(client, buyer):
    client.force_login(buyer)

    response = client.post(CREATE, _form())

    assert response.status_code == 403
    assert ApiKey.objects.count() == 0


def test_the_index_counts_active_keys_and_links_the_docs(
    client, company_admin, company_key
):
    company_key(company_admin)
    company_key(company_admin).api_key.revoke(by=company_admin)
    client.force_login(company_admin)

    response = client.get(reverse("api_portal:index"))

    page = response.content.decode()
    assert response.context["active_keys"] == 1
    assert "1 active key" in page
    assert f'href="{KEYS}"' in page
    assert 'href="/api/docs/"' in page


def test_the_menu_offers_the_api_pages_to_admins_only(client, company_admin, buyer):
    link = f'href="{reverse("api_portal:index")}"'

    client.force_login(company_admin)
    assert link in client.get("/portal/").content.decode()
    client.force_login(buyer)
    assert link not in client.get("/portal/").content.decode()
