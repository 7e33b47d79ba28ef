"""The shop's pricing strategy takes the company CurrentCompanyMiddleware put on the
request: a member gets the company's prices, staff and visitors the list
price, and neither costs a membership query per request."""

from django.http import HttpResponse
from django.test import RequestFactory

from oscar_apps.partner.strategy import Selector
from partner_portal.middleware import CurrentCompanyMiddleware


def _through_middleware(user):
    request = RequestFactory().get("/")
    request.user = user
    request.session = {}
    CurrentCompanyMiddleware(lambda request: HttpResponse())(request)
    return request


def test_staff_request_needs_no_membership_query(staff_user, django_assert_num_queries):
    request = _through_middleware(staff_user)
    with django_assert_num_queries(0):
        strategy = Selector().strategy(request=request, user=request.user)
    assert strategy.company is None


def test_member_request_prices_for_the_members_company(buyer, company):
    request = _through_middleware(buyer)
    strategy = Selector().strategy(request=request, user=request.user)
    assert strategy.company == company


def test_without_a_request_the_users_company_is_looked_up(buyer, company):
    assert Selector().strategy(user=buyer).company == company
