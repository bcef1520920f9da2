"""Onboard a council from the command line: page, officer group and collection."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
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
        parser.add_argument("--website", default="")

    def handle(self, name, council_type, region, official_name, website, **options):
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
        fields = {
            key: value
            for key, value in (("official_name", official_name), ("website", website))
            if value
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
