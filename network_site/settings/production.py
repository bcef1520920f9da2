"""Production: every secret from the environment; refuses to start without SECRET_KEY or the
site's public address (SITE_URL or WAGTAILADMIN_BASE_URL)."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403

DEBUG = False
if not SECRET_KEY:  # noqa: F405
    raise ImproperlyConfigured("SECRET_KEY must be set in the environment for production.")
if not (os.environ.get("SITE_URL") or os.environ.get("WAGTAILADMIN_BASE_URL")):
    raise ImproperlyConfigured(
        "SITE_URL (or WAGTAILADMIN_BASE_URL) must be set to the site's public address for "
        "production, e.g. https://network.example.org: admin links, API URLs and the Site "
        "record are built from it."
    )
# Loopback stays allowed for the container's own health probe.
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS") or list(  # noqa: F405
    dict.fromkeys([SITE_HOSTNAME, "127.0.0.1", "localhost"])  # noqa: F405
)

STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)  # noqa: F405
# Load balancers and container health checks probe over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 60 * 60 * 8
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
