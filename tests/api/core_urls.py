"""A small create endpoint for the core's tests (idempotency, strict input,
scopes), mounted next to the portal's URLs."""

from django.urls import include, path
from rest_framework import serializers, status
from rest_framework.response import Response

from api.idempotency import idempotent
from api.serializers import StrictSerializer
from api.views.base import ApiView
from partner_portal.models import CompanyAddress
from partner_portal.permissions import ApiResource, Capability
from partner_portal.policy import Member
from partner_portal.policy_api import ApiScope


class AddressIn(StrictSerializer):
    city = serializers.CharField(max_length=100)
    postcode = serializers.CharField(max_length=20)


class AddressCreate(ApiView):
    policy = Member(Capability.COMPANY_MANAGE) & ApiScope(ApiResource.USERS)

    @idempotent
    def post(self, request):
        data = AddressIn(data=request.data)
        data.is_valid(raise_exception=True)
        address = CompanyAddress.objects.create(
            company=self.company, kind="delivery", line1="Dock 1", **data.validated_data
        )
        return Response(
            {"id": address.pk, "city": address.city},
            status=status.HTTP_201_CREATED,
            headers={"Location": f"/addresses/{address.pk}"},
        )


urlpatterns = [
    path("test-api/addresses/", AddressCreate.as_view()),
    path("", include("config.urls")),
]
