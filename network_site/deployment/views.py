"""/.well-known/security.txt (RFC 9116): where to report a vulnerability in this deployment."""

from datetime import timedelta

from django.conf import settings
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

# RFC 9116 asks for an expiry under a year; the file is written afresh on every request.
VALIDITY = timedelta(days=180)


@require_GET
def security_txt(request):
    """The configured SECURITY_CONTACT; 404 when the deployment names none."""
    if not settings.SECURITY_CONTACT:
        raise Http404("No security contact is configured.")
    canonical = (settings.SITE_URL or request.build_absolute_uri("/").rstrip("/")) + request.path
    expires = (timezone.now() + VALIDITY).replace(microsecond=0).isoformat()
    lines = [
        f"Contact: {settings.SECURITY_CONTACT}",
        f"Expires: {expires}",
        f"Canonical: {canonical}",
        "Preferred-Languages: en",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
