"""The benchmark's statistics, target marks and Markdown table (no cluster needed)."""

import json

import pytest

from benchmarks.report import (
    NOTES_MARKER,
    evaluate_targets,
    fmt,
    latest_runs,
    percentile,
    render_markdown,
    summarise,
    write_docs,
)


def run(count, started_at, **overrides):
    """A minimal result file: the figures the targets read, with ``overrides`` merged in."""
    data = {
        "count": count,
        "started_at": started_at,
        "search": {
            "one_client": {"all": {"p50_ms": 20.0, "p95_ms": 40.0, "p99_ms": 45.0}},
            "eight_clients": {"all": {"p50_ms": 60.0, "p95_ms": 140.0, "p99_ms": 150.0}},
            "errors": 0,
            "overhead": {"p50_ms": 8.0, "p95_ms": 12.0},
            "peer": {"all": {"p50_ms": 900.0, "p95_ms": 2000.0}},
            "peer_postgresql": {"all": {"p50_ms": 80.0, "p95_ms": 300.0}},
        },
        "index": {"rebuild_docs_per_s": 2500.0, "rebuild_vs_floor": 1.5},
        "pages": {"case_study": {"p95_ms": 30.0}, "search": {"queries_constant": True}},
        "slow_node": {"max_ms": 2600.0, "node_max_ms": 2300.0, "node_answers": 5},
    }
    for path, value in overrides.items():
        node = data
        *parents, leaf = path.split("__")
        for key in parents:
            node = node[key]
        node[leaf] = value
    return data


def test_percentile_interpolates_between_ranks():
    """p50 of an even list is the midpoint; p0 and p100 are the extremes; empty gives None."""
    assert percentile([4, 1, 3, 2], 50) == 2.5
    assert percentile([4, 1, 3, 2], 0) == 1
    assert percentile([4, 1, 3, 2], 100) == 4
    assert percentile([], 95) is None


def test_small_ratios_keep_two_decimals_and_large_figures_none():
    """A ratio far below one stays readable; thousands lose their decimals."""
    assert fmt(0.023, "x") == "0.02x"
    assert fmt(0.4, "x") == "0.4x"
    assert fmt(12_477.0, "ms") == "12,477 ms"


def test_summarise_reports_throughput_from_the_wall_time():
    """Requests per second divide the count by the elapsed seconds."""
    summary = summarise([10.0] * 19 + [100.0], seconds=2)
    assert summary["requests"] == 20
    assert summary["p50_ms"] == 10.0
    assert summary["p99_ms"] > summary["p95_ms"] > 10.0
    assert summary["req_per_s"] == 10.0


def test_targets_are_met_at_the_limit_and_missed_past_it():
    """Each target compares its measured figure with its limit; a missing figure is unmeasured."""
    met = {target["key"]: target["met"] for target in evaluate_targets(run(10, "t"))}
    assert all(met.values())
    missed = run(
        10,
        "t",
        search__errors=1,
        index__rebuild_docs_per_s=1999.0,
        pages__search__queries_constant=False,
        slow_node__node_answers=6,
    )
    missed["search"]["one_client"]["all"]["p95_ms"] = 50.1
    del missed["pages"]["case_study"]
    marks = {target["key"]: target["met"] for target in evaluate_targets(missed)}
    assert marks["api_p95_1"] is False
    assert marks["api_errors"] is False
    assert marks["rebuild_rate"] is False
    assert marks["search_queries"] is False
    assert marks["slow_node_answers"] is False
    assert marks["slow_node_max"] is True
    assert marks["case_study_p95"] is None
    assert marks["api_p95_8"] is True


def test_postgresql_fallback_target_is_300_ms_with_sqlite_beside_it():
    """The PostgreSQL fallback's p95 is met at 300 ms, missed above, and shown beside SQLite's."""
    marks = {target["key"]: target["met"] for target in evaluate_targets(run(10, "t"))}
    assert marks["fallback_p95_postgresql"] is True
    slow = run(10, "t")
    slow["search"]["peer_postgresql"]["all"]["p95_ms"] = 300.1
    marks = {target["key"]: target["met"] for target in evaluate_targets(slow)}
    assert marks["fallback_p95_postgresql"] is False
    lines = render_markdown([{**run(10, "t"), "file": "f.json"}]).splitlines()
    assert "| Peer: database fallback p50 / p95 | 900.0 / 2,000 ms |" in lines
    assert "| Peer on PostgreSQL (full-text search) p50 / p95 | 80.0 / 300.0 ms |" in lines
    assert any(
        line.startswith("| Database fallback p95 on PostgreSQL | ≤ 300 ms |") for line in lines
    )


def test_markdown_has_a_column_per_size_and_marks_targets(tmp_path):
    """The newest complete file per size becomes a column; targets read met or missed."""
    results = tmp_path / "results"
    results.mkdir()
    (results / "2026-01-01-100.json").write_text(json.dumps(run(100, "2026-01-01T10:00")))
    newer = run(100, "2026-01-02T10:00", search__errors=3)
    (results / "2026-01-02-100.json").write_text(json.dumps(newer))
    (results / "2026-01-01-1000.json").write_text(json.dumps(run(1000, "2026-01-01T11:00")))
    failed = {**run(100, "2026-01-03T10:00"), "error": "RuntimeError: boom"}
    (results / "2026-01-03-100-failed.json").write_text(json.dumps(failed))
    runs = latest_runs(results)
    assert [(r["count"], r["file"]) for r in runs] == [
        (100, "2026-01-02-100.json"),
        (1000, "2026-01-01-1000.json"),
    ]
    text = render_markdown(runs)
    assert "| | 100 case studies | 1,000 case studies |" in text
    errors_row = next(line for line in text.splitlines() if line.startswith("| Search API errors"))
    assert "3 **missed**" in errors_row and "0 **met**" in errors_row


@pytest.mark.parametrize("existing", ["", f"# Old\n{NOTES_MARKER}\nProfile: we found X.\n"])
def test_regenerating_the_docs_keeps_hand_written_notes(tmp_path, existing):
    """Everything after the marker survives regeneration; without it there are no notes."""
    results = tmp_path / "results"
    results.mkdir()
    (results / "2026-01-01-100.json").write_text(json.dumps(run(100, "2026-01-01T10:00")))
    docs = tmp_path / "benchmarks.md"
    if existing:
        docs.write_text(existing)
    write_docs(results, docs)
    text = docs.read_text()
    assert text.startswith("# Benchmarks\n")
    assert text.count(NOTES_MARKER) == 1
    assert ("Profile: we found X." in text) == bool(existing)
    assert "# Old" not in text
