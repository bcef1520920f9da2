"""Model behaviour that the templates, the index and the API rely on."""

import pytest

from casestudies.models import CaseStudyPage, month_year
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


@pytest.mark.django_db(transaction=True)
def test_renaming_the_attachment_model_keeps_its_rows():
    """Migrating from CaseStudyDocument to CaseStudyAttachment keeps every attachment row."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    before = [("casestudies", "0003_case_study_validation")]
    after = [("casestudies", "0004_rename_casestudydocument_casestudyattachment")]
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    try:
        executor.migrate(before)
        old = executor.loader.project_state(before).apps
        page_type, _ = old.get_model("contenttypes", "ContentType").objects.get_or_create(
            app_label="casestudies", model="casestudypage"
        )
        locale, _ = old.get_model("wagtailcore", "Locale").objects.get_or_create(language_code="en")
        page = old.get_model("casestudies", "CaseStudyPage").objects.create(
            locale_id=locale.pk,
            title="Old page",
            slug="old-page",
            path="00019999",
            depth=2,
            summary="s",
            body="[]",
            content_type_id=page_type.pk,
        )
        # An earlier transactional test's flush may have removed the root collection.
        collection = old.get_model("wagtailcore", "Collection").objects.filter(depth=1).first()
        if collection is None:
            collection = old.get_model("wagtailcore", "Collection").objects.create(
                name="Root", path="0001", depth=1, numchild=0
            )
        document = old.get_model("wagtaildocs", "Document").objects.create(
            title="Old report", collection_id=collection.pk
        )
        old.get_model("casestudies", "CaseStudyDocument").objects.create(
            page_id=page.pk, document_id=document.pk, sort_order=0
        )
        executor = MigrationExecutor(connection)
        executor.migrate(after)
        new = executor.loader.project_state(after).apps
        attachments = new.get_model("casestudies", "CaseStudyAttachment").objects.all()
        assert [(item.page_id, item.document_id) for item in attachments] == [
            (page.pk, document.pk)
        ]
    finally:
        # Later tests need every app's migrations, including those unapplied to reach 0003.
        MigrationExecutor(connection).migrate(latest)
