"""Facet display: labels, the values worth showing, and the order they are listed in."""

from . import labels
from .facets import DESCENDING, FACETS, FIXED, Choices, Numbers, Rows


def value_labels(name, values):
    """{value: label} for facet ``name``, covering ``values``; numbers are their own labels."""
    source = FACETS[name].labels
    if isinstance(source, Rows):
        return labels.labels(name, values)
    return source.labels if isinstance(source, Choices) else {}


def facet_labels(counts, params):
    """Labels for every value that will be shown, from per-process copies (``labels``)."""
    return {
        name: value_labels(name, set(counts.get(name, {})).union(params.filters.get(name, ())))
        for name in FACETS
    }


def known_values(name, values):
    """The values of ``values`` that name something facet ``name`` has."""
    source = FACETS[name].labels
    named = source.values if isinstance(source, Numbers) else value_labels(name, values)
    return tuple(value for value in values if value in named)


def known_filters(params):
    """``params`` without facet values that name nothing: they are ignored, never echoed back
    (a URL of made-up values would otherwise come back as as many checkboxes and links)."""
    filters = {name: known_values(name, values) for name, values in params.filters.items()}
    return params if filters == params.filters else params.with_filters(filters)


def ordered_values(name, counted, selected, named):
    """The values facet ``name`` lists, in the order it shows them (``named``: their labels)."""
    facet = FACETS[name]
    values = set(counted).union(selected)
    if facet.order == FIXED:
        if isinstance(facet.labels, Rows):
            # Vocabulary terms in the vocabulary's order, by name.
            return sorted(values, key=lambda value: (named.get(value, value).casefold(), value))
        position = {value: index for index, value in enumerate(facet.labels.labels)}
        if facet.show_empty:
            values.update(position)
        return sorted(values, key=lambda value: (position.get(value, len(position)), value))
    if facet.order == DESCENDING:
        return sorted(values, reverse=True)
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
    for name in FACETS:
        # A case study without a value is indexed with '' (no budget band, no outcomes).
        named = labels[name]
        counted = {value: n for value, n in counts.get(name, {}).items() if value != ""}
        selected = params.filters.get(name, ())
        facets[name] = [
            {
                "value": value,
                "label": named.get(value, value),
                "count": counted.get(value, 0),
                "selected": value in selected,
            }
            for value in ordered_values(name, counted, selected, named)
        ]
    return facets
