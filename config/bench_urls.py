"""The portal's URLs plus /bench/bare/, served only under the bench settings
(config/settings/bench.py): a view that does nothing, so that its rate is the
cost of the portal's middleware alone (`make bench`)."""

from django.http import HttpResponse
from django.urls import path

from config.urls import urlpatterns as portal_urlpatterns
from partner_portal.access import policy_required
from partner_portal.policy import PUBLIC


@policy_required(PUBLIC)
def bare(request):
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path("bench/bare/", bare, name="bench_bare"), *portal_urlpatterns]
