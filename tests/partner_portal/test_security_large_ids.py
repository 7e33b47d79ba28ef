"""An id too large for the database (25 digits) in any URL answers 404, never
500: SQLite raises OverflowError for integers beyond 64 bits. The portal's
urls.py take ids with the `<id:...>` converter (partner_portal/converters.py),
which matches at most 18 digits."""

import re

import pytest
from django.urls import URLResolver, get_resolver
from django.urls.resolvers import RoutePattern

from partner_portal.permissions import Role
from tests.factories import CompanyFactory, MembershipFactory

HUGE = "9" * 25
# Route converters and regex groups that capture a database id.
ROUTE_ID = re.compile(r"<(?:int|id):\w+>")
REGEX_ID = re.compile(r"\(\?P<\w+>\\d\+\)")
ROUTE_OTHER = re.compile(r"<(?:\w+:)?\w+>")
REGEX_OTHER = re.compile(r"\(\?P<\w+>[^)]*\)")
# Third-party admin areas: staff only, and the pages of Wagtail's and Oscar's
# own test suites; the portal's pages, the shop and the Wagtail page tree stay.
SKIPPED_PREFIXES = ("/cms-admin/", "/django-admin/", "/shop/dashboard/")


def _patterns(resolver=None, prefix=()):
    for entry in (resolver or get_resolver()).url_patterns:
        pattern = entry.pattern
        text = str(pattern) if isinstance(pattern, RoutePattern) else pattern._regex
        if isinstance(entry, URLResolver):
            yield from _patterns(entry, (*prefix, text))
        else:
            yield (*prefix, text)


def _with_huge_id(parts):
    """The pattern's path with every id `HUGE` and every other part `x`; None
    for patterns without an id."""
    path = ""
    for part in parts:
        if isinstance(part, str) and (part.startswith("^") or "(?P" in part):
            part = part.removeprefix("^").removesuffix("$")
            replaced = REGEX_ID.sub(HUGE, part)
            part = REGEX_OTHER.sub("x", replaced)
            part = part.replace(r"\.", ".")
        else:
            replaced = ROUTE_ID.sub(HUGE, part)
            part = ROUTE_OTHER.sub("x", replaced)
        path += part
    if HUGE not in path or any(char in path for char in "\\()[]*+?|"):
        return None
    return "/" + path


def id_urls():
    urls = {_with_huge_id(parts) for parts in _patterns()}
    return sorted(url for url in urls if url and not url.startswith(SKIPPED_PREFIXES))


def test_every_portal_id_url_is_covered():
    urls = id_urls()
    assert "/portal/contracts/offers/" + HUGE + "/" in urls
    assert "/portal/content/trainings/courses/" + HUGE + "/quiz/" in urls
    assert len(urls) > 40


@pytest.fixture
def superuser_member(db):
    """Holds every capability and staff right, so that each view gets as far
    as looking the object up."""
    membership = MembershipFactory(
        company=CompanyFactory(distributor=True),
        role=Role.COMPANY_ADMIN,
        user__is_staff=True,
        user__is_superuser=True,
    )
    return membership.user


@pytest.mark.parametrize("url", id_urls())
def test_huge_id_answers_404(client, superuser_member, url):
    client.force_login(superuser_member)
    client.raise_request_exception = False
    response = client.get(url)
    if response.status_code == 405:  # a form's target: the id arrives by POST
        response = client.post(url)
    expected = {404}
    if url.startswith("/api/"):
        # The API asks for its key before any lookup (401) unless the path's
        # converter already refuses the id (404); with a key, huge ids are the
        # fuzz test's (tests/api/test_fuzz.py) and the endpoints'.
        expected = {401, 404}
    if url.startswith("/shop/"):
        # Oscar's own patterns take any number of digits; its GET on a form
        # target and the portal's redirects away from Oscar's pages send the
        # user elsewhere before any lookup.
        expected = {302, 404}
    assert response.status_code in expected, f"{url}: {response.status_code}"


def test_id_converter_takes_up_to_18_digits():
    from django.urls import resolve, reverse

    assert resolve("/portal/assets/" + "9" * 18 + "/").kwargs == {"pk": int("9" * 18)}
    assert reverse("marketing_assets:detail", args=[7]) == "/portal/assets/7/"
    for path in ("9" * 19, "1" + "0" * 18, "-1", "1e3"):
        # Not the asset page: Wagtail's page tree, which answers 404.
        assert resolve("/portal/assets/" + path + "/").url_name != "detail"
