"""/api/v1/ endpoints of this area (filled in by its views)."""

urlpatterns = []
