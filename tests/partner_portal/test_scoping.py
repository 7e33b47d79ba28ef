"""The scoping helper: every read of company-owned data is limited to one company."""

import pytest
from django.contrib.auth import get_user_model
from django.http import Http404

from partner_portal.models import (
    Company,
    CompanyAddress,
    Invitation,
    Membership,
    TilePreference,
)
from partner_portal.scoping import for_company, get_for_company_or_404
from tests.factories import (
    CompanyAddressFactory,
    CompanyFactory,
    InvitationFactory,
    MembershipFactory,
)


@pytest.fixture
def two_companies(db):
    acme, globex = CompanyFactory(), CompanyFactory()
    rows = {
        company: {
            Membership: MembershipFactory.create_batch(2, company=company),
            Invitation: [InvitationFactory(company=company)],
            CompanyAddress: [CompanyAddressFactory(company=company)],
        }
        for company in (acme, globex)
    }
    return acme, globex, rows


@pytest.mark.parametrize("model", [Membership, Invitation, CompanyAddress])
def test_for_company_returns_only_that_companys_rows(two_companies, model):
    acme, globex, rows = two_companies

    assert set(for_company(model, company=acme)) == set(rows[acme][model])
    assert set(model.objects.for_company(globex)) == set(rows[globex][model])


def test_for_company_keeps_the_filters_of_a_given_queryset(two_companies):
    acme, _globex, rows = two_companies
    first = rows[acme][Membership][0]

    scoped = for_company(Membership.objects.filter(pk=first.pk), company=acme)

    assert list(scoped) == [first]


def test_for_company_on_another_companys_queryset_is_empty(two_companies):
    acme, globex, rows = two_companies
    pks = [m.pk for m in rows[globex][Membership]]

    assert list(for_company(Membership.objects.filter(pk__in=pks), company=acme)) == []


@pytest.mark.parametrize(
    "company", [None, Company(name="Unsaved")], ids=["none", "unsaved"]
)
def test_for_company_without_a_saved_company_is_empty(two_companies, company):
    assert list(for_company(Membership, company=company)) == []
    assert list(Membership.objects.for_company(company)) == []


@pytest.mark.parametrize(
    "model", [get_user_model(), Company, TilePreference], ids=lambda m: m.__name__
)
def test_for_company_refuses_models_that_are_not_company_owned(db, model):
    with pytest.raises(TypeError, match=rf"^{model.__name__} is not company-owned$"):
        for_company(model, company=CompanyFactory())


def test_for_company_refuses_a_queryset_that_is_not_company_owned(db):
    with pytest.raises(TypeError, match=r"^User is not company-owned$"):
        for_company(get_user_model().objects.all(), company=CompanyFactory())


def test_get_for_company_or_404_returns_the_companys_own_object(two_companies):
    acme, _globex, rows = two_companies
    invitation = rows[acme][Invitation][0]

    assert get_for_company_or_404(Invitation, company=acme, pk=invitation.pk) == (
        invitation
    )


def test_get_for_company_or_404_hides_another_companys_object(two_companies):
    acme, globex, rows = two_companies

    with pytest.raises(Http404):
        get_for_company_or_404(
            Invitation, company=acme, pk=rows[globex][Invitation][0].pk
        )


@pytest.mark.parametrize(
    "pk",
    ["abc", "", "1; DROP TABLE x", 10**9, None],
    ids=["letters", "empty", "sql", "unknown", "none"],
)
def test_get_for_company_or_404_turns_garbage_and_unknown_keys_into_404(
    two_companies, pk
):
    acme, _globex, _rows = two_companies

    with pytest.raises(Http404):
        get_for_company_or_404(Membership, company=acme, pk=pk)


def test_get_for_company_or_404_with_several_matches_is_404(two_companies):
    acme, _globex, _rows = two_companies

    with pytest.raises(Http404):
        get_for_company_or_404(Membership, company=acme, role="buyer")


def test_get_for_company_or_404_without_company_is_404(two_companies):
    acme, _globex, rows = two_companies
    membership = rows[acme][Membership][0]

    with pytest.raises(Http404):
        get_for_company_or_404(Membership, company=None, pk=membership.pk)
