import pytest

from casestudies.models import CaseStudyPage
from tests.factories import CaseStudyPageFactory


@pytest.mark.django_db
def test_case_study_takes_its_council_and_budget_band_on_save():
    """Saving a case study records its council from the tree and derives the budget band."""
    page = CaseStudyPageFactory(budget=9_999)
    page.refresh_from_db()
    assert page.council_id == page.get_parent().id
    assert page.budget_band == "under-10k"
    assert CaseStudyPage.objects.get(pk=page.pk).approaches.count() == 1
