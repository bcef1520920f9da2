"""Test runs: fast hashing, in-memory email, a per-run search index prefix."""

import os
import re
import time
import uuid

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-insecure-key"
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# One prefix per run, so parallel or repeated runs never share an index.
SEARCH_INDEX_PREFIX = os.environ.get("SEARCH_INDEX_PREFIX", f"test-{uuid.uuid4().hex[:8]}")
# SQLite tests run in memory. A server database gets one test database per run, named with its
# start time (scripts/db-node.sh drops old ones a killed run left) and the run's own random part.
if DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": f"test_{int(time.time())}_{uuid.uuid4().hex[:8]}_"
        + re.sub(r"[^a-z0-9]+", "_", SEARCH_INDEX_PREFIX.lower())[:32]
    }
MEDIA_ROOT = VAR_DIR / "test-media"  # noqa: F405
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# A fixed public address, so absolute links in email, the sitemap and the API are predictable
# (and never http://localhost/): migrate moves the seeded Site here (network_site/deployment).
SITE_URL = WAGTAILADMIN_BASE_URL = WAGTAILAPI_BASE_URL = "https://network.test"
SITE_HOSTNAME, SITE_PORT = "network.test", 443
AXES_ENABLED = True
# No collectstatic in test runs: look files up per request instead of scanning STATIC_ROOT.
WHITENOISE_AUTOREFRESH = True
# The suite shares the CPU with the node: a loaded node must not look like a dead one.
# Timeouts and the circuit breaker are tested explicitly with override_settings.
ELASTICSEARCH_TIMEOUT = float(os.environ.get("ELASTICSEARCH_TIMEOUT", "10"))
# As generous as the timeout: the shared node is slow under load; tests that need a tight
# deadline or slowness threshold set their own.
SEARCH_DEADLINE_SECONDS = ELASTICSEARCH_TIMEOUT
SEARCH_SLOW_SECONDS = ELASTICSEARCH_TIMEOUT
# Tasks run inline unless a test starts the real worker against the database backend.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# Rate-limit counters per process; the limit is tested explicitly with override_settings.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "ratelimit": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "rate"},
}
SEARCH_RATE_LIMIT = SEARCH_SUGGEST_RATE_LIMIT = ENQUIRY_RATE_LIMIT = "100000/m"
