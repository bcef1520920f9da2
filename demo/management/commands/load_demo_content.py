"""Load the demo councils, case studies, site pages and local demo accounts (idempotent)."""

import os

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.text import slugify

from casestudies.models import (
    Approach,
    CaseStudyOutcome,
    CaseStudyPage,
    CaseStudyPartner,
    CouncilPage,
    HomePage,
    HomePageFeatured,
    StandardPage,
    Theme,
)
from demo import example_case_studies, real_case_studies, standard_pages
from members import onboarding
from members.roles import MODERATORS

DEFAULT_DEMO_PASSWORD = "network-demo-2026"
FEATURED_SLUGS = ("leek-community-cupboard", "volunteer-health-champions", "the-wigan-deal")


def is_production():
    return settings.SETTINGS_MODULE.rsplit(".", 1)[-1] == "production"


class Command(BaseCommand):
    help = (
        "Create the demo councils, case studies, About/accessibility/privacy pages and local "
        "demo accounts (admin, moderator, officer-<council-slug>; password from DEMO_PASSWORD, "
        f"default {DEFAULT_DEMO_PASSWORD!r}). Safe to run again: existing content is left alone."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--skip-accounts",
            action="store_true",
            help="Load the content only, without demo accounts (the only mode in production).",
        )

    def handle(self, *args, skip_accounts=False, **options):
        if not skip_accounts and is_production():
            raise CommandError(
                "Refusing to create demo accounts under production settings. "
                "Use --skip-accounts to load only the demo content."
            )
        self.created = 0
        with transaction.atomic():
            self.load_pages(HomePage.objects.get())
            councils = self.load_councils()
            self.load_case_studies(councils)
            # Fetched again: publishing a stale copy would write back its old numchild.
            self.feature_case_studies(HomePage.objects.get())
            if not skip_accounts:
                self.load_accounts(councils)
        if self.created:
            self.stdout.write(self.style.SUCCESS(f"Done: {self.created} things created."))
        else:
            self.stdout.write(self.style.SUCCESS("Nothing to do: the demo content is loaded."))

    def step(self, label, created):
        self.created += int(created)
        state = "created" if created else "exists"
        self.stdout.write(f"  {state:8} {label}")

    # --- site pages -----------------------------------------------------------------------

    def load_pages(self, home):
        self.stdout.write("Site pages")
        contact = settings.NETWORK_CONTACT_EMAIL
        for title, slug, body in standard_pages.STANDARD_PAGES:
            exists = StandardPage.objects.child_of(home).filter(slug=slug).exists()
            if not exists:
                page = StandardPage(
                    title=title, slug=slug, body=body.replace("{contact_email}", contact).strip()
                )
                self.publish(home, page)
            self.step(title, not exists)

    # --- councils: the only place that creates them -------------------------------------

    def load_councils(self):
        self.stdout.write("Councils")
        councils = {}
        for fields in real_case_studies.REAL_COUNCILS:
            councils[fields["title"]] = self.council(**fields)
        for title, council_type, region, population in example_case_studies.EXAMPLE_COUNCILS:
            councils[title] = self.council(
                title=title,
                council_type=council_type,
                region=region,
                population=population,
                is_example=True,
                # Obviously fictional (.example never resolves): the relay form copies it.
                general_inbox=f"enquiries@{slugify(title)}.example",
                introduction=(
                    f"{title} is a fictional example council, made up to show how the "
                    "network's case studies work."
                ),
            )
        return councils

    def council(self, title, council_type, region, **fields):
        exists = CouncilPage.objects.filter(slug=slugify(title)).exists()
        council = onboarding.onboard_council(
            title, council_type=council_type, region=region, **fields
        )
        self.step(title, not exists)
        return council

    # --- case studies ---------------------------------------------------------------------

    def load_case_studies(self, councils):
        self.stdout.write("Case studies")
        approaches = {term.slug: term for term in Approach.objects.all()}
        themes = {term.slug: term for term in Theme.objects.all()}
        for facts in real_case_studies.REAL_CASE_STUDIES:
            self.case_study(
                councils, approaches, themes, dict(facts), real_case_studies.SEED_SOURCE
            )
        for facts in example_case_studies.EXAMPLE_CASE_STUDIES:
            self.case_study(councils, approaches, themes, dict(facts), "")

    def case_study(self, councils, approaches, themes, facts, default_source):
        council = councils[facts.pop("council")]
        slug = facts.pop("slug", None) or slugify(facts["title"])
        label = f"{facts['title']} ({council.title})"
        if CaseStudyPage.objects.child_of(council).filter(slug=slug).exists():
            self.step(label, False)
            return
        try:
            chosen_approaches = [approaches[slug] for slug in facts.pop("approaches")]
            chosen_themes = [themes[slug] for slug in facts.pop("themes")]
        except KeyError as missing:
            raise CommandError(
                f"{label}: the vocabulary has no term {missing}; run migrate first."
            ) from None
        partners = [
            CaseStudyPartner(name=name, kind=kind) for name, kind in facts.pop("partners", [])
        ]
        outcomes = [
            CaseStudyOutcome(
                statement=statement,
                evidence_level=level,
                source=rest[0] if rest else default_source,
            )
            for statement, level, *rest in facts.pop("outcomes", [])
        ]
        page = CaseStudyPage(
            slug=slug,
            approaches=chosen_approaches,
            themes=chosen_themes,
            partners=partners,
            outcomes=outcomes,
            **facts,
        )
        self.publish(council, page)
        self.step(label, True)

    def feature_case_studies(self, home):
        if home.featured.exists():
            return
        featured = CaseStudyPage.objects.filter(slug__in=FEATURED_SLUGS)
        by_slug = {page.slug: page for page in featured}
        home.featured = [
            HomePageFeatured(case_study=by_slug[slug]) for slug in FEATURED_SLUGS if slug in by_slug
        ]
        home.save_revision().publish()
        self.step("Featured case studies on the home page", True)

    def publish(self, parent, page):
        """Add a draft under the parent, then publish it through a revision so signals fire."""
        page.live = False
        parent.add_child(instance=page)
        page.save_revision().publish()

    # --- demo accounts: the only place that creates them --------------------------------

    def load_accounts(self, councils):
        self.stdout.write("Demo accounts (local use only)")
        password = os.environ.get("DEMO_PASSWORD") or DEFAULT_DEMO_PASSWORD
        User = get_user_model()

        exists = User.objects.filter(username="admin").exists()
        if not exists:
            User.objects.create_superuser("admin", "admin@example.org", password)
        self.step("admin (superuser)", not exists)

        exists = User.objects.filter(username="moderator").exists()
        moderator, _ = User.objects.get_or_create(
            username="moderator", defaults={"email": "moderator@example.org"}
        )
        if not exists:
            moderator.set_password(password)
            moderator.save()
        moderator.groups.add(Group.objects.get(name=MODERATORS))
        self.step(f"moderator ({MODERATORS})", not exists)

        for council in councils.values():
            username = f"officer-{council.slug}"
            exists = User.objects.filter(username=username).exists()
            onboarding.create_officer(council, username, f"{username}@example.org", password)
            self.step(username, not exists)
