"""Gunicorn settings, read from the environment (docker-compose sets them for the web service)."""

import os

bind = os.environ.get("GUNICORN_BIND", f"0.0.0.0:{os.environ.get('PORT', '8000')}")
workers = int(os.environ.get("GUNICORN_WORKERS", os.environ.get("WEB_CONCURRENCY", "2")))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
# Access and error logs to stdout/stderr, where the container runtime collects them.
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# The proxy in front terminates TLS; trust its X-Forwarded-* headers only from these addresses.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")


def on_starting(server):
    """Refuse, before any socket is opened, to listen beyond loopback while DEBUG is on."""
    # The settings module network_site/wsgi.py would load; only read here, nothing is set up.
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "network_site.settings.production")
    from network_site.deployment.binding import refuse_public_address

    for address in server.cfg.address:
        # (host, port) pairs; a Unix socket path is local by nature.
        if isinstance(address, tuple):
            refuse_public_address(address[0], address[1], "gunicorn")
