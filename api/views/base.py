"""The base of every /api/v1/ view.

    class OrderListView(ApiListView):
        policy = Member(Capability.ORDER_VIEW_OWN) & ApiScope(ApiResource.ORDERS)
        serializer_class = OrderSerializer

        def get_queryset(self):
            return order_list(company=self.company, membership=self.membership)

The view's `policy` (the one access policy of partner_portal) is its only
permission; the key authenticates, its rate limit throttles, errors are
problem details (api/errors.py). A company key works as the member who
created it: `request.user`, `self.membership` and `self.company` are theirs,
and the web page's selectors scope what it sees, so another company's object
answers 404.
"""

from rest_framework.generics import GenericAPIView
from rest_framework.response import Response
from rest_framework.views import APIView

from api.authentication import ApiKeyAuthentication
from api.pagination import ApiPagination
from api.throttling import ApiKeyRateThrottle


class ApiView(APIView):
    policy = None
    authentication_classes = [ApiKeyAuthentication]
    throttle_classes = [ApiKeyRateThrottle]

    def get_permissions(self):
        if self.policy is None:
            raise TypeError(f"{type(self).__name__} declares no policy")
        return [self.policy]

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        key = request.auth
        membership = key.acting_membership if key is not None else None
        # What the web pages' selectors and services read.
        request._request.membership = membership
        request._request.company = membership.company if membership else None

    @property
    def api_key(self):
        return self.request.auth

    @property
    def membership(self):
        return self.request._request.membership

    @property
    def company(self):
        return self.request._request.company


class ApiGenericView(ApiView, GenericAPIView):
    pagination_class = ApiPagination

    def get_queryset(self):
        raise NotImplementedError


class ApiListView(ApiGenericView):
    """A paginated list: implement `get_queryset()`; override
    `filter_queryset(queryset)` for the web page's filters and ordering."""

    def get(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        serializer = self.get_serializer(page, many=True)
        return self.get_paginated_response(serializer.data)


class ApiDetailView(ApiGenericView):
    """One object: implement `get_object()` through the company scope."""

    def get_object(self):
        raise NotImplementedError

    def get(self, request, *args, **kwargs):
        return Response(self.get_serializer(self.get_object()).data)
