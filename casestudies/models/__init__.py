"""Member councils and their case studies, re-exported so ``casestudies.models.X`` works."""

from .case_study import (
    CaseStudyAttachment,
    CaseStudyLink,
    CaseStudyOutcome,
    CaseStudyPage,
    CaseStudyPartner,
    CaseStudyTag,
    keep_council_after_move,
)
from .council import CouncilPage
from .site_pages import CouncilIndexPage, HomePage, HomePageFeatured, StandardPage
from .vocabulary_terms import (
    COUNCIL_PAGE_SIZE,
    MONTH_CHOICES,
    MONTH_NAMES,
    YEAR_VALIDATORS,
    Approach,
    Theme,
    VocabularyTerm,
    month_year,
)

__all__ = [
    "COUNCIL_PAGE_SIZE",
    "MONTH_CHOICES",
    "MONTH_NAMES",
    "YEAR_VALIDATORS",
    "Approach",
    "CaseStudyAttachment",
    "CaseStudyLink",
    "CaseStudyOutcome",
    "CaseStudyPage",
    "CaseStudyPartner",
    "CaseStudyTag",
    "CouncilIndexPage",
    "CouncilPage",
    "HomePage",
    "HomePageFeatured",
    "StandardPage",
    "Theme",
    "VocabularyTerm",
    "keep_council_after_move",
    "month_year",
]
