"""The navigation bar kept between pages (partner_portal/frame_fragments.py):
rendered once per person, company, language and CSRF cookie and reused on
the next pages, each with its own return address in the language form; any
change in the database renders it anew, and nobody ever gets another
person's bar or form token."""

import re

from django.test import Client
from django.urls import reverse

NAVBAR = "includes/navbar.html"
START = reverse("partner_portal:start")
HISTORY = reverse("orders:list")
RETURNS = reverse("returns:list")
LOGIN = reverse("login")


def _rendered_bar(response) -> bool:
    return NAVBAR in [template.name for template in response.templates]


def _nav(response) -> str:
    html = response.content.decode()
    return html[html.index("<nav") : html.index("</nav>")]


def _next(response) -> str:
    return re.search(
        r'<input name="next" type="hidden" value="([^"]*)">', _nav(response)
    )[1]


def test_the_bar_is_rendered_once_and_reused_on_the_next_pages(client, buyer):
    client.force_login(buyer)
    first = client.get(START)

    history = client.get(HISTORY + "?status=open&q=a")
    returns = client.get(RETURNS)

    assert _rendered_bar(first)
    assert not _rendered_bar(history)
    assert not _rendered_bar(returns)
    # Each page's language form returns to that page, escaped.
    assert _next(first) == START
    assert _next(history) == HISTORY + "?status=open&amp;q=a"
    assert _next(returns) == RETURNS
    assert "Bruno Buyer" in _nav(returns)


def test_a_change_in_the_database_renders_the_bar_anew(client, buyer, bolts):
    client.force_login(buyer)
    client.get(START)

    client.post(reverse("basket:add", kwargs={"pk": bolts.pk}), {"quantity": 3})
    after = client.get(RETURNS)

    assert _rendered_bar(after)
    assert re.search(r'<span class="badge [\w-]+">3</span>', _nav(after))


def test_another_company_never_gets_the_bar(client, buyer, other_buyer, company):
    client.force_login(buyer)
    client.get(START)
    other = Client()
    other.force_login(other_buyer)

    theirs = other.get(START)

    assert _rendered_bar(theirs)
    assert "Greta Globex" in _nav(theirs)
    assert company.name not in _nav(theirs)
    assert buyer.email not in _nav(theirs)


def test_the_bar_follows_the_language(client, buyer):
    client.force_login(buyer)
    assert "Log out" in _nav(client.get(START))

    client.post(reverse("set_language"), {"language": "de", "next": RETURNS})
    german = client.get(RETURNS)

    assert "Abmelden" in _nav(german)
    assert "Log out" not in _nav(german)


def test_each_visitor_gets_a_form_token_of_their_own_cookie(db):
    visitors = [Client(enforce_csrf_checks=True) for _ in range(2)]
    for visitor in visitors:
        page = visitor.get(LOGIN)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', _nav(page))[1]

        switched = visitor.post(
            reverse("set_language"),
            {"language": "de", "next": LOGIN, "csrfmiddlewaretoken": token},
        )

        assert switched.status_code == 302
