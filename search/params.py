"""The public search parameters, validated once for the HTML page and the JSON API alike."""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from network_site.search_input import clean_text

from .facets import FACETS

SORT_CHOICES = {
    "relevance": "Most relevant",
    "newest": "Newest",
    "budget_asc": "Budget, lowest first",
    "budget_desc": "Budget, highest first",
}
DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 50
# Elasticsearch's default max_result_window: deeper pages need search_after.
MAX_RESULT_WINDOW = 10_000
MAX_QUERY_LENGTH = 200
MAX_VALUE_LENGTH = 255
# Every selected value is echoed as a checkbox and a "remove" link holding the whole URL, so
# the page grows with the square of the number of values: these caps keep it bounded.
MAX_VALUES_PER_FACET = 20
MAX_PARAMETERS = 40


class InvalidSearch(ValueError):
    """A parameter the visitor can fix; the message says how."""


def clean_query(raw):
    """The search words, cleaned; longer than ``MAX_QUERY_LENGTH`` is an ``InvalidSearch``."""
    query = clean_text(raw, MAX_QUERY_LENGTH + 1)
    if len(query) > MAX_QUERY_LENGTH:
        raise InvalidSearch(f"Search words can be at most {MAX_QUERY_LENGTH} characters long.")
    return query


def _positive_int(raw, name, default, maximum):
    raw = (raw or "").strip()
    if not raw:
        return default
    if not raw.isascii() or not raw.isdigit():
        raise InvalidSearch(f"'{name}' must be a whole number from 1 to {maximum}.")
    value = int(raw)
    if not 1 <= value <= maximum:
        raise InvalidSearch(f"'{name}' must be a whole number from 1 to {maximum}.")
    return value


@dataclass(frozen=True)
class SearchParams:
    query: str = ""
    filters: dict = field(default_factory=dict)
    sort: str = "newest"
    page: int = 1
    page_size: int = DEFAULT_PAGE_SIZE

    @classmethod
    def from_querydict(cls, data):
        """Validate request parameters; raises ``InvalidSearch`` with a readable message."""
        if sum(len(values) for _name, values in data.lists()) > MAX_PARAMETERS:
            raise InvalidSearch(f"A search can have at most {MAX_PARAMETERS} parameters.")
        query = clean_query(data.get("q", ""))
        filters = {}
        for name, facet in FACETS.items():
            values = [clean_text(value, MAX_VALUE_LENGTH) for value in data.getlist(name)]
            values = list(dict.fromkeys(value for value in values if value))
            if len(values) > MAX_VALUES_PER_FACET:
                raise InvalidSearch(f"Choose at most {MAX_VALUES_PER_FACET} values for '{name}'.")
            if len(values) > 1 and not facet.multi_select:
                raise InvalidSearch(f"Choose one value for '{name}'.")
            filters[name] = tuple(values)
        sort = clean_text(data.get("sort", ""), 50) or ("relevance" if query else "newest")
        if sort not in SORT_CHOICES:
            raise InvalidSearch(f"'sort' must be one of: {', '.join(SORT_CHOICES)}.")
        page_size = _positive_int(
            data.get("page_size"), "page_size", DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE
        )
        max_page = MAX_RESULT_WINDOW // page_size
        page = _positive_int(data.get("page"), "page", 1, max_page)
        return cls(query, filters, sort, page, page_size)

    @property
    def offset(self):
        return (self.page - 1) * self.page_size

    @property
    def default_sort(self):
        return "relevance" if self.query else "newest"

    def with_filters(self, filters):
        return SearchParams(self.query, filters, self.sort, self.page, self.page_size)

    def as_pairs(self, **overrides):
        """Query-string pairs for these parameters; ``overrides`` replace single values."""
        values = {
            "q": self.query,
            "sort": self.sort if self.sort != self.default_sort else "",
            "page": self.page if self.page != 1 else "",
            "page_size": self.page_size if self.page_size != DEFAULT_PAGE_SIZE else "",
        }
        values.update(overrides)
        pairs = [("q", values.pop("q"))] if values.get("q") else []
        for name, selected in self.filters.items():
            pairs.extend((name, value) for value in selected)
        pairs.extend((key, value) for key, value in values.items() if value not in ("", None))
        return pairs

    def url(self, **overrides):
        return "?" + urlencode(self.as_pairs(**overrides))

    def removals(self):
        """Every selected (facet, value) pair, in facet order."""
        return [(name, value) for name, values in self.filters.items() for value in values]

    def minus(self, name, value):
        """These parameters with one facet value removed (back to page 1)."""
        filters = {**self.filters, name: tuple(v for v in self.filters[name] if v != value)}
        return SearchParams(self.query, filters, self.sort, 1, self.page_size)

    def without(self, name, value):
        """URL of this search with one facet value removed (back to page 1)."""
        return self.minus(name, value).url()
