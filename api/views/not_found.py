from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from rest_framework.decorators import (
    api_view,
    authentication_classes,
    permission_classes,
    renderer_classes,
)
from rest_framework.renderers import JSONRenderer

from api.errors import problem
from partner_portal.policy import PUBLIC


@csrf_exempt
@api_view(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"])
@authentication_classes([])
@permission_classes([PUBLIC])
@renderer_classes([JSONRenderer])
def not_found(request, *args, **kwargs):
    """Any path below /api/ that names no endpoint."""
    return problem(404, _("There is no API endpoint at this address."))


not_found.policy = PUBLIC
