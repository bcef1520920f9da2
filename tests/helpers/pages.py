"""Case study pages as the tests need them: published with vocabulary, or an officer's draft."""

from wagtail.rich_text import RichText

from casestudies.models import Approach, CaseStudyOutcome, CaseStudyPartner, Theme
from tests.factories import CaseStudyPageFactory


def make_case_study(
    council,
    title,
    *,
    approaches=(),
    themes=(),
    partners=(),
    tags=(),
    body="",
    outcomes=(),
    **fields,
):
    """A live case study under ``council`` with vocabulary given by slug and (statement,
    evidence level) outcomes."""
    page = CaseStudyPageFactory(
        parent=council,
        title=title,
        approaches=list(Approach.objects.filter(slug__in=approaches)) or None,
        themes=list(Theme.objects.filter(slug__in=themes)) or None,
        **fields,
    )
    for name in partners:
        CaseStudyPartner.objects.create(page=page, name=name)
    if tags:
        page.tags.add(*tags)
    if body:
        page.body = [("paragraph", RichText(f"<p>{body}</p>"))]
    if outcomes:
        page.outcomes = [
            CaseStudyOutcome(statement=statement, evidence_level=level)
            for statement, level in outcomes
        ]
    page.save_revision().publish()
    return page


def draft_case_study(council, owner, title):
    """An unpublished case study with one saved revision, as an officer's draft would be."""
    page = CaseStudyPageFactory(parent=council, title=title, live=False, owner=owner)
    page.save_revision(user=owner)
    return page
