"""Seed the council jargon the search understands; network staff edit the list in the admin."""

from django.db import migrations

SYNONYMS = [
    ("PB, participatory budgeting", "Common shorthand in council reports."),
    (
        "ABCD, asset-based community development, strengths-based",
        "The approach and how practitioners often describe it.",
    ),
    ("CAT, community asset transfer, asset transfer", "Buildings or land passed to the community."),
    (
        "VCSE, VCS, voluntary and community sector, third sector",
        "Names for voluntary and community organisations.",
    ),
    ("co-production, coproduction, co-design", "Designing and delivering services together."),
    ("social prescribing, community referral", "Linking people to local, non-medical support."),
    (
        "food bank, food pantry, community cupboard, community fridge",
        "Kinds of local food support.",
    ),
    ("citizens' assembly, citizens' jury, mini-public", "Deliberative democracy formats."),
    ("young people, youth", "Services for children and young people."),
    ("older people, elderly, later life", "Services for older residents."),
]


def seed(apps, schema_editor):
    Synonym = apps.get_model("search", "Synonym")
    for terms, note in SYNONYMS:
        Synonym.objects.get_or_create(terms=terms, defaults={"note": note})


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
