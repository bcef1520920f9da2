"""Facet display: labels, the values worth showing, and the order they are listed in."""

from casestudies.vocabulary import BUDGET_BANDS, CouncilType, Region, Status

from . import labels
from .params import FACET_FIELDS
from .results import STATUS_LABELS

FACET_LABELS = {
    "budget": {band.slug: band.label for band in BUDGET_BANDS},
    "region": dict(Region.choices),
    "council_type": dict(CouncilType.choices),
    "status": STATUS_LABELS,
}


# Facets shown in a fixed order rather than by count.
FIXED_ORDER = {
    "budget": [band.slug for band in BUDGET_BANDS],
    "status": [value for value, _label in Status.choices],
}


def facet_labels(counts, params):
    """Labels for every value that will be shown, from per-process copies (``labels``)."""
    names = {
        name: labels.labels(name, set(counts.get(name, {})).union(params.filters.get(name, ())))
        for name in labels.LABEL_SOURCES
    }
    return {**FACET_LABELS, **names, "year": {}}


# Years a case study can start in (casestudies.models.YEAR_VALIDATORS).
YEARS = {str(year) for year in range(1900, 2101)}


def known_values(name, values):
    """The values of ``values`` that name something facet ``name`` has."""
    if name in labels.LABEL_SOURCES:
        named = labels.labels(name, values)
    else:
        named = FACET_LABELS.get(name, YEARS)
    return tuple(value for value in values if value in named)


def known_filters(params):
    """``params`` without facet values that name nothing: they are ignored, never echoed back
    (a URL of made-up values would otherwise come back as as many checkboxes and links)."""
    filters = {name: known_values(name, values) for name, values in params.filters.items()}
    return params if filters == params.filters else params.with_filters(filters)


def ordered_values(name, counted, selected):
    """The values facet ``name`` lists, in the order it shows them."""
    if name in FIXED_ORDER:
        position = {value: index for index, value in enumerate(FIXED_ORDER[name])}
        values = set(counted).union(selected)
        return sorted(values, key=lambda value: (position.get(value, len(position)), value))
    if name == "year":
        return sorted(set(counted).union(selected), reverse=True)
    # Elasticsearch's order: most frequent first, ties by value. Two stable sorts without a
    # key tuple per option: a broad search lists hundreds of councils.
    values = sorted(counted)
    values.sort(key=counted.__getitem__, reverse=True)
    values.extend(sorted(value for value in set(selected) if value not in counted))
    return values


def build_facets(counts, params):
    """Facet options with honest counts; selected values stay listed even when they count 0."""
    labels = facet_labels(counts, params)
    facets = {}
    for name in FACET_FIELDS:
        named, counted = labels[name], counts.get(name, {})
        selected = params.filters.get(name, ())
        facets[name] = [
            {
                "value": value,
                "label": named.get(value, value),
                "count": counted.get(value, 0),
                "selected": value in selected,
            }
            for value in ordered_values(name, counted, selected)
        ]
    return facets
