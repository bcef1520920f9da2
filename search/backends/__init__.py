"""The search backends behind one contract, as Wagtail's own search backends share one.

Each backend has a ``name`` and answers ``search(params, deadline) -> SearchResults``,
``suggest(prefix) -> [{"title", "url"}]``, ``related(page, size) -> [CaseStudyCard]`` and
``loosened(params, deadline) -> [count]`` (the results each selected value's removal alone would
give, in ``params.removals()`` order, from one request) in the same shapes, so a caller
never asks which one answered; ``search.service`` picks one per call.
"""

SUGGEST_SIZE = 8


def slugs_of(page):
    """(approach slugs, theme slugs) of ``page``: what makes another case study related."""
    return (
        [approach.slug for approach in page.approach_list],
        [theme.slug for theme in page.theme_list],
    )
