"""A NUL character in a search answers normally (PostgreSQL text cannot hold
one; it would otherwise end in a 500 page)."""

from django.urls import reverse


def test_a_search_with_a_nul_character_answers_normally(client, company_admin):
    client.force_login(company_admin)

    response = client.get(reverse("partner_portal:colleagues"), {"q": "Ada\x00"})

    assert response.status_code == 200
    assert response.wsgi_request.GET["q"] == "Ada"
    assert "admin@acme.example" in response.content.decode()
