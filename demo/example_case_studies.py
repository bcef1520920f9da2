"""The demo content's fictional councils and case studies.

Fictional councils carry ``is_example`` and names that cannot be mistaken for real places, and
their figures are made up.
"""

from casestudies.vocabulary import (
    CouncilType,
    EvidenceLevel,
    FundingSource,
    PartnerKind,
    Region,
    Status,
)

# Fictional councils: the names are made up and every page says so.
EXAMPLE_COUNCILS = [
    ("Exampleshire County Council", CouncilType.COUNTY, Region.EAST_MIDLANDS, 812_000),
    (
        "Sampleton Metropolitan Borough Council",
        CouncilType.METROPOLITAN,
        Region.NORTH_EAST,
        204_000,
    ),
    ("Demoford District Council", CouncilType.DISTRICT, Region.EAST, 96_000),
    ("Enghraifft County Borough Council", CouncilType.WELSH, Region.WALES, 131_000),
    ("Examplehaven Council", CouncilType.SCOTTISH, Region.SCOTLAND, 148_000),
    ("Testbury Town Council", CouncilType.TOWN_PARISH, Region.SOUTH_WEST, 11_000),
    ("London Borough of Specimen", CouncilType.LONDON_BOROUGH, Region.LONDON, 265_000),
    ("Mockshire Combined Authority", CouncilType.COMBINED, Region.NORTH_WEST, 1_900_000),
    ("Fictown and District Council", CouncilType.NORTHERN_IRISH, Region.NORTHERN_IRELAND, 143_000),
    ("Placeholder Unitary Council", CouncilType.UNITARY, Region.SOUTH_EAST, 172_000),
]


def example(council, title, summary, approaches, themes, budget, status, **facts):
    """A fictional case study; its figures are made up, like its council."""
    return {
        "council": council,
        "title": title,
        "summary": summary,
        "approaches": approaches,
        "themes": themes,
        "budget": budget,
        "status": status,
        **facts,
    }


EXAMPLE_CASE_STUDIES = [
    example(
        "Exampleshire County Council",
        "Village warm spaces network",
        "Village halls and churches open as warm, free places to meet in winter, run by "
        "volunteers with small grants from councillors' funds.",
        ["volunteer-led", "asset-based-community-development"],
        ["older-people-care", "health-wellbeing"],
        8_500,
        Status.RUNNING,
        funding_sources=[FundingSource.COUNCILLOR_FUNDS, FundingSource.IN_KIND],
        start_year=2022,
        start_month=10,
        people_reached=640,
        volunteers=85,
        partners=[("Village hall committees", PartnerKind.VOLUNTARY)],
        outcomes=[("31 warm spaces open each winter", EvidenceLevel.MONITORED)],
    ),
    example(
        "Exampleshire County Council",
        "Solar panels for schools through a community energy co-operative",
        "Residents bought shares in a co-operative that put solar panels on six school roofs; "
        "the schools buy the power and the surplus funds climate projects.",
        ["cooperatives-social-enterprise"],
        ["climate-environment", "children-young-people"],
        420_000,
        Status.PILOT,
        funding_sources=[FundingSource.GRANT, FundingSource.CROWDFUNDING],
        start_year=2024,
        start_month=3,
        partners=[
            ("Exampleshire Community Energy", PartnerKind.BUSINESS),
            ("Six local primary schools", PartnerKind.SCHOOL),
        ],
        outcomes=[("310 residents became members", EvidenceLevel.MONITORED)],
    ),
    example(
        "Sampleton Metropolitan Borough Council",
        "Neighbourhood participatory budgeting rounds",
        "Each year residents of four wards propose and vote on projects for a share of a "
        "neighbourhood fund; the council funds the winners.",
        ["participatory-budgeting", "devolved-grants"],
        ["democracy-participation", "community-safety"],
        150_000,
        Status.SCALED,
        funding_sources=[FundingSource.COUNCIL],
        start_year=2019,
        people_reached=4_200,
        outcomes=[
            ("4,200 residents voted in the latest round", EvidenceLevel.MONITORED),
            (
                "Turnout highest among 16 to 24 year olds",
                EvidenceLevel.EVALUATED,
                "Sampleton University evaluation",
            ),
        ],
    ),
    example(
        "Sampleton Metropolitan Borough Council",
        "Youth-led park safety audit",
        "Young people walked their parks with police and park staff, mapped where they felt "
        "unsafe, and chose what to fix first.",
        ["co-production", "peer-community-champions"],
        ["community-safety", "children-young-people"],
        12_000,
        Status.ENDED,
        funding_sources=[FundingSource.COUNCIL, FundingSource.OTHER],
        start_year=2019,
        start_month=4,
        end_year=2021,
        end_month=3,
        volunteers=40,
        partners=[("Sampleton Youth Council", PartnerKind.VOLUNTARY)],
        outcomes=[("18 lighting and path changes made", EvidenceLevel.MONITORED)],
    ),
    example(
        "Demoford District Council",
        "Library digital buddies",
        "Trained volunteers sit with residents in libraries to help them get online, book "
        "appointments and avoid scams.",
        ["peer-community-champions", "volunteer-led"],
        ["digital-inclusion", "older-people-care"],
        4_000,
        Status.RUNNING,
        funding_sources=[FundingSource.IN_KIND],
        start_year=2023,
        people_reached=900,
        volunteers=22,
        outcomes=[("900 people helped in the first year", EvidenceLevel.SELF_REPORTED)],
    ),
    example(
        "Demoford District Council",
        "Community-owned high street shop",
        "The council transferred an empty shop to a community benefit society, which now runs "
        "it as a shop, café and heritage display.",
        ["community-ownership-asset-transfer", "cooperatives-social-enterprise"],
        ["local-economy", "culture-heritage"],
        1_250_000,
        Status.RUNNING,
        funding_sources=[FundingSource.LOTTERY, FundingSource.GRANT],
        start_year=2021,
        outcomes=[("12 jobs created", EvidenceLevel.MONITORED)],
    ),
    example(
        "Enghraifft County Borough Council",
        "Citizens' assembly on local transport and climate",
        "Fifty residents chosen by lot heard evidence over four weekends and recommended how "
        "the county should cut transport emissions.",
        ["deliberative-democracy"],
        ["climate-environment", "democracy-participation"],
        60_000,
        Status.ENDED,
        funding_sources=[FundingSource.COUNCIL, FundingSource.GRANT],
        start_year=2021,
        start_month=9,
        end_year=2022,
        end_month=2,
        people_reached=50,
        outcomes=[
            (
                "14 of 17 recommendations adopted by the council",
                EvidenceLevel.EVALUATED,
                "Independent evaluation for the council",
            )
        ],
    ),
    example(
        "Enghraifft County Borough Council",
        "Bilingual heritage trail made with residents",
        "Residents chose the stories, wrote the Welsh and English panels and recorded the "
        "audio guide for a town-centre heritage trail.",
        ["co-production"],
        ["culture-heritage"],
        35_000,
        Status.RUNNING,
        funding_sources=[FundingSource.GRANT],
        start_year=2023,
        volunteers=30,
    ),
    example(
        "Examplehaven Council",
        "Tenant-led housing repairs co-operative",
        "Council tenants formed a co-operative that carries out small repairs on their estate, "
        "trains local apprentices and reports faster fixes.",
        ["cooperatives-social-enterprise", "co-production"],
        ["housing", "local-economy"],
        780_000,
        Status.SCALED,
        funding_sources=[FundingSource.COUNCIL],
        start_year=2018,
        partners=[("Examplehaven Housing Association", PartnerKind.HOUSING)],
        outcomes=[("Average repair time fell from 21 to 6 days", EvidenceLevel.MONITORED)],
    ),
    example(
        "Examplehaven Council",
        "Community food growing on council land",
        "An idea under discussion: lease unused council land to resident groups for food "
        "growing, with the council providing water and fencing.",
        ["community-ownership-asset-transfer", "asset-based-community-development"],
        ["food-poverty", "climate-environment"],
        None,
        Status.IDEA,
    ),
    example(
        "Testbury Town Council",
        "Walking groups led by residents",
        "Volunteer walk leaders run weekly short walks from the town square, aimed at people "
        "who have not exercised for a long time.",
        ["volunteer-led", "peer-community-champions"],
        ["physical-activity", "older-people-care"],
        2_500,
        Status.RUNNING,
        funding_sources=[FundingSource.IN_KIND, FundingSource.COUNCIL],
        start_year=2020,
        people_reached=260,
        volunteers=12,
    ),
    example(
        "London Borough of Specimen",
        "Estate community deal",
        "Residents and the council wrote down what each would do to improve one estate; "
        "residents run the community rooms, the council funds repairs.",
        ["council-community-deal", "co-production"],
        ["housing", "community-safety"],
        2_000_000,
        Status.PILOT,
        funding_sources=[FundingSource.COUNCIL],
        start_year=2024,
        start_month=6,
        partners=[("Specimen Estate Residents' Association", PartnerKind.VOLUNTARY)],
    ),
    example(
        "Mockshire Combined Authority",
        "Regional fund for community businesses",
        "A devolved fund, decided by a panel of residents, that gives community businesses "
        "grants and help to get online.",
        ["devolved-grants", "cooperatives-social-enterprise"],
        ["local-economy", "digital-inclusion"],
        3_500_000,
        Status.RUNNING,
        funding_sources=[FundingSource.GRANT, FundingSource.COUNCIL],
        start_year=2022,
        outcomes=[("64 community businesses funded", EvidenceLevel.MONITORED)],
    ),
    example(
        "Fictown and District Council",
        "Holiday hunger clubs run by parents",
        "Parents ran free school-holiday clubs with a hot lunch and activities, using school "
        "kitchens lent by the council.",
        ["volunteer-led", "co-production"],
        ["food-poverty", "children-young-people"],
        18_000,
        Status.ENDED,
        funding_sources=[FundingSource.CROWDFUNDING, FundingSource.IN_KIND],
        start_year=2020,
        end_year=2023,
        people_reached=1_150,
        volunteers=60,
        outcomes=[("1,150 children came at least once", EvidenceLevel.SELF_REPORTED)],
    ),
    example(
        "Placeholder Unitary Council",
        "Social prescribing garden",
        "GPs refer patients to a community garden run with volunteers, where they grow food "
        "and take gentle exercise.",
        ["asset-based-community-development"],
        ["health-wellbeing", "physical-activity"],
        95_000,
        Status.PILOT,
        funding_sources=[FundingSource.GRANT],
        start_year=2025,
        start_month=1,
        partners=[("Placeholder Primary Care Network", PartnerKind.NHS)],
        outcomes=[
            (
                "Participants reported better wellbeing after 12 weeks",
                EvidenceLevel.EVALUATED,
                "Placeholder University",
            )
        ],
    ),
    example(
        "Placeholder Unitary Council",
        "Crowdfunded skate park",
        "Young people designed a skate park and raised part of the cost through a crowdfunding "
        "campaign that the council matched.",
        ["co-production"],
        ["children-young-people", "physical-activity"],
        48_000,
        Status.ENDED,
        funding_sources=[FundingSource.CROWDFUNDING, FundingSource.COUNCIL],
        start_year=2018,
        end_year=2019,
    ),
]
