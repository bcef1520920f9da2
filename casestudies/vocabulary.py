"""The fixed vocabulary, defined once and shared by models, forms, the index and the facets.

Approaches and themes are curated by network staff in the admin (snippets); everything here
changes only with the code.
"""

from dataclasses import dataclass

from django.db import models


class CouncilType(models.TextChoices):
    COUNTY = "county", "County council"
    DISTRICT = "district", "District council"
    UNITARY = "unitary", "Unitary authority"
    METROPOLITAN = "metropolitan", "Metropolitan borough"
    LONDON_BOROUGH = "london-borough", "London borough"
    COMBINED = "combined-authority", "Combined authority"
    WELSH = "welsh-principal", "Welsh principal council"
    SCOTTISH = "scottish", "Scottish council"
    NORTHERN_IRISH = "northern-ireland", "Northern Ireland council"
    TOWN_PARISH = "town-parish", "Town or parish council"
    PARTNER = "partner", "Partner organisation (not a council)"


class Region(models.TextChoices):
    NORTH_EAST = "north-east", "North East"
    NORTH_WEST = "north-west", "North West"
    YORKSHIRE = "yorkshire-humber", "Yorkshire and The Humber"
    EAST_MIDLANDS = "east-midlands", "East Midlands"
    WEST_MIDLANDS = "west-midlands", "West Midlands"
    EAST = "east-of-england", "East of England"
    LONDON = "london", "London"
    SOUTH_EAST = "south-east", "South East"
    SOUTH_WEST = "south-west", "South West"
    WALES = "wales", "Wales"
    SCOTLAND = "scotland", "Scotland"
    NORTHERN_IRELAND = "northern-ireland", "Northern Ireland"
    ENGLAND_WIDE = "england", "England-wide"


class Status(models.TextChoices):
    IDEA = "idea", "Idea"
    PILOT = "pilot", "Pilot"
    RUNNING = "running", "Running"
    SCALED = "scaled-up", "Scaled up"
    ENDED = "ended", "Ended"


class FundingSource(models.TextChoices):
    COUNCIL = "council-budget", "Council budget"
    GRANT = "external-grant", "External grant"
    LOTTERY = "lottery", "Lottery"
    COUNCILLOR_FUNDS = "councillor-funds", "Councillors' community funds"
    CROWDFUNDING = "crowdfunding", "Crowdfunding"
    IN_KIND = "in-kind", "In kind"
    OTHER = "other", "Other"


class PartnerKind(models.TextChoices):
    VOLUNTARY = "voluntary", "Voluntary or community group"
    NHS = "nhs", "NHS"
    BUSINESS = "business", "Business"
    SCHOOL = "school", "School or college"
    HOUSING = "housing", "Housing association"
    CHARITY = "charity", "Charity or funder"
    PUBLIC = "public", "Other public body"
    OTHER = "other", "Other"


class EvidenceLevel(models.TextChoices):
    SELF_REPORTED = "self-reported", "Self-reported"
    MONITORED = "monitored", "Monitored"
    EVALUATED = "evaluated", "Independently evaluated"


def strongest_evidence(levels):
    """The strongest of the outcomes' evidence ``levels`` (their order above), or ''."""
    order = list(EvidenceLevel.values)
    known = [level for level in levels if level in order]
    return max(known, key=order.index) if known else ""


class SectionHeading(models.TextChoices):
    CHALLENGE = "challenge", "The challenge"
    WHAT_WE_DID = "what-we-did", "What we did"
    WHAT_HAPPENED = "what-happened", "What happened"
    LESSONS = "lessons", "Lessons"
    REPLICATE = "how-to-replicate", "How to replicate"


@dataclass(frozen=True)
class BudgetBand:
    """A budget range in whole pounds: lower bound inclusive, upper bound exclusive."""

    slug: str
    label: str
    lower: int | None
    upper: int | None

    def contains(self, amount):
        if amount is None:
            return self.lower is None and self.upper is None
        if self.lower is None and self.upper is None:
            return False
        return (self.lower is None or amount >= self.lower) and (
            self.upper is None or amount < self.upper
        )


NOT_STATED = "not-stated"

BUDGET_BANDS = (
    BudgetBand("under-10k", "Under £10k", 0, 10_000),
    BudgetBand("10k-50k", "£10k to £50k", 10_000, 50_000),
    BudgetBand("50k-250k", "£50k to £250k", 50_000, 250_000),
    BudgetBand("250k-1m", "£250k to £1m", 250_000, 1_000_000),
    BudgetBand("over-1m", "£1m and over", 1_000_000, None),
    BudgetBand(NOT_STATED, "Not stated", None, None),
)
BUDGET_BANDS_BY_SLUG = {band.slug: band for band in BUDGET_BANDS}
BudgetBandChoices = [(band.slug, band.label) for band in BUDGET_BANDS]


def budget_band_for(amount):
    """Return the slug of the band that holds a budget in whole pounds (None: not stated)."""
    for band in BUDGET_BANDS:
        if band.contains(amount):
            return band.slug
    raise ValueError(f"No budget band holds {amount!r}")
