"""Assertions shared by every app's tests."""

from django.contrib.messages import get_messages
from django.db import models

from partner_portal.permissions import Role
from tests.factories import CompanyFactory, MembershipFactory


def snapshot(*models_or_querysets) -> list[list[dict]]:
    """Every row of the given models (or querysets) as dicts, in primary-key
    order: compare a snapshot before and after a denied request to show that
    nothing changed."""
    rows = []
    for source in models_or_querysets:
        queryset = (
            source
            if isinstance(source, models.QuerySet)
            else source._default_manager.all()
        )
        rows.append(list(queryset.order_by("pk").values()))
    return rows


def messages_of(response) -> list[str]:
    """The flash messages the request added (also on a redirect response)."""
    return [str(message) for message in get_messages(response.wsgi_request)]


def assert_cross_company_404(client, url, method="get", data=None, *, user=None):
    """Request `url` as a member of another company and assert a 404.

    By default the outsider is the company admin of a fresh distributor, who
    holds every capability there is, so that the 404 comes from the company
    scope and not from a missing capability. Returns the response.

    The helper adds that outsider's company and membership, so the caller
    snapshots the target company's rows, not whole tables:

        before = snapshot(ReturnRequest.objects.for_company(company))
        assert_cross_company_404(client, url, method="post", data={...})
        assert snapshot(ReturnRequest.objects.for_company(company)) == before
    """
    if user is None:
        user = MembershipFactory(
            company=CompanyFactory(distributor=True), role=Role.COMPANY_ADMIN
        ).user
    client.force_login(user)
    response = getattr(client, method.lower())(url, data or {})
    assert response.status_code == 404, (
        f"{method.upper()} {url} as a member of another company answered "
        f"{response.status_code}, not 404"
    )
    return response


def named_urls(resolver, namespace):
    """Every URL name below `namespace`, nested namespaces included."""
    names = {
        f"{namespace}:{name}" for name in resolver.reverse_dict if isinstance(name, str)
    }
    for child, (_prefix, child_resolver) in resolver.namespace_dict.items():
        names |= named_urls(child_resolver, f"{namespace}:{child}")
    return names
