"""Model behaviour that the templates, the index and the API rely on."""

import pytest

from casestudies.models import CaseStudyOutcome, CaseStudyPage, month_year
from casestudies.vocabulary import EvidenceLevel
from tests.factories import CaseStudyPageFactory, CouncilPageFactory

pytestmark = pytest.mark.django_db


def test_a_saved_case_study_records_its_council_from_the_tree():
    """Saving a case study records the council it sits under."""
    page = CaseStudyPageFactory()
    assert CaseStudyPage.objects.get(pk=page.pk).council_id == page.get_parent().pk


def test_moving_a_case_study_updates_its_council():
    """A case study moved under another council belongs to that council afterwards."""
    page = CaseStudyPageFactory()
    other = CouncilPageFactory(title="Sampleton Council")
    page.move(other, pos="last-child")
    assert CaseStudyPage.objects.get(pk=page.pk).council_id == other.pk


def test_owning_council_of_an_unsaved_page_is_none():
    """A page not yet in the tree (an admin preview of a new page) has no council, no error."""
    assert CaseStudyPage(title="Not saved").owning_council is None


def test_dates_and_labels_read_naturally():
    """Dates read 'March 2019' or '2019'; funding sources and bands use their labels."""
    assert month_year(2019, 3) == "March 2019"
    assert month_year(2019, None) == "2019"
    assert month_year(None, 3) == ""
    page = CaseStudyPageFactory(budget=60_000, funding_sources=["lottery", "in-kind"])
    assert page.budget_band_label == "£50k to £250k"
    assert page.funding_source_labels == ["Lottery", "In kind"]


def test_attachment_links_a_document_to_its_case_study():
    """A CaseStudyAttachment is one of the page's documents, in the order given."""
    from wagtail.documents.models import Document

    from casestudies.models import CaseStudyAttachment

    page = CaseStudyPageFactory()
    report = Document.objects.create(title="Evaluation report", file="documents/report.pdf")
    CaseStudyAttachment.objects.create(page=page, document=report)
    assert [item.document for item in page.documents.all()] == [report]


def test_a_published_case_study_keeps_its_strongest_outcome_evidence():
    """Publishing records the strongest evidence level among the outcomes; none gives ''."""
    page = CaseStudyPageFactory()
    assert CaseStudyPage.objects.get(pk=page.pk).evidence_level == ""
    page.outcomes = [
        CaseStudyOutcome(statement="Counted", evidence_level=EvidenceLevel.MONITORED),
        CaseStudyOutcome(statement="Said", evidence_level=EvidenceLevel.SELF_REPORTED),
    ]
    page.save_revision().publish()
    assert CaseStudyPage.objects.get(pk=page.pk).evidence_level == EvidenceLevel.MONITORED
