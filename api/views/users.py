"""/api/v1/users/: the company's members as "Colleagues" lists them (read
only: inviting and changing roles stay in the portal)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, serializers

from api.schema import COMMON_PROBLEMS, problem_responses
from api.views.base import ApiDetailView, ApiListView
from partner_portal.models import Membership
from partner_portal.permissions import ApiResource, Capability, Role
from partner_portal.policy import Member
from partner_portal.policy_api import ApiScope
from partner_portal.scoping import get_for_company_or_404
from partner_portal.selectors import membership_list

USERS = Member(Capability.MEMBERS_VIEW) & ApiScope(ApiResource.USERS)


class MemberSerializer(serializers.ModelSerializer):
    id = serializers.IntegerField(source="user_id", help_text=gettext_lazy("User id"))
    name = serializers.SerializerMethodField()
    first_name = serializers.CharField(source="user.first_name")
    last_name = serializers.CharField(source="user.last_name")
    email = serializers.EmailField(source="user.email")
    role_label = serializers.CharField(source="get_role_display")
    active = serializers.BooleanField(source="is_active")
    member_since = serializers.DateTimeField(source="created_at")

    class Meta:
        model = Membership
        fields = [
            "id",
            "name",
            "first_name",
            "last_name",
            "email",
            "role",
            "role_label",
            "active",
            "member_since",
        ]
        read_only_fields = fields

    def get_name(self, obj) -> str:
        return obj.user.get_full_name() or obj.user.email


ACTIVE_VALUES = {"true": True, "1": True, "false": False, "0": False}


class UserListView(ApiListView):
    """The company's members, active and former; `q` searches name and email."""

    policy = USERS
    serializer_class = MemberSerializer

    def get_queryset(self):
        params = self.request.query_params
        members = membership_list(
            company=self.company, search=params.get("q", "").strip()[:100]
        )
        role = params.get("role", "")
        if role:
            if role not in Role.values:
                raise exceptions.ValidationError(
                    {
                        "role": [
                            _("Choose one of: %(values)s.")
                            % {"values": ", ".join(Role.values)}
                        ]
                    }
                )
            members = members.filter(role=role)
        active = params.get("active", "").lower()
        if active:
            if active not in ACTIVE_VALUES:
                raise exceptions.ValidationError(
                    {"active": [_("Answer true or false.")]}
                )
            members = members.filter(is_active=ACTIVE_VALUES[active])
        return members.order_by(*Membership._meta.ordering, "pk")

    @extend_schema(
        operation_id="users_list",
        parameters=[
            OpenApiParameter(
                "q", str, description=gettext_lazy("Name or email (part of)")
            ),
            OpenApiParameter("role", str, enum=Role.values),
            OpenApiParameter("active", bool),
        ],
        responses={
            200: MemberSerializer(many=True),
            **problem_responses(400, 404, *COMMON_PROBLEMS),
        },
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class UserDetailView(ApiDetailView):
    """One member of the company, by user id."""

    policy = USERS
    serializer_class = MemberSerializer

    def get_object(self):
        return get_for_company_or_404(
            Membership.objects.select_related("user"),
            company=self.company,
            user_id=self.kwargs["user_id"],
        )

    @extend_schema(
        operation_id="users_retrieve",
        parameters=[
            OpenApiParameter(
                "user_id",
                int,
                OpenApiParameter.PATH,
                description=gettext_lazy("User id"),
            )
        ],
        responses={200: MemberSerializer, **problem_responses(404, *COMMON_PROBLEMS)},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)
