"""runserver (with staticfiles' additions) that refuses non-loopback addresses with DEBUG on."""

from django.contrib.staticfiles.management.commands.runserver import Command as RunserverCommand
from django.core.management.base import CommandError

from network_site.deployment.binding import PublicAddressRefused, refuse_public_address


class Command(RunserverCommand):
    def run(self, **options):
        # Before the autoreloader starts, so a refusal ends the command at once.
        try:
            refuse_public_address(self.addr, self.port, "runserver")
        except PublicAddressRefused as refusal:
            raise CommandError(str(refusal)) from None
        super().run(**options)
