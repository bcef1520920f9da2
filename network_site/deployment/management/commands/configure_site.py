"""Point the default Wagtail Site at the deployment's public host and port (idempotent)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Site


class Command(BaseCommand):
    help = (
        "Set the default site's hostname and port from SITE_HOSTNAME and SITE_PORT (derived from "
        "SITE_URL) or the options. Run on every deploy: nothing is written when they match."
    )

    def add_arguments(self, parser):
        parser.add_argument("--hostname", help="Host name (default: the SITE_HOSTNAME setting).")
        parser.add_argument("--port", type=int, help="Port (default: the SITE_PORT setting).")

    def handle(self, *args, hostname=None, port=None, **options):
        hostname = (hostname or settings.SITE_HOSTNAME).strip().lower()
        port = port or settings.SITE_PORT
        if not 0 < port < 65536:
            raise CommandError(f"{port} is not a port number.")
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            raise CommandError("There is no default site: run `manage.py migrate` first.")
        if (site.hostname, site.port) == (hostname, port):
            self.stdout.write(f"Default site already at {hostname}:{port}.")
            return
        clash = Site.objects.filter(hostname=hostname, port=port).exclude(pk=site.pk).first()
        if clash:
            raise CommandError(
                f"Site {clash.site_name or clash.pk!r} already uses {hostname}:{port}."
            )
        before = f"{site.hostname}:{site.port}"
        site.hostname, site.port = hostname, port
        try:
            site.full_clean()
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from None
        site.save(update_fields=["hostname", "port"])
        self.stdout.write(
            self.style.SUCCESS(f"Default site moved from {before} to {hostname}:{port}.")
        )
