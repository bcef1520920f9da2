"""Settings shared by every environment; secrets and hosts come from the environment."""

import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent
# Runtime files (SQLite database, uploads) live outside the packages, in var/.
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_port(name, default):
    value = os.environ.get(name) or str(default)
    if not value.isdigit() or not 0 < int(value) < 65536:
        raise ImproperlyConfigured(f"{name} ({value!r}) must be a port number.")
    return int(value)


def env_url(name, default=""):
    """An absolute http(s) address from the environment, without a trailing slash."""
    value = os.environ.get(name) or default
    parts = urlsplit(value)
    if value and (parts.scheme not in {"http", "https"} or not parts.hostname):
        raise ImproperlyConfigured(
            f"{name} ({value!r}) must be an absolute http(s) address, e.g. https://network.example.org"
        )
    return value.rstrip("/")


def env_contact(name):
    """A contact URI from an email address (as mailto:) or an https URL; empty when unset."""
    value = os.environ.get(name, "").strip()
    address = value.removeprefix("mailto:")
    if not value or (value.startswith("https://") and urlsplit(value).hostname):
        return value
    if re.fullmatch(r"[^@\s/:]+@[^@\s/:]+\.[^@\s/:]+", address):
        return f"mailto:{address}"
    raise ImproperlyConfigured(f"{name} ({value!r}) must be an email address or an https URL.")


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "casestudies",
    "search",
    # Before the wagtail apps, so its templates (e.g. the lockout page) can override theirs.
    "members",
    # Visitors' questions to case study authors, relayed without showing addresses.
    "enquiries",
    # Demo content and its loaders (load_demo_content, generate_case_studies).
    "demo",
    # Before django.contrib.staticfiles, whose runserver it extends with the loopback guard.
    "network_site.deployment",
    "wagtail.api.v2",
    "wagtail.contrib.settings",
    "wagtail.contrib.redirects",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "operations",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "network_site.sites.CachedSiteMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Cleans the search words of Wagtail's API and admin choosers (its database search fails
    # on quotes, NUL and blanks).
    "network_site.search_input.SearchInputMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, so that it sees the authentication result of everything above.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "network_site.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "network_site.wsgi.application"

if "DATABASE_URL" not in os.environ:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static_collected"))
STATICFILES_DIRS = [
    PROJECT_DIR / "static",
    # GOV.UK Frontend (compiled CSS, JS, assets) from `npm ci`; casestudies/checks.py checks it.
    ("govuk", BASE_DIR / "node_modules" / "govuk-frontend" / "dist" / "govuk"),
]
MEDIA_URL = os.environ.get("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# On: the app serves image renditions (MEDIA_URL/images/, network_site/deployment/media.py),
# for a box with no proxy. Off: the proxy serves MEDIA_ROOT/images/. Never documents' files,
# which go through Wagtail's serve view (WAGTAILDOCS_SERVE_METHOD below), nor image originals.
SERVE_MEDIA = env_bool("SERVE_MEDIA")

# Every email is queued as a task (operations.mail); the worker delivers it with this backend.
EMAIL_BACKEND = "operations.mail.TaskEmailBackend"
EMAIL_DELIVERY_BACKEND = os.environ.get(
    "EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend"
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "network@localhost")
# Published on the About, accessibility and privacy pages as the way to reach network staff.
NETWORK_CONTACT_EMAIL = os.environ.get("NETWORK_CONTACT_EMAIL", "network@example.org")

LOGIN_URL = "wagtailadmin_login"

# Background work (index sync, email) runs in `manage.py db_worker` beside the web processes.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# A failing task (operations.retry) is tried this often in all, waiting TASK_RETRY_BACKOFF
# seconds after the first failure and twice as long after each next one.
TASK_MAX_ATTEMPTS = int(os.environ.get("TASK_MAX_ATTEMPTS", "5"))
TASK_RETRY_BACKOFF = float(os.environ.get("TASK_RETRY_BACKOFF", "30"))

# Elasticsearch: the public search index. Wagtail's own admin search stays on the database.
# One node's address, or a cluster's as a comma-separated list: the client uses all of them.
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "http://127.0.0.1:9200")
# A new index's primary shards and replicas; a replica needs a second node, so the default is one
# replica when ELASTICSEARCH_URL names more than one node and none otherwise.
SEARCH_SHARDS = int(os.environ.get("SEARCH_SHARDS", "1"))
SEARCH_REPLICAS = int(
    os.environ.get("SEARCH_REPLICAS", "1" if "," in ELASTICSEARCH_URL.strip(", ") else "0")
)
SEARCH_INDEX_PREFIX = os.environ.get("SEARCH_INDEX_PREFIX", "councils")
# Seconds: short, so a dead node never holds a page up for long.
ELASTICSEARCH_TIMEOUT = float(os.environ.get("ELASTICSEARCH_TIMEOUT", "2"))
# Index writes after publishing (wait_for refresh) may take longer than a search.
ELASTICSEARCH_WRITE_TIMEOUT = float(os.environ.get("ELASTICSEARCH_WRITE_TIMEOUT", "5"))
# Seconds for all of one search's requests to the node (results, then did-you-mean if time is
# left); each request's timeout is what is left of it, capped by ELASTICSEARCH_TIMEOUT.
SEARCH_DEADLINE_SECONDS = float(os.environ.get("SEARCH_DEADLINE_SECONDS", "2"))
# After a failure to reach the node, a search past its deadline, or SEARCH_BREAKER_SLOW_COUNT
# answers in a row slower than SEARCH_SLOW_SECONDS, search answers from the database for
# SEARCH_BREAKER_SECONDS; then one request tries the node (search/breaker.py).
SEARCH_BREAKER_SECONDS = float(os.environ.get("SEARCH_BREAKER_SECONDS", "30"))
SEARCH_SLOW_SECONDS = float(os.environ.get("SEARCH_SLOW_SECONDS", "1"))
SEARCH_BREAKER_SLOW_COUNT = int(os.environ.get("SEARCH_BREAKER_SLOW_COUNT", "3"))
# The breaker's state, shared by every worker like the rate-limit counters.
SEARCH_BREAKER_CACHE = "ratelimit"
# Searches per client (/search/ and /api/search/ together; suggest on its own), as N/s|m|h|d;
# empty turns the limit off. Above it: 429 with Retry-After.
SEARCH_RATE_LIMIT = os.environ.get("SEARCH_RATE_LIMIT", "60/m")
SEARCH_SUGGEST_RATE_LIMIT = os.environ.get("SEARCH_SUGGEST_RATE_LIMIT", "240/m")
SEARCH_RATE_LIMIT_CACHE = "ratelimit"
# Questions sent through a case study's "Ask the author" form per client address (same limiter).
ENQUIRY_RATE_LIMIT = os.environ.get("ENQUIRY_RATE_LIMIT", "5/h")
# Days a relayed question keeps its sender and message; then the worker clears them.
ENQUIRY_KEEP_DAYS = int(os.environ.get("ENQUIRY_KEEP_DAYS", "90"))
# Seconds a rebuild keeps the previous index after moving the alias, for searches in flight.
SEARCH_OLD_INDEX_GRACE = float(os.environ.get("SEARCH_OLD_INDEX_GRACE", "2"))
# A rebuild's lock expires this many seconds after its holder stopped renewing it (a crash).
SEARCH_REBUILD_LOCK_SECONDS = float(os.environ.get("SEARCH_REBUILD_LOCK_SECONDS", "120"))
# While the node is unavailable the outbox drain retries after 2, 4, 8 ... seconds, capped so
# that a node coming back after a long outage is caught up within a minute.
SEARCH_SYNC_RETRY_SECONDS = float(os.environ.get("SEARCH_SYNC_RETRY_SECONDS", "2"))
SEARCH_SYNC_RETRY_MAX_SECONDS = float(os.environ.get("SEARCH_SYNC_RETRY_MAX_SECONDS", "30"))

# The rate-limit counters must be shared by every gunicorn worker (and every web container):
# the database cache, in a table made by `manage.py createcachetable`. The default cache stays
# per process.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "ratelimit": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "search_rate_limit",
        "OPTIONS": {"MAX_ENTRIES": 50_000},
    },
}

WAGTAIL_SITE_NAME = "Co-operative Councils Knowledge Network"
# The public address: admin email links, API URLs and the Site record (manage.py configure_site).
SITE_URL = env_url("SITE_URL")
WAGTAILADMIN_BASE_URL = env_url("WAGTAILADMIN_BASE_URL", SITE_URL or "http://127.0.0.1:8000")
_site = urlsplit(SITE_URL or WAGTAILADMIN_BASE_URL)
SITE_HOSTNAME = os.environ.get("SITE_HOSTNAME") or _site.hostname
SITE_PORT = env_port("SITE_PORT", _site.port or {"http": 80, "https": 443}[_site.scheme])
# Where to report a vulnerability, published at /.well-known/security.txt (none when unset).
SECURITY_CONTACT = env_contact("SECURITY_CONTACT")
# Initials instead of a Gravatar image: no third-party request that says who is signed in.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# Reports only: no SVG or HTML, which could carry scripts.
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "xlsx", "ods", "pptx", "odp", "csv", "txt", "rtf"]
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# Alt text asked once, on the image; a document's title is never its bare file name.
WAGTAILIMAGES_IMAGE_FORM_BASE = "casestudies.media_forms.ImageForm"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "casestudies.media_forms.DocumentForm"
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILAPI_BASE_URL = WAGTAILADMIN_BASE_URL
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000


# Proxies whose X-Forwarded-For is believed (comma-separated addresses or CIDR networks).
# Empty: the socket's address is the client's (network_site/clients.py).
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES")

# Login throttling: five failures in a row lock the account and address for an hour.
# The address is the client's behind a trusted proxy, not the proxy's.
AXES_CLIENT_IP_CALLABLE = "network_site.clients.client_address"
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 1
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_LOCKOUT_TEMPLATE = "account_locked.html"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "elastic_transport": {"level": "WARNING"},
        "elasticsearch": {"level": "WARNING"},
        # One line per background task drowns the progress of management commands.
        "django_tasks": {"level": "WARNING"},
    },
}
