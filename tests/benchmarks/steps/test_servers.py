"""The load's bookkeeping: which backend answered, and latencies summarised by kind and error."""

from benchmarks.steps.servers import answered_by, measured


def test_answered_by_reads_the_backend_and_tolerates_other_bodies():
    """An API answer names its backend; an HTML page or a JSON list names none."""
    assert answered_by(b'{"backend": "database", "total": 0}') == "database"
    assert answered_by(b"<!doctype html><p>Too many searches</p>") is None
    assert answered_by(b"[1, 2]") is None


def test_measured_groups_latencies_by_kind_in_the_mix_order_and_counts_errors():
    """Per-kind summaries follow the query mix's order; errors are counted by their reason."""
    requests = [("page_5", "/a"), ("empty", "/b"), ("page_5", "/c"), ("empty", "/d")]
    results = [(10.0, None), (20.0, "HTTP 500"), (30.0, None), (40.0, "HTTP 500")]
    summary = measured(requests, results, seconds=2.0)
    assert list(summary["by_kind"]) == ["empty", "page_5"]
    assert summary["by_kind"]["page_5"]["requests"] == 2
    assert summary["all"]["requests"] == 4 and summary["all"]["req_per_s"] == 2.0
    assert (summary["errors"], summary["error_reasons"]) == (2, {"HTTP 500": 2})
