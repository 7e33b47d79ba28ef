"""What drf-spectacular needs to describe the API: the key as a bearer scheme
and the problem-details body."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import serializers


class ApiKeyScheme(OpenApiAuthenticationExtension):
    target_class = "api.authentication.ApiKeyAuthentication"
    name = "apiKey"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "bearerFormat": "pp_<prefix>_<secret>",
            "description": (
                "An API key created by a company admin under API & integrations."
            ),
        }


class ProblemSerializer(serializers.Serializer):
    """RFC 9457 problem details."""

    type = serializers.URLField()
    title = serializers.CharField()
    status = serializers.IntegerField()
    detail = serializers.CharField()
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()), required=False
    )


def problem_responses(*statuses: int) -> dict:
    """`responses=` entries for extend_schema: each status answers problem
    details, e.g. `responses={200: OrderSerializer, **problem_responses(400, 404)}`."""
    from drf_spectacular.utils import OpenApiResponse

    # The media type the error handler sends (api/errors.py), so that a
    # client and the fuzz test (tests/api/test_fuzz.py) expect the right one.
    return {
        (status, "application/problem+json"): OpenApiResponse(
            response=ProblemSerializer, description="Problem details (RFC 9457)."
        )
        for status in statuses
    }


# Every key-authenticated endpoint may answer these.
COMMON_PROBLEMS = (401, 403, 429)
