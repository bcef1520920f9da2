"""Fixtures for search tests: the node taken away, and known corpora (search_index is shared)."""

import random

import pytest
from django.test import override_settings

from casestudies.models import Approach, Theme
from casestudies.vocabulary import CouncilType, EvidenceLevel, Region, Status
from search import breaker
from search.client import get_search_client
from search.sync import sync_pages
from tests.factories import CouncilPageFactory
from tests.helpers.pages import make_case_study


@pytest.fixture
def node_down(closed_port):
    """ELASTICSEARCH_URL points at a closed port; the client and breaker start afresh."""
    get_search_client.cache_clear()
    breaker.reset()
    with override_settings(ELASTICSEARCH_URL=f"http://127.0.0.1:{closed_port}"):
        yield
    get_search_client.cache_clear()
    breaker.reset()


@pytest.fixture
def corpus(db):
    """Case studies built from the seed examples (facts from shared/seeds only), plus one PB."""
    staffordshire = CouncilPageFactory(
        title="Staffordshire County Council",
        slug="staffordshire",
        council_type=CouncilType.COUNTY,
        region=Region.WEST_MIDLANDS,
    )
    york = CouncilPageFactory(
        title="City of York Council",
        slug="york",
        council_type=CouncilType.UNITARY,
        region=Region.YORKSHIRE,
    )
    wigan = CouncilPageFactory(
        title="Wigan Council",
        slug="wigan",
        council_type=CouncilType.METROPOLITAN,
        region=Region.NORTH_WEST,
    )
    example = CouncilPageFactory(
        title="Exampleshire Council",
        slug="exampleshire",
        council_type=CouncilType.DISTRICT,
        region=Region.SOUTH_WEST,
        is_example=True,
    )
    return {
        "cupboard": make_case_study(
            staffordshire,
            "Leek Community Cupboard",
            summary="Began with £3 bags of fruit and veg on one estate; volunteers now run it "
            "across 60 villages.",
            approaches=["volunteer-led"],
            themes=["food-poverty"],
            body="Food bags, children's activities, clothes and advice, paid for from "
            "councillors' community funds.",
            budget=None,
            status=Status.SCALED,
            start_year=None,
        ),
        "champions": make_case_study(
            york,
            "Volunteer health champions",
            summary="76 volunteer champions trained, who mobilised over a thousand people to "
            "exercise more.",
            approaches=["peer-community-champions"],
            themes=["health-wellbeing", "physical-activity"],
            outcomes=[("76 volunteer health champions trained", EvidenceLevel.SELF_REPORTED)],
            status=Status.RUNNING,
            start_year=None,
        ),
        "deal": make_case_study(
            wigan,
            "The Wigan Deal",
            summary="An agreement between residents, the council, the NHS and voluntary groups "
            "after 40% budget cuts over ten years.",
            approaches=["council-community-deal", "asset-based-community-development"],
            themes=["democracy-participation"],
            partners=["NHS"],
            outcomes=[
                (
                    "Life expectancy improved in Wigan despite austerity",
                    EvidenceLevel.EVALUATED,
                )
            ],
            status=Status.RUNNING,
            start_year=None,
        ),
        "vote": make_case_study(
            example,
            "Neighbourhood budget vote",
            summary="A fictional example: residents chose which small projects to fund.",
            approaches=["participatory-budgeting"],
            themes=["democracy-participation"],
            tags=["grants"],
            outcomes=[
                ("Nine projects funded", EvidenceLevel.SELF_REPORTED),
                ("Turnout counted at every vote", EvidenceLevel.MONITORED),
            ],
            budget=25_000,
            status=Status.PILOT,
            start_year=2021,
        ),
    }


@pytest.fixture
def random_corpus(db):
    """Forty case studies with seeded random facets across five councils."""
    rng = random.Random(4)
    councils = [
        CouncilPageFactory(
            council_type=rng.choice(CouncilType.values[:4]), region=rng.choice(Region.values[:4])
        )
        for _ in range(5)
    ]
    approaches = list(Approach.objects.values_list("slug", flat=True))[:5]
    themes = list(Theme.objects.values_list("slug", flat=True))[:5]
    pages = []
    for number in range(40):
        pages.append(
            make_case_study(
                rng.choice(councils),
                f"Random project {number}",
                approaches=rng.sample(approaches, rng.randint(1, 2)),
                themes=rng.sample(themes, rng.randint(1, 2)),
                budget=rng.choice([None, 500, 9_999, 10_000, 60_000, 300_000, 2_000_000]),
                status=rng.choice(Status.values),
                start_year=rng.choice([None, 2018, 2019, 2020]),
            )
        )
    return pages


@pytest.fixture
def indexed_corpus(search_index, corpus):
    sync_pages([page.pk for page in corpus.values()])
    return corpus
