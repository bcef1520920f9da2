"""Seed the starting vocabulary and replace Wagtail's welcome page with the network's home page."""

from django.db import migrations

APPROACHES = [
    ("Asset-based community development", "asset-based-community-development",
     "Starting from what a community already has: its people, skills, places and networks."),
    ("Co-production", "co-production",
     "Residents and services design and deliver something together as equals."),
    ("Community ownership and asset transfer", "community-ownership-asset-transfer",
     "Buildings, land or services pass into community hands."),
    ("Volunteer-led", "volunteer-led", "Run day to day by volunteers."),
    ("Participatory budgeting", "participatory-budgeting",
     "Residents decide directly how part of a budget is spent."),
    ("Peer and community champions", "peer-community-champions",
     "Trained local people who pass on information and encouragement to their peers."),
    ("Co-operatives and social enterprise", "cooperatives-social-enterprise",
     "Member-owned or trading organisations with a social purpose."),
    ("Devolved grants", "devolved-grants",
     "Money and the decisions over it handed down to a neighbourhood or group."),
    ("Council–community deal", "council-community-deal",
     "An explicit agreement on what the council and residents each do."),
    ("Deliberative democracy", "deliberative-democracy",
     "Citizens' assemblies, juries and panels that weigh evidence and recommend."),
]

THEMES = [
    ("Food and poverty", "food-poverty"),
    ("Health and wellbeing", "health-wellbeing"),
    ("Physical activity", "physical-activity"),
    ("Children and young people", "children-young-people"),
    ("Older people and care", "older-people-care"),
    ("Housing", "housing"),
    ("Local economy", "local-economy"),
    ("Climate and environment", "climate-environment"),
    ("Community safety", "community-safety"),
    ("Culture and heritage", "culture-heritage"),
    ("Digital inclusion", "digital-inclusion"),
    ("Democracy and participation", "democracy-participation"),
]


def seed(apps, schema_editor):
    Approach = apps.get_model("casestudies", "Approach")
    Theme = apps.get_model("casestudies", "Theme")
    for name, slug, description in APPROACHES:
        Approach.objects.get_or_create(slug=slug, defaults={"name": name, "description": description})
    for name, slug in THEMES:
        Theme.objects.get_or_create(slug=slug, defaults={"name": name})

    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    ContentType = apps.get_model("contenttypes", "ContentType")
    HomePage = apps.get_model("casestudies", "HomePage")
    Locale = apps.get_model("wagtailcore", "Locale")

    root = Page.objects.filter(depth=1).first()
    if root is None or HomePage.objects.exists():
        return
    # Wagtail's initial migration leaves a plain welcome page at depth 2: it gives way to ours.
    Page.objects.filter(depth=2, content_type__model="page", slug="home").delete()
    home_type, _ = ContentType.objects.get_or_create(model="homepage", app_label="casestudies")
    siblings = Page.objects.filter(depth=2).count()
    home = HomePage.objects.create(
        title="Co-operative Councils Knowledge Network",
        draft_title="Co-operative Councils Knowledge Network",
        slug="home",
        content_type=home_type,
        path=f"{root.path}{siblings + 1:04d}",
        depth=2,
        numchild=0,
        url_path="/home/",
        locale=Locale.objects.first(),
        introduction="What member councils tried, what it cost and what happened.",
    )
    root.numchild = Page.objects.filter(depth=2).count()
    root.save(update_fields=["numchild"])
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "Knowledge Network"},
    )


class Migration(migrations.Migration):
    dependencies = [
        ("casestudies", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
