"""Per-process copies of what every search reads from the database: facet labels and synonyms.

A search would otherwise spend more time asking the database for the names of 500 councils
than Elasticsearch spends counting them (docs/benchmarks.md). Each copy is refreshed at most
``REFRESH_SECONDS`` after a change made in another process, at once after a change made in
this one (``forget`` is connected to the models' save and delete signals), and a value the
copy does not know yet is looked up on the spot.
"""

from network_site.caching import ProcessCache

from .facets import FACETS, Rows
from .models import Synonym

REFRESH_SECONDS = 60


def label_sources():
    """Facet name -> its ``Rows``, for the facets whose values are database slugs."""
    return {name: facet.labels for name, facet in FACETS.items() if isinstance(facet.labels, Rows)}


def _loader(source):
    return lambda: dict(source.model.objects.values_list("slug", source.field))


# One copy per facet, made on first use (a facet may be registered after import).
LABELS = {}
SYNONYMS = ProcessCache(
    lambda: [group.term_list() for group in Synonym.objects.all()], REFRESH_SECONDS
)


def labels(name, slugs):
    """{slug: label} for facet ``name``, covering every slug of ``slugs`` that exists."""
    source = label_sources()[name]
    if name not in LABELS:
        LABELS.setdefault(name, ProcessCache(_loader(source), REFRESH_SECONDS))
    known = LABELS[name].get()
    missing = [slug for slug in slugs if slug not in known]
    if not missing:
        return known
    rows = source.model.objects.filter(slug__in=missing).values_list("slug", source.field)
    return {**known, **dict(rows)}


def synonym_groups():
    return SYNONYMS.get()


def forget(*args, **kwargs):
    """Drop every copy (a signal receiver: vocabulary, council or synonyms changed)."""
    for cache in (*LABELS.values(), SYNONYMS):
        cache.forget()
