"""Data migrations: the hero's alt text moves onto its image and back without loss."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.factories import CaseStudyPageFactory, CouncilImageFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BEFORE = [("casestudies", "0007_section_text_optional")]
AFTER = [("casestudies", "0008_hero_alt_text_on_the_image")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_the_heros_alt_text_becomes_the_images_description(council_a):
    """Migrating forward copies a page's alt text to an undescribed image, and back again."""
    page = CaseStudyPageFactory(parent=council_a)
    described = CouncilImageFactory(council=council_a, description="Already described")
    bare = CouncilImageFactory(council=council_a, description="")
    other = CaseStudyPageFactory(parent=council_a)
    try:
        old = migrate(BEFORE)
        OldPage = old.get_model("casestudies", "CaseStudyPage")
        OldPage.objects.filter(pk=page.pk).update(hero_image=bare.pk, hero_alt="Seed trays")
        OldPage.objects.filter(pk=other.pk).update(hero_image=described.pk, hero_alt="Ignored")

        migrate(AFTER)
        bare.refresh_from_db()
        described.refresh_from_db()
        assert (bare.description, described.description) == ("Seed trays", "Already described")

        old = migrate(BEFORE)
        alts = dict(
            old.get_model("casestudies", "CaseStudyPage").objects.values_list("pk", "hero_alt")
        )
        assert (alts[page.pk], alts[other.pk]) == ("Seed trays", "Already described")
    finally:
        migrate(AFTER)
