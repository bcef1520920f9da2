"""Seed the everyday words practitioners type that found nothing before."""

from django.db import migrations

FOOD_BANK = "food bank, food pantry, community cupboard, community fridge"
SYNONYMS = [
    ("rural, village, parish, countryside", "Places beyond towns, as residents name them."),
    ("loneliness, isolation, social isolation", "How people describe being cut off."),
    ("cheap, low-cost, low cost, inexpensive", "Projects that cost little."),
]


def seed(apps, schema_editor):
    Synonym = apps.get_model("search", "Synonym")
    # "foodbank" joins the food group as 0002 seeded it; if staff changed it, its own group.
    if not Synonym.objects.filter(terms=FOOD_BANK).update(terms=f"foodbank, {FOOD_BANK}"):
        Synonym.objects.get_or_create(
            terms="foodbank, food bank", defaults={"note": "One word as often as two."}
        )
    for terms, note in SYNONYMS:
        Synonym.objects.get_or_create(terms=terms, defaults={"note": note})


class Migration(migrations.Migration):
    dependencies = [("search", "0004_search_text")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
