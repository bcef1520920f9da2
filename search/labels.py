"""Per-process copies of what every search reads from the database: facet labels and synonyms.

A search would otherwise spend more time asking the database for the names of 500 councils
than Elasticsearch spends counting them (docs/benchmarks.md). Each copy is refreshed at most
``REFRESH_SECONDS`` after a change made in another process, at once after a change made in
this one (``forget`` is connected to the models' save and delete signals), and a value the
copy does not know yet is looked up on the spot.
"""

from casestudies.models import Approach, CouncilPage, Theme
from network_site.caching import ProcessCache

from .models import Synonym

REFRESH_SECONDS = 60

# Facet name -> (model, label field) for the facets whose values are database slugs.
LABEL_SOURCES = {
    "approach": (Approach, "name"),
    "theme": (Theme, "name"),
    "council": (CouncilPage, "title"),
}


def _loader(model, field):
    return lambda: dict(model.objects.values_list("slug", field))


LABELS = {
    name: ProcessCache(_loader(*source), REFRESH_SECONDS) for name, source in LABEL_SOURCES.items()
}
SYNONYMS = ProcessCache(
    lambda: [group.term_list() for group in Synonym.objects.all()], REFRESH_SECONDS
)


def labels(name, slugs):
    """{slug: label} for facet ``name``, covering every slug of ``slugs`` that exists."""
    known = LABELS[name].get()
    missing = [slug for slug in slugs if slug not in known]
    if not missing:
        return known
    model, field = LABEL_SOURCES[name]
    return {**known, **dict(model.objects.filter(slug__in=missing).values_list("slug", field))}


def synonym_groups():
    return SYNONYMS.get()


def forget(*args, **kwargs):
    """Drop every copy (a signal receiver: vocabulary, council or synonyms changed)."""
    for cache in (*LABELS.values(), SYNONYMS):
        cache.forget()
