"""The demo content's real projects: five, from the seed notes.

Real councils get only the facts the seed notes give (The New Power Review, series 1 episode 4);
every figure the notes do not give is left empty.
"""

from casestudies.vocabulary import (
    CouncilType,
    EvidenceLevel,
    FundingSource,
    PartnerKind,
    Region,
    SectionHeading,
    Status,
)

SEED_SOURCE = "The New Power Review, series 1 episode 4"


def section(heading, *paragraphs):
    """A headed body section in the StreamField's stored form."""
    text = "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
    return {"type": "section", "value": {"heading": heading, "text": text}}


def quote(text, attribution):
    return {"type": "quote", "value": {"quote": text, "attribution": attribution}}


# Big Local is run by Local Trust, a charity rather than a council. Case studies must sit under a
# CouncilPage (officer permissions follow the page tree), so Local Trust is a member page of type
# "partner organisation": it keeps its own officers and pages, and the council-type facet can
# tell it apart from councils. Real bodies carry only what the seed newsletter says (no websites,
# codes or populations), so nothing about them is invented.
REAL_COUNCILS = [
    {
        "title": "Staffordshire County Council",
        "council_type": CouncilType.COUNTY,
        "region": Region.WEST_MIDLANDS,
    },
    {
        "title": "City of York Council",
        "council_type": CouncilType.UNITARY,
        "region": Region.YORKSHIRE,
    },
    {
        "title": "Wigan Council",
        "council_type": CouncilType.METROPOLITAN,
        "region": Region.NORTH_WEST,
    },
    {
        "title": "London Borough of Barking and Dagenham",
        "council_type": CouncilType.LONDON_BOROUGH,
        "region": Region.LONDON,
    },
    {
        "title": "Local Trust",
        "official_name": "Local Trust",
        "council_type": CouncilType.PARTNER,
        "region": Region.ENGLAND_WIDE,
        "introduction": (
            "A charity, funded by the National Lottery, that runs the Big Local programme. "
            "It is not a council: it takes part in the network as a partner organisation."
        ),
    },
]

REAL_CASE_STUDIES = [
    {
        "council": "Staffordshire County Council",
        "title": "Leek Community Cupboard",
        "slug": "leek-community-cupboard",
        "summary": (
            "A council-started scheme selling £3 bags of fruit and veg on one estate, taken over "
            "and expanded by volunteers who now run it across 60 villages, adding children's "
            "activities, clothes and advice."
        ),
        "approaches": ["volunteer-led", "community-ownership-asset-transfer"],
        "themes": ["food-poverty", "children-young-people"],
        "funding_sources": [FundingSource.COUNCILLOR_FUNDS],
        "status": Status.SCALED,
        "outcomes": [
            ("Run entirely by volunteers across 60 villages", EvidenceLevel.SELF_REPORTED),
            (
                "Food bags still provided, now alongside children's activities, clothes and advice",
                EvidenceLevel.SELF_REPORTED,
            ),
        ],
        "body": [
            section(
                SectionHeading.WHAT_WE_DID,
                "Staffordshire County Council started the Community Cupboard on an estate in "
                "Leek, selling bags of fruit and vegetables for £3.",
            ),
            section(
                SectionHeading.WHAT_HAPPENED,
                "Volunteers took the project over and grew it. It is now run entirely by "
                "volunteers across 60 villages, still providing food bags, and also offering "
                "children's activities, clothes and advice.",
                "Its money comes from councillors' community funds.",
            ),
            section(
                SectionHeading.REPLICATE,
                "The council's part was to kickstart the project and then let volunteers take "
                "it on; a small, simple offer (a low-priced bag of fresh food) gave people "
                "something concrete to build on.",
            ),
        ],
    },
    {
        "council": "City of York Council",
        "title": "Volunteer health champions",
        "slug": "volunteer-health-champions",
        "summary": (
            "York trained 76 volunteer health champions who use their local knowledge and "
            "connections to get their peers exercising more; they have mobilised over a "
            "thousand people."
        ),
        "approaches": ["peer-community-champions", "volunteer-led"],
        "themes": ["physical-activity", "health-wellbeing"],
        "status": Status.RUNNING,
        # "Over a thousand" is not an exact figure: the outcome below carries it in words.
        "volunteers": 76,
        "outcomes": [
            ("76 volunteer health champions trained", EvidenceLevel.SELF_REPORTED),
            ("Over a thousand people mobilised to exercise more", EvidenceLevel.SELF_REPORTED),
        ],
        "body": [
            section(
                SectionHeading.WHAT_WE_DID,
                "The council trained 76 volunteers as health champions. Champions encourage "
                "their peers to exercise more, start new activities, and point neighbours "
                "towards useful support.",
            ),
            section(
                SectionHeading.WHAT_HAPPENED,
                "The champions have mobilised over a thousand people to be more active.",
            ),
            section(
                SectionHeading.LESSONS,
                "The approach works through the champions' own local knowledge and "
                "connections, which a council service would not have.",
            ),
        ],
    },
    {
        "council": "Wigan Council",
        "title": "The Wigan Deal",
        "slug": "the-wigan-deal",
        "summary": (
            "Facing 40% budget cuts over ten years, Wigan agreed a deal between citizens, the "
            "council, the NHS and voluntary groups: residents take on projects, services work "
            "from community strengths, and council tax is frozen."
        ),
        "approaches": ["council-community-deal", "asset-based-community-development"],
        "themes": ["health-wellbeing", "democracy-participation"],
        "status": Status.RUNNING,
        "partners": [
            ("NHS", PartnerKind.NHS),
            ("Local voluntary groups", PartnerKind.VOLUNTARY),
        ],
        "outcomes": [
            (
                "Life expectancy improved in Wigan despite austerity, while it stagnated "
                "across the rest of England",
                EvidenceLevel.EVALUATED,
                "The King's Fund review, 2019",
            ),
        ],
        "body": [
            section(
                SectionHeading.CHALLENGE,
                "Once it was clear that Wigan faced 40% budget cuts over ten years, the "
                "council's leaders knew that drastic change was needed.",
            ),
            section(
                SectionHeading.WHAT_WE_DID,
                "The council made 'the Deal' with citizens, the NHS and local voluntary "
                "groups. It aimed to freeze council tax and still get better outcomes, through "
                "better-performing services and residents taking over some projects.",
                "Services took an asset-based approach, building on the strengths of "
                "individuals and communities.",
            ),
            section(
                SectionHeading.WHAT_HAPPENED,
                "The King's Fund, a health think tank, reviewed the Deal in 2019. It found "
                "that life expectancy improved in Wigan, while it stagnated across the rest of "
                "England.",
            ),
            section(
                SectionHeading.LESSONS,
                "The Deal is also a change of culture inside the council: frontline staff "
                "were given power and encouraged to innovate without fearing mistakes, and a "
                "blame culture gave way to one of learning. Councillors involved say it is "
                "still evolving, with more to gain from working with voluntary organisations.",
            ),
            quote(
                "Staff were the key to success, and we encouraged them to be innovative (and "
                "not to fear mistakes), take a different, “asset-based approach” and have a "
                "different kind of conversation finding out what was needed not just what was "
                "available.",
                "Cllr Lord Peter Smith, Wigan Council",
            ),
        ],
    },
    {
        "council": "London Borough of Barking and Dagenham",
        "title": "Participatory City: Every One Every Day",
        "slug": "participatory-city-every-one-every-day",
        "summary": (
            "The council funds Participatory City, a five-year project that gives residents "
            "space, materials and practical help to start projects together; organisers report "
            "over 150 projects involving 5,000 people."
        ),
        "approaches": ["co-production", "asset-based-community-development"],
        "themes": ["democracy-participation", "local-economy", "culture-heritage"],
        "funding_sources": [FundingSource.COUNCIL],
        "status": Status.RUNNING,
        "people_reached": 5000,
        "partners": [("Participatory City Foundation", PartnerKind.CHARITY)],
        "outcomes": [
            ("Over 150 projects created", EvidenceLevel.SELF_REPORTED, "Participatory City"),
            (
                "5,000 people involved, about 2 to 3% of the borough's population",
                EvidenceLevel.SELF_REPORTED,
                "Participatory City",
            ),
        ],
        "body": [
            section(
                SectionHeading.WHAT_WE_DID,
                "Rather than the council reorganising itself, Barking and Dagenham funded a "
                "middle layer between the council and residents: Participatory City, a "
                "five-year project that helps neighbourhoods organise to meet their own needs.",
                "It finds spaces for projects, finds materials and equipment, and deals with "
                "insurance and health and safety, without long forms to fill in.",
            ),
            section(
                SectionHeading.WHAT_HAPPENED,
                "The project hopes new festivals, workshops and businesses will emerge. During "
                "Covid-19 it moved its organising online. Its organisers say over 150 projects "
                "have been created, involving 5,000 people.",
            ),
            section(
                SectionHeading.LESSONS,
                "The aim is a stable system of participation, built into public "
                "infrastructure like libraries or roads, that adapts to people's lives rather "
                "than a fixed set of small organisations.",
            ),
        ],
    },
    {
        "council": "Local Trust",
        "title": "Big Local",
        "slug": "big-local",
        "summary": (
            "One of the biggest National Lottery grants ever gave 150 communities across "
            "England £1m each to spend however they wanted over 10 to 15 years, with training, "
            "support and peer learning, and residents in the lead."
        ),
        "approaches": ["devolved-grants", "asset-based-community-development"],
        "themes": ["democracy-participation", "local-economy"],
        "funding_sources": [FundingSource.LOTTERY],
        "status": Status.RUNNING,
        "partners": [("Local Trust", PartnerKind.CHARITY)],
        "outcomes": [
            (
                "150 communities each given £1m to spend as they chose",
                EvidenceLevel.SELF_REPORTED,
                "Local Trust",
            ),
        ],
        "body": [
            section(
                SectionHeading.WHAT_WE_DID,
                "150 communities across England were each given £1m to spend however they "
                "wanted, over 10 to 15 years. The places chosen had the worst ratio of lottery "
                "tickets bought to lottery funding received.",
                "Residents get some training and support, peer-to-peer learning and networking "
                "between communities, and are then left to get on with it.",
            ),
            section(
                SectionHeading.LESSONS,
                "In each community (average population 7,500) a few people tend to do most of "
                "the work, and there are disagreements about where the money should go: Local "
                "Trust says a degree of resilience is needed. The areas have until 2026 to "
                "spend their money and settle their legacy.",
            ),
        ],
    },
]
