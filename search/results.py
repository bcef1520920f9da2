"""One result shape for both backends: ``SearchResults``, a hit as a result dict, and the card
a related case study shows."""

import math
from dataclasses import dataclass

from casestudies.vocabulary import Status

STATUS_LABELS = dict(Status.choices)


@dataclass
class SearchResults:
    params: object
    backend: str
    total: int
    results: list
    facets: dict
    suggestion: str | None = None
    took_ms: int | None = None
    notice: str = ""

    @property
    def pages(self):
        return math.ceil(self.total / self.params.page_size) if self.total else 0

    def as_json(self):
        return {
            "query": self.params.query,
            "backend": self.backend,
            "total": self.total,
            "page": self.params.page,
            "page_size": self.params.page_size,
            "pages": self.pages,
            "results": self.results,
            "facets": self.facets,
            "suggestion": self.suggestion,
        }


def council_of(council):
    """A result's council from its document's display copy (empty when it has none)."""
    return {
        "slug": council.get("slug", ""),
        "name": council.get("name", ""),
        "is_example": bool(council.get("is_example")),
    }


def result_from_source(source, highlight=""):
    display = source.get("display") or {}
    return {
        "id": source["page_id"],
        "title": source["title"],
        "url": source.get("url") or "",
        "summary": source.get("summary") or "",
        "highlight": highlight,
        "council": council_of(display.get("council") or {}),
        "approaches": display.get("approaches") or [],
        "themes": display.get("themes") or [],
        "budget": source.get("budget"),
        "budget_band": source.get("budget_band") or "",
        "status": source.get("status") or "",
        "year": source.get("start_year"),
        "published": source.get("first_published_at"),
        "updated": source.get("last_published_at"),
    }


def iso_datetime(value):
    """A stored datetime as the index holds it (ISO 8601), or ``None``."""
    return value.isoformat() if value else None


def best_snippet(highlight):
    """A marked summary, else a marked body fragment, else the plain (escaped) summary."""
    fragments = [fragment for name in ("summary", "body") for fragment in highlight.get(name, ())]
    marked = [fragment for fragment in fragments if "<mark>" in fragment]
    return (marked or fragments or [""])[0]


@dataclass(frozen=True)
class CardCouncil:
    title: str
    is_example: bool


@dataclass(frozen=True)
class CaseStudyCard:
    """What a case study's card shows, from its index document or from its page: one type for
    both backends, so the card template sees one shape."""

    id: int
    url: str
    title: str
    summary: str
    status_label: str
    start_year: int | None
    budget_band_label: str
    council: CardCouncil | None

    @classmethod
    def from_source(cls, source):
        display = source.get("display") or {}
        council = display.get("council")
        return cls(
            id=source["page_id"],
            url=source.get("url") or "",
            title=source["title"],
            summary=source.get("summary") or "",
            status_label=STATUS_LABELS.get(source.get("status"), ""),
            start_year=source.get("start_year"),
            budget_band_label=display.get("budget_band_label") or "",
            council=(
                CardCouncil(council["name"], bool(council.get("is_example"))) if council else None
            ),
        )

    @classmethod
    def from_page(cls, page, url_for):
        council = page.council
        return cls(
            id=page.pk,
            url=url_for(page.url_path) or "",
            title=page.title,
            summary=page.summary,
            status_label=STATUS_LABELS.get(page.status, ""),
            start_year=page.start_year,
            budget_band_label=page.budget_band_label,
            council=CardCouncil(council.title, council.is_example) if council else None,
        )
