"""The OpenAPI schema and its interactive docs, public like any API reference
(they describe the API, not a company's data). The docs page loads Swagger UI
from the portal's own static files and its script from a URL of its own, so
the Content-Security-Policy needs no inline script."""

from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from partner_portal.policy import PUBLIC


class SchemaView(SpectacularAPIView):
    policy = PUBLIC
    permission_classes = [PUBLIC]
    authentication_classes = []


class DocsView(SpectacularSwaggerSplitView):
    policy = PUBLIC
    permission_classes = [PUBLIC]
    authentication_classes = []
    url_name = "api:schema"
