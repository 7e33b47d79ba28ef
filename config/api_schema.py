def only_portal_api(endpoints):
    """drf-spectacular hook: document our /api/v1/, not Wagtail's internal admin API."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/v1/")]
