"""The facets, each defined once: parameters, schema, index and database counts, labels, order.

Everything else (``params``, ``openapi``, ``faceted``, ``database``, ``service``, ``labels``,
``views``) reads ``FACETS``; its order is the order facets are shown in. Values come from the
shared vocabulary (``casestudies.vocabulary``) and the curated snippets; the index fields are
the keyword fields of ``casestudies.documents``.
"""

from dataclasses import dataclass

from casestudies.models import YEAR_VALIDATORS, Approach, CouncilPage, Theme
from casestudies.vocabulary import BUDGET_BANDS, CouncilType, EvidenceLevel, Region, Status

# How a facet lists its options. A closed list keeps a fixed order (the vocabulary's: choice
# order, or the terms' names) so options never jump while a person ticks; only open-ended lists
# (councils) go by count, where the top of the list is what matters.
BY_COUNT = "count"
FIXED = "fixed"
DESCENDING = "descending"


@dataclass(frozen=True)
class Choices:
    """Values fixed in the code, labelled there; a fixed order lists them in this order."""

    pairs: tuple

    @property
    def labels(self):
        return {str(value): label for value, label in self.pairs}


@dataclass(frozen=True)
class Rows:
    """Slugs of database rows (curated in the admin), labelled by one of their fields."""

    model: type
    field: str


@dataclass(frozen=True)
class Numbers:
    """Whole numbers in a range, each its own label."""

    low: int
    high: int

    @property
    def values(self):
        return {str(number) for number in range(self.low, self.high + 1)}


@dataclass(frozen=True)
class Facet:
    name: str  # the query parameter and the key of the API's facets
    legend: str
    description: str
    index_field: str  # keyword field of the index document
    model_path: str  # from CaseStudyPage to the value, for the database fallback
    labels: Choices | Rows | Numbers
    order: str = BY_COUNT
    multi_select: bool = True
    # List every value, those counting nothing shown disabled (a fixed order of Choices only).
    show_empty: bool = False
    # Buckets asked of Elasticsearch: more than the values the facet can take.
    size: int = 100


FACETS = {
    facet.name: facet
    for facet in (
        Facet(
            "approach",
            "Approach",
            "Approach slug, e.g. volunteer-led.",
            "approach",
            "approaches__slug",
            Rows(Approach, "name"),
            order=FIXED,
            size=1000,
        ),
        Facet(
            "theme",
            "Theme",
            "Theme slug, e.g. food-poverty.",
            "theme",
            "themes__slug",
            Rows(Theme, "name"),
            order=FIXED,
            size=1000,
        ),
        Facet(
            "budget",
            "Budget",
            "Budget band: " + ", ".join(band.slug for band in BUDGET_BANDS) + ".",
            "budget_band",
            "budget_band",
            Choices(tuple((band.slug, band.label) for band in BUDGET_BANDS)),
            order=FIXED,
            show_empty=True,
        ),
        Facet(
            "council",
            "Council",
            "Council page slug.",
            "council",
            "council__slug",
            Rows(CouncilPage, "title"),
            size=5000,
        ),
        Facet(
            "region",
            "Region",
            "Region slug, e.g. north-west.",
            "region",
            "council__region",
            Choices(tuple(Region.choices)),
            order=FIXED,
        ),
        Facet(
            "council_type",
            "Council type",
            "Council type slug, e.g. unitary.",
            "council_type",
            "council__council_type",
            Choices(tuple(CouncilType.choices)),
            order=FIXED,
        ),
        Facet(
            "status",
            "Status",
            "Project status, e.g. running.",
            "status",
            "status",
            Choices(tuple(Status.choices)),
            order=FIXED,
        ),
        Facet(
            "evidence",
            "Strongest evidence",
            "Strongest evidence level among the outcomes, e.g. evaluated.",
            "evidence",
            "evidence_level",
            # Strongest first: what a practitioner looking for proof ticks.
            Choices(tuple(reversed(EvidenceLevel.choices))),
            order=FIXED,
            show_empty=True,
        ),
        Facet(
            "year",
            "Year started",
            "Year the project started, e.g. 2019.",
            "year",
            "start_year",
            Numbers(YEAR_VALIDATORS[0].limit_value, YEAR_VALIDATORS[1].limit_value),
            order=DESCENDING,
            size=500,
        ),
    )
}
