"""Point the default Wagtail Site at the deployment's public host and port (idempotent)."""

from django.core.management.base import BaseCommand, CommandError

from ...site_address import SiteAddressError, configured_address, move_default_site


class Command(BaseCommand):
    help = (
        "Set the default site's hostname and port from SITE_HOSTNAME and SITE_PORT (derived from "
        "SITE_URL) or the options. Run on every deploy: nothing is written when they match."
    )

    def add_arguments(self, parser):
        parser.add_argument("--hostname", help="Host name (default: the SITE_HOSTNAME setting).")
        parser.add_argument("--port", type=int, help="Port (default: the SITE_PORT setting).")

    def handle(self, *args, hostname=None, port=None, **options):
        default_hostname, default_port = configured_address()
        hostname = (hostname or default_hostname).strip().lower()
        port = port or default_port
        try:
            before = move_default_site(hostname, port)
        except SiteAddressError as error:
            raise CommandError(str(error)) from None
        if before is None:
            self.stdout.write(f"Default site already at {hostname}:{port}.")
        else:
            self.stdout.write(
                self.style.SUCCESS(f"Default site moved from {before} to {hostname}:{port}.")
            )
