"""A small published site for the browser tests: fictional councils, case studies and accounts.

Smaller than the demo content (which takes a minute to load on a busy two-core machine) but
with every part a page can show: outcomes, partners, documents, body sections, several
approaches, themes and budget bands. The search word "volunteers" finds four case studies;
the "Volunteer-led" approach narrows them to two and "Under £10k" to one, so counts visibly
change as a practitioner ticks filters.
"""

import wagtail_factories
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile

from casestudies.models import (
    Approach,
    CaseStudyAttachment,
    CaseStudyOutcome,
    CaseStudyPage,
    CaseStudyPartner,
    HomePage,
    StandardPage,
    Theme,
)
from casestudies.vocabulary import (
    CouncilType,
    EvidenceLevel,
    FundingSource,
    PartnerKind,
    Region,
    Status,
)
from demo.standard_pages import STANDARD_PAGES
from tests.factories import (
    CaseStudyPageFactory,
    ModeratorFactory,
    OfficerFactory,
    OnboardedCouncilFactory,
)

# tests.factories gives every account this password.
PASSWORD = "correct-horse-battery"
OFFICER = "demoford-officer"
MODERATOR = "network-moderator"
COUNCILS = {
    "demoford": ("Demoford District Council", CouncilType.DISTRICT, Region.EAST),
    "sampleton": (
        "Sampleton Metropolitan Borough Council",
        CouncilType.METROPOLITAN,
        Region.NORTH_EAST,
    ),
    "exampleshire": ("Exampleshire County Council", CouncilType.COUNTY, Region.EAST_MIDLANDS),
}


def section(heading, text):
    return ("section", {"heading": heading, "text": f"<p>{text}</p>"})


CASE_STUDIES = [
    {
        "council": "exampleshire",
        "title": "Village warm spaces network",
        "summary": "Village halls open as warm, free places to meet in winter, run by volunteers "
        "with small grants from councillors' funds.",
        "approaches": ["volunteer-led", "asset-based-community-development"],
        "themes": ["older-people-care", "health-wellbeing"],
        "budget": 8_500,
        "funding_sources": [FundingSource.COUNCILLOR_FUNDS, FundingSource.IN_KIND],
        "status": Status.RUNNING,
        "start_year": 2022,
        "start_month": 10,
        "people_reached": 640,
        "volunteers": 85,
        "partners": [("Village hall committees", PartnerKind.VOLUNTARY)],
        "outcomes": [("31 warm spaces open each winter", EvidenceLevel.MONITORED)],
        "document": "Warm spaces evaluation",
        "body": [
            section("challenge", "Older people in outlying villages were cold and alone."),
            section("what-we-did", "Each hall got a small grant and a volunteer rota."),
        ],
    },
    {
        "council": "demoford",
        "title": "Library digital buddies",
        "summary": "Trained volunteers sit with residents in libraries to help them get online, "
        "book appointments and avoid scams.",
        "approaches": ["peer-community-champions", "volunteer-led"],
        "themes": ["digital-inclusion", "older-people-care"],
        "budget": 14_000,
        "funding_sources": [FundingSource.COUNCIL],
        "status": Status.RUNNING,
        "start_year": 2021,
        "volunteers": 30,
        "outcomes": [("900 help sessions a year", EvidenceLevel.SELF_REPORTED)],
    },
    {
        "council": "sampleton",
        "title": "Youth-led park safety audit",
        "summary": "Young volunteers walked their parks with park staff, mapped where they felt "
        "unsafe, and chose what to fix first.",
        "approaches": ["co-production"],
        "themes": ["community-safety", "children-young-people"],
        "budget": 12_000,
        "funding_sources": [FundingSource.COUNCIL, FundingSource.OTHER],
        "status": Status.ENDED,
        "start_year": 2019,
        "end_year": 2021,
        "partners": [("Sampleton Youth Council", PartnerKind.VOLUNTARY)],
        "outcomes": [("18 lighting and path changes made", EvidenceLevel.MONITORED)],
    },
    {
        "council": "exampleshire",
        "title": "School holiday food clubs",
        "summary": "Schools, churches and volunteers serve lunch and run activities for "
        "children during the school holidays.",
        "approaches": ["co-production", "cooperatives-social-enterprise"],
        "themes": ["food-poverty", "children-young-people"],
        "budget": 35_000,
        "funding_sources": [FundingSource.GRANT],
        "status": Status.SCALED,
        "start_year": 2020,
        "partners": [("Exampleshire food partnership", PartnerKind.CHARITY)],
        "outcomes": [
            (
                "1,200 children took part last summer",
                EvidenceLevel.EVALUATED,
                "Exampleshire University evaluation",
            )
        ],
    },
    {
        "council": "sampleton",
        "title": "Neighbourhood participatory budgeting rounds",
        "summary": "Each year residents of four wards propose and vote on projects for a share "
        "of a neighbourhood fund.",
        "approaches": ["participatory-budgeting", "devolved-grants"],
        "themes": ["democracy-participation", "community-safety"],
        "budget": 150_000,
        "funding_sources": [FundingSource.COUNCIL],
        "status": Status.SCALED,
        "start_year": 2019,
        "outcomes": [("4,200 residents voted in the latest round", EvidenceLevel.MONITORED)],
    },
    {
        "council": "demoford",
        "title": "Community-owned village shop",
        "summary": "Residents bought shares to take over the last shop in the village, with a "
        "council loan and an asset transfer of the old post office.",
        "approaches": ["community-ownership-asset-transfer"],
        "themes": ["local-economy"],
        "budget": 300_000,
        "funding_sources": [FundingSource.CROWDFUNDING, FundingSource.COUNCIL],
        "status": Status.RUNNING,
        "start_year": 2023,
    },
]


def add_standard_pages(home):
    """About, accessibility statement and privacy notice: the footer links to them."""
    for title, slug, body in STANDARD_PAGES:
        page = home.add_child(instance=StandardPage(title=title, slug=slug, body=body, live=False))
        page.save_revision().publish()


def add_case_study(council, facts):
    facts = dict(facts)
    partners = facts.pop("partners", [])
    outcomes = facts.pop("outcomes", [])
    document = facts.pop("document", None)
    facts.pop("council")
    page = CaseStudyPageFactory(
        parent=council,
        live=False,
        approaches=list(Approach.objects.filter(slug__in=facts.pop("approaches"))),
        themes=list(Theme.objects.filter(slug__in=facts.pop("themes"))),
        **facts,
    )
    for name, kind in partners:
        CaseStudyPartner.objects.create(page=page, name=name, kind=kind)
    for statement, level, *source in outcomes:
        CaseStudyOutcome.objects.create(
            page=page, statement=statement, evidence_level=level, source=source[0] if source else ""
        )
    if document:
        report = wagtail_factories.DocumentFactory(
            title=document, file=ContentFile(b"%PDF-1.4\n% a test report\n", name="report.pdf")
        )
        CaseStudyAttachment.objects.create(page=page, document=report)
    page.save_revision().publish()
    return page


def build():
    """Create the site; returns the councils and case studies by key and title."""
    home = HomePage.objects.get()
    add_standard_pages(home)
    councils = {
        key: OnboardedCouncilFactory(
            title=title,
            council_type=council_type,
            region=region,
            is_example=True,
            introduction=f"{title} is a fictional example council, made up for the tests.",
        )
        for key, (title, council_type, region) in COUNCILS.items()
    }
    case_studies = {
        facts["title"]: add_case_study(councils[facts["council"]], facts) for facts in CASE_STUDIES
    }
    OfficerFactory(council=councils["demoford"], username=OFFICER)
    ModeratorFactory(username=MODERATOR)
    return {"councils": councils, "case_studies": case_studies}


# The case study the officer journey creates, and the practitioner journeys find.
TITLE = "Demoford market community fridge"
SUMMARY = (
    "Volunteers collect surplus food from market traders each evening and share it from a "
    "fridge in the market hall that anyone may use."
)
OUTCOME = "Two tonnes of food shared in the first year"


def submit_for_review(site, title=TITLE):
    """The officer's case study, drafted and submitted without the browser."""
    council = site.councils["demoford"]
    officer = get_user_model().objects.get(username=OFFICER)
    draft = CaseStudyPage(
        title=title, summary=SUMMARY, budget=6_500, start_year=2024, live=False, owner=officer
    )
    council.add_child(instance=draft)
    draft.approaches.set(Approach.objects.filter(slug="volunteer-led"))
    draft.themes.set(Theme.objects.filter(slug__in=["food-poverty", "health-wellbeing"]))
    CaseStudyOutcome.objects.create(
        page=draft, statement=OUTCOME, evidence_level=EvidenceLevel.MONITORED
    )
    revision = draft.save_revision(user=officer)
    draft.get_workflow().start(draft, officer)
    return revision.content_object
