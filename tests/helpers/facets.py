"""Random facet selections for the tests that compare counts across backends."""

from django.http import QueryDict

from search.facets import FACETS


def random_filters(rng, facets):
    """Up to three facets with one or two of their current values each."""
    filters = {}
    for name in rng.sample(list(FACETS), rng.randint(0, 3)):
        values = [option["value"] for option in facets[name]]
        if values:
            filters[name] = rng.sample(values, min(len(values), rng.randint(1, 2)))
    return filters


def query_string(filters, **extra):
    querydict = QueryDict(mutable=True)
    for name, values in filters.items():
        querydict.setlist(name, values)
    for key, value in extra.items():
        querydict[key] = value
    return querydict.urlencode()
