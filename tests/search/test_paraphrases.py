"""The paraphrase test set: well formed, and truly free of its targets' words."""

import pytest

from benchmarks.embeddings_eval import corpus, paraphrases
from casestudies.documents import index_body
from search.client import get_search_client

pytestmark = pytest.mark.elasticsearch


def content_words(client, text):
    """Stems of ``text`` through the index's own English analysis (stop words removed)."""
    analysis = index_body()["settings"]["analysis"]
    analyzer = analysis["analyzer"]["english_text"]
    filters = [analysis["filter"].get(name, name) for name in analyzer["filter"]]
    response = client.indices.analyze(tokenizer=analyzer["tokenizer"], filter=filters, text=text)
    return {token["token"] for token in response["tokens"]}


def test_the_set_is_big_enough_and_names_real_demo_case_studies():
    """Every query is distinct and names at least one demo case study by its exact title."""
    titles = {title for title, _, _ in corpus()}
    cases = paraphrases()
    assert 30 <= len(cases) <= 50
    assert len({case["query"] for case in cases}) == len(cases)
    for case in cases:
        assert case["targets"], case["query"]
        assert set(case["targets"]) <= titles, case["query"]


def test_no_query_shares_a_content_word_with_its_targets(search_node):
    """A query's stems and its targets' title, summary and body stems do not intersect."""
    client = get_search_client()
    documents = {title: " ".join((title, summary, body)) for title, summary, body in corpus()}
    shared = {}
    for case in paraphrases():
        words = content_words(client, case["query"])
        for target in case["targets"]:
            common = words & content_words(client, documents[target])
            if common:
                shared[(case["query"], target)] = sorted(common)
    assert shared == {}


def test_the_overlap_check_catches_a_shared_word(search_node):
    """The check itself sees a word the query shares with a title, in another form."""
    client = get_search_client()
    assert "cupboard" in content_words(client, "cupboards") & content_words(
        client, "Leek Community Cupboard"
    )
