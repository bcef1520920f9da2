from django.db import connection
from django.http import JsonResponse

from .client import ping


def healthz(request):
    """Report the database and search node; 503 only when the database is down."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        database = "ok"
    except Exception:
        database = "unavailable"
    search = "ok" if ping() else "unavailable"
    status = 200 if database == "ok" else 503
    return JsonResponse({"database": database, "search": search}, status=status)
