"""Onboard a council from the command line: page, officer group and collection."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import URLValidator, validate_email
from django.utils.text import slugify

from casestudies.models import CouncilPage
from casestudies.vocabulary import CouncilType, Region
from members.onboarding import onboard_council


def _choice_list(choices):
    return ", ".join(choices.values)


class Command(BaseCommand):
    help = "Create a council's page, its officer group and its collection (safe to repeat)."

    def add_arguments(self, parser):
        parser.add_argument("name", help='The council\'s usual name, e.g. "Exampleshire Council".')
        parser.add_argument("--type", dest="council_type", required=True, help="Council type slug.")
        parser.add_argument("--region", required=True, help="Region slug.")
        parser.add_argument("--official-name", default="", help="Defaults to the name.")
        parser.add_argument("--website", default="", help="The council's public website.")
        parser.add_argument(
            "--general-inbox",
            default="",
            help="The council's general enquiries address (never shown to visitors). A new "
            "council needs this, --website, or both.",
        )

    def handle(self, name, council_type, region, official_name, website, **options):
        general_inbox = options["general_inbox"].strip()
        website = website.strip()
        name = name.strip()
        if not slugify(name):
            raise CommandError("The council's name needs at least one letter or digit.")
        if council_type not in CouncilType.values:
            raise CommandError(
                f"Unknown council type {council_type!r}. Choose one of: "
                f"{_choice_list(CouncilType)}."
            )
        if region not in Region.values:
            raise CommandError(f"Unknown region {region!r}. Choose one of: {_choice_list(Region)}.")
        existed = CouncilPage.objects.filter(slug=slugify(name)).exists()
        self.check_contact(website, general_inbox, required=not existed)
        contact = (("website", website), ("general_inbox", general_inbox))
        fields = {
            key: value for key, value in (("official_name", official_name), *contact) if value
        }
        try:
            council = onboard_council(name, council_type=council_type, region=region, **fields)
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from None
        if existed:
            self.stdout.write(
                f"{council.title} already exists; its group and collection are in place."
            )
        else:
            where = council.get_url() or council.url_path
            self.stdout.write(
                self.style.SUCCESS(
                    f"Onboarded {council.title} at {where}, with the group "
                    f'"{council.title} officers" and the collection "{council.title}".'
                )
            )

    def check_contact(self, website, general_inbox, required):
        """The public's way to reach the council: a valid website or inbox, one at least."""
        if required and not website and not general_inbox:
            raise CommandError(
                "Give --website or --general-inbox (or both), so that the public has a way to "
                "contact the council."
            )
        try:
            if website:
                URLValidator(schemes=["http", "https"])(website)
        except ValidationError:
            raise CommandError(f"--website {website!r} is not a web address.") from None
        try:
            if general_inbox:
                validate_email(general_inbox)
        except ValidationError:
            raise CommandError(
                f"--general-inbox {general_inbox!r} is not an email address."
            ) from None
