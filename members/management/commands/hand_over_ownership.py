"""Give every page one user owns to another, e.g. before an officer leaves."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from members.ownership import hand_over_ownership


class Command(BaseCommand):
    help = "Make TO_USERNAME the owner of every page FROM_USERNAME owns."

    def add_arguments(self, parser):
        parser.add_argument("from_username")
        parser.add_argument("to_username")

    def handle(self, from_username, to_username, **options):
        User = get_user_model()
        users = {}
        for username in (from_username, to_username):
            try:
                users[username] = User.objects.get(username=username)
            except User.DoesNotExist:
                raise CommandError(f"No user called {username!r}.") from None
        moved = hand_over_ownership(users[from_username], users[to_username])
        self.stdout.write(self.style.SUCCESS(f"Handed over {moved} page(s) to {to_username}."))
