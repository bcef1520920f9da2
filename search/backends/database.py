"""The database fallback behind the backend contract (the queries are in ``search.database``)."""

from network_site.page_urls import UrlBuilder

from .. import database, loosening
from ..facet_display import build_facets
from ..labels import synonym_groups
from ..results import CaseStudyCard, SearchResults
from . import SUGGEST_SIZE, slugs_of

NOTICE = (
    "Search is running in a simpler mode for a moment: results are not ranked by "
    "relevance and spelling mistakes are not corrected."
)


class DatabaseBackend:
    name = "database"

    def search(self, params, deadline=None):
        page = database.search(params, synonym_groups())
        return SearchResults(
            params=params,
            backend=self.name,
            total=page.total,
            results=page.results,
            facets=build_facets(page.counts, params),
            notice=NOTICE,
        )

    def suggest(self, prefix):
        return database.suggest(prefix, SUGGEST_SIZE)

    def loosened(self, params, deadline=None):
        return loosening.loosened(params, synonym_groups())

    def related(self, page, size):
        approaches, themes = slugs_of(page)
        url_for = UrlBuilder()
        return [
            CaseStudyCard.from_page(related, url_for)
            for related in database.related(page, approaches, themes, size)
        ]
