"""The server error page: static text (it must render when everything else
fails) plus the request id, so that a user can quote it to support."""

from django.http import HttpResponseServerError
from django.template import loader

from partner_portal.request_log import current_request_id


def server_error(request):
    template = loader.get_template("500.html")
    request_id = getattr(request, "request_id", None) or current_request_id()
    return HttpResponseServerError(template.render({"request_id": request_id}))
