"""Local development: debug on, console email, a fixed insecure key unless one is given.

Loopback only: runserver and gunicorn refuse any other address while DEBUG is on
(network_site/deployment/binding.py), and no other host name is answered.
"""

import os

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-insecure-key-not-for-production")
EMAIL_DELIVERY_BACKEND = os.environ.get(
    "EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
# `make run` has no proxy in front: the dev server serves image renditions itself.
SERVE_MEDIA = env_bool("SERVE_MEDIA", default=True)  # noqa: F405
