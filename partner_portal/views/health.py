from django.db import connection, transaction
from django.http import JsonResponse

from partner_portal.access import policy_required
from partner_portal.policy import PUBLIC


@policy_required(PUBLIC)
@transaction.non_atomic_requests
def healthz(request):
    """200 when the database answers; 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:  # noqa: BLE001  any database fault means unhealthy
        return JsonResponse({"status": "error", "database": str(error)}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})
