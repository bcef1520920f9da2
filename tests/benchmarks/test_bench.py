"""The benchmark script end to end at a tiny size: figures written, nothing left behind."""

import json
import os
import re
import subprocess
import sys

import psycopg
import pytest

from benchmarks.bench import ROOT
from search.client import get_search_client
from tests.helpers.database import on_postgresql

pytestmark = pytest.mark.elasticsearch


def tiny_run(results, docs, work, *extra):
    """The benchmark at 12 case studies with the smallest settings; the finished process."""
    finished = subprocess.run(
        [
            sys.executable,
            "benchmarks/bench.py",
            "--count=12",
            "--requests=6",
            "--rounds=1",
            "--peer-requests=1",
            "--page-requests=2",
            "--quiet-wait=0",
            f"--results-dir={results}",
            f"--docs={docs}",
            f"--workdir={work}",
            *extra,
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert finished.returncode == 0, finished.stdout[-3000:] + finished.stderr[-3000:]
    return finished


def test_tiny_benchmark_writes_results_and_cleans_up(search_node, tmp_path):
    """A run at 12 case studies fills every section, regenerates the docs and removes its data."""
    results, docs, work = tmp_path / "results", tmp_path / "benchmarks.md", tmp_path / "work"
    finished = tiny_run(results, docs, work)
    prefix = re.search(r"index prefix (\S+)", finished.stdout).group(1)

    (path,) = results.glob("*-12.json")
    data = json.loads(path.read_text())
    assert data["generate"]["count"] == 12
    assert data["index"]["documents"] == 12
    assert data["index"]["floor_docs_per_s"] > 0
    assert data["index"]["parallel_floor_docs_per_s"] > 0
    assert data["index"]["rebuild_vs_parallel_floor"] > 0
    assert data["search"]["one_client"]["all"]["requests"] == 6
    assert data["search"]["eight_clients"]["all"]["requests"] == 12
    assert data["search"]["errors"] == 0
    assert data["search"]["one_client_first_round"]["requests"] == 6
    assert data["search"]["took"]["requests"] == 6
    assert data["search"]["peer"]["errors"] == 0
    assert data["pages"]["case_study"]["errors"] == 0
    assert data["pages"]["search"]["queries_constant"] is True
    assert all(rss > 0 for rss in data["memory"]["worker_peak_rss_kib"])
    assert data["memory"]["node_heap_used_bytes"] > 0
    slow = data["slow_node"]
    assert slow["errors"] == 0
    assert slow["backends"][-1] == "database"
    assert 1 <= slow["node_answers"] <= 5
    assert 0 < slow["node_max_ms"] <= slow["max_ms"]
    assert "| | 12 case studies |" in docs.read_text()

    assert list(work.iterdir()) == []
    leftovers = get_search_client().indices.get(index=f"{prefix}-*", allow_no_indices=True)
    assert list(leftovers) == []


@on_postgresql
def test_tiny_benchmark_measures_the_fallback_on_postgresql(search_node, tmp_path):
    """With --postgres-url the fallback is timed on PostgreSQL too and its database dropped."""
    url = os.environ["DATABASE_URL"]
    results, docs, work = tmp_path / "results", tmp_path / "benchmarks.md", tmp_path / "work"
    finished = tiny_run(results, docs, work, f"--postgres-url={url}")
    database = re.search(r"database (bench_\w+) for the fallback", finished.stdout).group(1)

    (path,) = results.glob("*-12.json")
    data = json.loads(path.read_text())
    assert data["postgresql"]["vectors"] == 12
    assert data["search"]["peer_postgresql"]["all"]["requests"] == 6
    assert data["search"]["peer_postgresql"]["errors"] == 0
    assert data["search"]["peer_postgresql_vs_sqlite"] > 0
    assert "| Database fallback p95 on PostgreSQL | ≤ 300 ms |" in docs.read_text()
    with psycopg.connect(url) as connection:
        left = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [database])
        assert left.fetchone() is None
