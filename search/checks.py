"""System checks for the search settings."""

import re

from django.conf import settings
from django.core.checks import Error, Warning, register

from .client import node_urls

INDEX_PREFIX_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
# (setting, smallest allowed value, why, check id)
MINIMUMS = [
    (
        "SEARCH_BREAKER_SECONDS",
        0.001,
        "Without it every request waits for a dead node's timeout.",
        "search.E002",
    ),
    (
        "SEARCH_DEADLINE_SECONDS",
        0.001,
        "It is the time one search may spend on the node (2s).",
        "search.E004",
    ),
    (
        "SEARCH_BREAKER_SLOW_COUNT",
        1,
        "It is how many slow answers in a row open the breaker (3).",
        "search.E005",
    ),
    ("SEARCH_SHARDS", 1, "An index needs at least one primary shard.", "search.E006"),
    ("SEARCH_REPLICAS", 0, "It is how many copies of each shard other nodes hold.", "search.E007"),
]


@register()
def check_search_settings(app_configs, **kwargs):
    problems = []
    prefix = getattr(settings, "SEARCH_INDEX_PREFIX", "")
    if not INDEX_PREFIX_RE.match(prefix):
        problems.append(
            Error(
                f"SEARCH_INDEX_PREFIX {prefix!r} is not a valid Elasticsearch index name start.",
                hint="Use lowercase letters, digits, '-' and '_' only.",
                id="search.E001",
            )
        )
    if settings.ELASTICSEARCH_TIMEOUT > 5:
        problems.append(
            Warning(
                f"ELASTICSEARCH_TIMEOUT is {settings.ELASTICSEARCH_TIMEOUT}s.",
                hint="Keep it short (2s) so a dead node never holds a page up for long.",
                id="search.W001",
            )
        )
    problems.extend(
        Error(f"{name} must be at least {minimum}.", hint=why, id=check_id)
        for name, minimum, why, check_id in MINIMUMS
        if getattr(settings, name) < minimum
    )
    nodes = len(node_urls())
    if nodes <= settings.SEARCH_REPLICAS:
        problems.append(
            Warning(
                f"SEARCH_REPLICAS is {settings.SEARCH_REPLICAS} but ELASTICSEARCH_URL names "
                f"{nodes} node(s): a replica never shares a node with its primary.",
                hint="A rebuild waits for the replicas and fails without enough nodes; "
                "use at most one fewer replica than nodes.",
                id="search.W002",
            )
        )
    backend = settings.WAGTAILSEARCH_BACKENDS.get("default", {}).get("BACKEND", "")
    if "elasticsearch" in backend:
        problems.append(
            Error(
                "Wagtail's admin search must stay on its database backend.",
                hint="Set wagtail.search.backends.database; the public index is separate.",
                id="search.E003",
            )
        )
    return problems
