"""Generate fictional councils and case studies in bulk, for benchmarks (repeatable per seed)."""

import random
import time
from datetime import UTC, datetime, timedelta

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.text import slugify

from casestudies.models import Approach, CaseStudyPage, CouncilPage, Theme
from casestudies.signals import case_studies_bulk_created
from casestudies.vocabulary import (
    BUDGET_BANDS,
    CouncilType,
    FundingSource,
    Region,
    Status,
    budget_band_for,
)
from demo.bulk import add_m2m_links, bulk_add_children
from members.onboarding import council_index

CASE_STUDIES_PER_COUNCIL = 200
CHUNK = 2_000
FIRST_PUBLISHED = datetime(2020, 1, 1, tzinfo=UTC)

# Made-up place names, so that no generated council can be taken for a real one.
PLACE_STARTS = [
    "Example",
    "Sample",
    "Demo",
    "Mock",
    "Placeholder",
    "Specimen",
    "Test",
    "Fiction",
    "Dummy",
    "Pretend",
]
PLACE_ENDS = ["ford", "shire", "bury", "ton", "wick", "by", "ham", "minster", "field", "haven"]
QUALIFIERS = ["", "North ", "South ", "East ", "West ", "Upper ", "Lower ", "Great ", "Little "]
COUNCIL_SUFFIX = {
    CouncilType.COUNTY: "County Council",
    CouncilType.DISTRICT: "District Council",
    CouncilType.UNITARY: "Council",
    CouncilType.METROPOLITAN: "Metropolitan Borough Council",
    CouncilType.LONDON_BOROUGH: "Borough Council",
    CouncilType.COMBINED: "Combined Authority",
    CouncilType.WELSH: "County Borough Council",
    CouncilType.SCOTTISH: "Council",
    CouncilType.NORTHERN_IRISH: "District Council",
    CouncilType.TOWN_PARISH: "Town Council",
}
REGION_FOR_TYPE = {
    CouncilType.WELSH: [Region.WALES],
    CouncilType.SCOTTISH: [Region.SCOTLAND],
    CouncilType.NORTHERN_IRISH: [Region.NORTHERN_IRELAND],
    CouncilType.LONDON_BOROUGH: [Region.LONDON],
}
ENGLISH_REGIONS = [
    region
    for region in Region
    if region not in {Region.WALES, Region.SCOTLAND, Region.NORTHERN_IRELAND, Region.ENGLAND_WIDE}
]

PROJECT_ADJECTIVES = [
    "Community",
    "Neighbourhood",
    "Village",
    "Estate",
    "Family",
    "Youth",
    "Town",
    "Shared",
    "Local",
    "Street",
]
PROJECT_NOUNS = [
    "food pantry",
    "warm space",
    "repair café",
    "walking group",
    "allotment",
    "tool library",
    "skills swap",
    "lunch club",
    "energy co-op",
    "digital café",
    "safety walk",
    "arts trail",
    "tenants' forum",
    "youth panel",
    "budget jury",
    "play street",
    "health circle",
    "community shop",
    "bike workshop",
    "reading buddies",
]
SUMMARY_OPENINGS = [
    "Residents and the council set up",
    "Volunteers run",
    "A small council grant started",
    "Local groups co-designed",
    "Parents and carers lead",
]
SUMMARY_ENDINGS = [
    "that now meets every week.",
    "with help from local businesses.",
    "that has spread to nearby wards.",
    "using a building the council handed over.",
    "that residents evaluate every year.",
]


class Command(BaseCommand):
    help = (
        "Create N fictional case studies across fictional councils, in bulk (no revisions, no "
        "search indexing: rebuild the index afterwards). The same seed gives the same content."
    )

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, required=True, help="Case studies to create.")
        parser.add_argument("--seed", type=int, default=1, help="Random seed (default 1).")
        parser.add_argument(
            "--councils",
            type=int,
            help=f"Councils to spread them over (default: one per {CASE_STUDIES_PER_COUNCIL}).",
        )

    def handle(self, *args, count, seed, councils=None, **options):
        if count < 1:
            raise CommandError("--count must be at least 1.")
        if seed < 0:
            raise CommandError("--seed must be zero or more.")
        councils = councils or max(1, -(-count // CASE_STUDIES_PER_COUNCIL))
        if councils < 1 or councils > count:
            raise CommandError("--councils must be from 1 to --count.")
        approaches = list(Approach.objects.order_by("slug"))
        themes = list(Theme.objects.order_by("slug"))
        if not approaches or not themes:
            raise CommandError("The vocabulary is empty: run 'manage.py migrate' first.")
        suffix = f"g{seed}"
        if CouncilPage.objects.filter(slug__endswith=f"-{suffix}").exists():
            raise CommandError(
                f"Case studies for seed {seed} already exist; choose another --seed."
            )

        rng = random.Random(seed)
        started = time.monotonic()
        with transaction.atomic():
            council_pages = self.create_councils(rng, councils, suffix)
            self.stdout.write(f"Created {len(council_pages)} fictional councils.")
            created = self.create_case_studies(rng, council_pages, count, approaches, themes)
            case_studies_bulk_created.send(sender=CaseStudyPage)
        elapsed = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Created {created} case studies across {len(council_pages)} councils "
                f"in {elapsed:.1f}s. Rebuild the search index: manage.py search_index --rebuild"
            )
        )

    def create_councils(self, rng, number, suffix):
        types = list(COUNCIL_SUFFIX)
        pages = []
        for index in range(number):
            council_type = types[index % len(types)]
            place = self.place_name(index)
            title = f"{place} {COUNCIL_SUFFIX[council_type]}"
            pages.append(
                CouncilPage(
                    title=title,
                    slug=f"{slugify(title)}-{suffix}",
                    official_name=title,
                    council_type=council_type,
                    region=rng.choice(REGION_FOR_TYPE.get(council_type, ENGLISH_REGIONS)),
                    population=rng.randrange(5_000, 1_500_000, 1_000),
                    introduction=f"{title} is a generated fictional council used for testing.",
                    is_example=True,
                )
            )
        return bulk_add_children(
            council_index(), pages, published_at=lambda page: FIRST_PUBLISHED, rng=rng
        )

    def place_name(self, index):
        combinations = len(PLACE_STARTS) * len(PLACE_ENDS)
        start, end = divmod(index % combinations, len(PLACE_ENDS))
        repeat, qualifier_index = divmod(index // combinations, len(QUALIFIERS))
        qualifier = QUALIFIERS[qualifier_index % len(QUALIFIERS)]
        number = f" {repeat + 1}" if index >= combinations * len(QUALIFIERS) else ""
        return f"{qualifier}{PLACE_STARTS[start]}{PLACE_ENDS[end]}{number}"

    def create_case_studies(self, rng, councils, count, approaches, themes):
        approaches_field = CaseStudyPage._meta.get_field("approaches")
        themes_field = CaseStudyPage._meta.get_field("themes")
        next_step = {council.pk: 1 for council in councils}
        created = 0
        while created < count:
            size = min(CHUNK, count - created)
            by_council = {}
            chosen = []
            for number in range(created, created + size):
                # Consecutive case studies share a council, so each chunk touches few parents.
                council = councils[number * len(councils) // count]
                page, page_approaches, page_themes = self.case_study(
                    rng, number, council, approaches, themes
                )
                by_council.setdefault(council.pk, (council, []))[1].append(page)
                chosen.append((page, page_approaches, page_themes))
            for council, pages in by_council.values():
                bulk_add_children(
                    council,
                    pages,
                    published_at=lambda page: page.first_published_at,
                    rng=rng,
                    start=next_step[council.pk],
                )
                next_step[council.pk] += len(pages)
            add_m2m_links(
                approaches_field,
                [(page.pk, term.pk) for page, terms, _ in chosen for term in terms],
            )
            add_m2m_links(
                themes_field, [(page.pk, term.pk) for page, _, terms in chosen for term in terms]
            )
            created += size
            self.stdout.write(f"  {created:,} / {count:,} case studies")
        return created

    def case_study(self, rng, number, council, approaches, themes):
        adjective = rng.choice(PROJECT_ADJECTIVES)
        noun = rng.choice(PROJECT_NOUNS)
        title = f"{adjective} {noun} {number + 1}"
        band = rng.choice(BUDGET_BANDS)
        if band.lower is None and band.upper is None:
            budget = None
        else:
            budget = rng.randrange(band.lower, band.upper or band.lower * 5)
        status = rng.choice(Status.values)
        start_year = rng.randrange(2010, 2026)
        end_year = start_year + rng.randrange(0, 4) if status == Status.ENDED else None
        published = FIRST_PUBLISHED + timedelta(minutes=rng.randrange(0, 60 * 24 * 365 * 5))
        page = CaseStudyPage(
            title=title,
            slug=slugify(title),
            summary=(
                f"{rng.choice(SUMMARY_OPENINGS)} a {noun} in {council.title} "
                f"{rng.choice(SUMMARY_ENDINGS)}"
            ),
            budget=budget,
            funding_sources=rng.sample(FundingSource.values, rng.randint(1, 2)),
            status=status,
            start_year=start_year,
            start_month=rng.choice([None, *range(1, 13)]),
            end_year=end_year,
            people_reached=rng.choice([None, rng.randrange(10, 20_000)]),
            volunteers=rng.choice([None, rng.randrange(1, 300)]),
            council_id=council.pk,
            first_published_at=published,
        )
        page.budget_band = budget_band_for(budget)
        return (
            page,
            rng.sample(approaches, rng.randint(1, 3)),
            rng.sample(themes, rng.randint(1, 3)),
        )
