"""The query mix (six kinds in equal shares, seeded) and SQL queries counted per page."""

from benchmarks.steps.common import HOST

ONE_WORD = ["allotment", "volunteers", "pantry", "repair", "youth", "energy", "comunity", "shop"]
THREE_WORDS = [
    "community food pantry",
    "youth skills swap",
    "warm space volunteers",
    "repair café residents",
    "older people lunch",
    "local energy co-op",
]
KINDS = ["empty", "one_word", "three_words", "filtered", "budget_sort", "page_5"]


def query_mix(size, rng):
    """``size`` (kind, parameters) pairs, the kinds in equal shares, seeded."""
    from casestudies.models import Approach, Theme
    from casestudies.vocabulary import BUDGET_BANDS

    approaches = list(Approach.objects.order_by("slug").values_list("slug", flat=True))
    themes = list(Theme.objects.order_by("slug").values_list("slug", flat=True))
    bands = [band.slug for band in BUDGET_BANDS]
    makers = {
        "empty": lambda: {},
        "one_word": lambda: {"q": rng.choice(ONE_WORD)},
        "three_words": lambda: {"q": rng.choice(THREE_WORDS)},
        "filtered": lambda: {
            "q": rng.choice(ONE_WORD),
            rng.choice(["approach", "theme"]): rng.choice(approaches + themes),
            "budget": rng.choice(bands),
        },
        "budget_sort": lambda: {"sort": rng.choice(["budget_asc", "budget_desc"])},
        "page_5": lambda: {"q": rng.choice(ONE_WORD + THREE_WORDS), "page": 5},
    }
    # Facet values must be of their own facet: fix "filtered" up after choosing.
    mix = []
    for number in range(size):
        kind = KINDS[number % len(KINDS)]
        params = makers[kind]()
        if "approach" in params and params["approach"] not in approaches:
            params["theme"] = params.pop("approach")
        elif "theme" in params and params["theme"] not in themes:
            params["approach"] = params.pop("theme")
        mix.append((kind, params))
    rng.shuffle(mix)
    return mix


def count_queries(path):
    """SQL queries one anonymous GET of ``path`` makes, through Django's test client; a page
    past the end (a small corpus) is measured where it redirects to."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    first = Client().get(path, HTTP_HOST=HOST)
    if first.status_code == 302:
        path = first["Location"]
    with CaptureQueriesContext(connection) as queries:
        response = Client().get(path, HTTP_HOST=HOST)
    if response.status_code != 200:
        raise RuntimeError(f"GET {path} answered {response.status_code}")
    return len(queries.captured_queries)
