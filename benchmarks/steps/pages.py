"""The case study and search pages through gunicorn, and their SQL queries in process."""

import random
from urllib.parse import urlencode

from benchmarks.steps.common import say
from benchmarks.steps.queries import KINDS, count_queries, query_mix
from benchmarks.steps.servers import load, measured


def case_study_queries(urls):
    urls = list(urls)[:10]
    count_queries(urls[0])  # Fills the per-process caches (site roots) first.
    return [count_queries(url) for url in urls]


def search_page_queries(seed):
    """Queries per search page kind with 1 and 50 results a page: constant means equal."""
    rng = random.Random(seed + 2)
    count_queries("/search/")
    counts = {}
    for kind, params in query_mix(len(KINDS), rng):
        counts[kind] = {
            f"page_size_{size}": count_queries(
                "/search/?" + urlencode({**params, "page_size": size})
            )
            for size in (1, 50)
        }
    constant = all(c["page_size_1"] == c["page_size_50"] for c in counts.values())
    return {"queries": counts, "queries_constant": constant}


class PageSteps:
    """The Bench step that times the pages into ``self.results["pages"]``."""

    def pages(self, port, api):
        """Case study and search pages through gunicorn (1 client), SQL queries in process."""
        from casestudies.models import CaseStudyPage

        rng = random.Random(self.args.seed + 1)
        ids = list(CaseStudyPage.objects.live().values_list("id", flat=True))
        sample = rng.sample(ids, min(len(ids), 50))
        urls = {page.id: page.url for page in CaseStudyPage.objects.filter(id__in=sample).live()}
        case_requests = [
            ("case_study", urls[sample[i % len(sample)]]) for i in range(self.args.page_requests)
        ]
        search_requests = [
            (kind, path.replace("/api/search/", "/search/"))
            for kind, path in api[: self.args.page_requests]
        ]
        say(f"Pages: {len(case_requests)} case study and {len(search_requests)} search pages …")
        load(port, case_requests[:10] + search_requests[:10], 1, "page warm-up")
        pages = {}
        for name, requests in (("case_study", case_requests), ("search", search_requests)):
            results, seconds = load(port, requests, 1, f"{name} pages")
            run = measured(requests, results, seconds)
            pages[name] = {**run["all"], "errors": run["errors"]}
        pages["case_study"]["queries"] = case_study_queries(urls.values())
        pages["search"].update(search_page_queries(self.args.seed))
        self.results["pages"] = pages
        say(
            f"Case study page p95 {pages['case_study']['p95_ms']} ms, search page p95 "
            f"{pages['search']['p95_ms']} ms"
        )
