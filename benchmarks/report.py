"""Statistics, targets and the Markdown table of the benchmark: pure functions, no Django.

``bench.py`` measures and writes one JSON file per run; this module turns the latest run at each
size into ``docs/benchmarks.md``.
"""

import json
import math
from pathlib import Path

from benchmarks.targets import TARGETS, evaluate_targets, lookup

NOTES_MARKER = "<!-- Hand-written notes below this line are kept when the file is regenerated. -->"


def percentile(values, pct):
    """Linear-interpolated percentile of ``values`` (``pct`` from 0 to 100); None when empty."""
    ordered = sorted(values)
    if not ordered:
        return None
    rank = (len(ordered) - 1) * pct / 100
    low, high = math.floor(rank), math.ceil(rank)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def summarise(latencies_ms, seconds=None):
    """p50/p95/p99 (ms) and, given the wall time, requests per second."""
    summary = {
        "requests": len(latencies_ms),
        "p50_ms": _round(percentile(latencies_ms, 50)),
        "p95_ms": _round(percentile(latencies_ms, 95)),
        "p99_ms": _round(percentile(latencies_ms, 99)),
        "max_ms": _round(max(latencies_ms, default=None)),
    }
    if seconds:
        summary["req_per_s"] = round(len(latencies_ms) / seconds, 1)
    return summary


def _round(value, digits=1):
    return None if value is None else round(value, digits)


def latest_runs(results_dir):
    """The newest result file for each size, smallest size first."""
    runs = {}
    for path in sorted(Path(results_dir).glob("*.json")):
        data = json.loads(path.read_text())
        count = data.get("count")
        if data.get("error"):
            continue
        if count and (count not in runs or data["started_at"] >= runs[count]["started_at"]):
            runs[count] = {**data, "file": path.name}
    return [runs[count] for count in sorted(runs)]


def fmt(value, unit=""):
    """A figure for the table; a dash for what was not measured."""
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        # Ratios far below one (PostgreSQL against SQLite) would all round to 0.0.
        decimals = 2 if 0 < abs(value) < 0.1 else 1
        text = f"{value:,.{decimals}f}" if abs(value) < 1000 else f"{value:,.0f}"
    elif isinstance(value, int):
        text = f"{value:,}"
    else:
        text = str(value)
    return f"{text} {unit}".rstrip() if unit and unit != "x" else f"{text}{unit}"


def _mib(value):
    return None if value is None else round(value / 2**20, 1)


def _ratio(numerator, denominator):
    if numerator is None or not denominator:
        return None
    return round(numerator / denominator, 1)


# (label, function of a run → display text)
ROWS = [
    ("Case studies generated", lambda r: fmt(lookup(r, "generate.count"))),
    ("Generation time", lambda r: fmt(lookup(r, "generate.seconds"), "s")),
    ("Generation rate", lambda r: fmt(lookup(r, "generate.docs_per_s"), "pages/s")),
    ("Documents indexed", lambda r: fmt(lookup(r, "index.documents"))),
    (
        "Rebuild (bulk phase, as the command reports)",
        lambda r: fmt(lookup(r, "index.rebuild_seconds"), "s"),
    ),
    ("Rebuild rate", lambda r: fmt(lookup(r, "index.rebuild_docs_per_s"), "docs/s")),
    (
        "Rebuild command, wall clock (start-up, swap, catch-up)",
        lambda r: fmt(lookup(r, "index.command_seconds"), "s"),
    ),
    (
        "Preparing the documents in Python",
        lambda r: fmt(lookup(r, "index.prepare_docs_per_s"), "docs/s"),
    ),
    (
        "Floor: raw streaming_bulk of the prepared documents (1 request in flight)",
        lambda r: fmt(lookup(r, "index.floor_docs_per_s"), "docs/s"),
    ),
    ("Rebuild time ÷ floor time", lambda r: fmt(lookup(r, "index.rebuild_vs_floor"), "x")),
    (
        "Stricter floor: raw parallel_bulk (as many requests in flight as the rebuild)",
        lambda r: fmt(lookup(r, "index.parallel_floor_docs_per_s"), "docs/s"),
    ),
    (
        "Rebuild time ÷ stricter floor time",
        lambda r: fmt(lookup(r, "index.rebuild_vs_parallel_floor"), "x"),
    ),
    ("Index size on the node", lambda r: fmt(_mib(lookup(r, "index.store_bytes")), "MiB")),
    ("API, 1 client: p50 / p95 / p99", lambda r: _triple(lookup(r, "search.one_client.all"))),
    (
        "API, 1 client, first round (request cache emptied): p50 / p95 / p99",
        lambda r: _triple(lookup(r, "search.one_client_first_round")),
    ),
    (
        "API, 1 client: throughput",
        lambda r: fmt(lookup(r, "search.one_client.all.req_per_s"), "req/s"),
    ),
    ("API, 8 clients: p50 / p95 / p99", lambda r: _triple(lookup(r, "search.eight_clients.all"))),
    (
        "API, 8 clients: throughput",
        lambda r: fmt(lookup(r, "search.eight_clients.all.req_per_s"), "req/s"),
    ),
    ("API errors (every round)", lambda r: fmt(lookup(r, "search.errors"))),
    ("Floor: Elasticsearch `took` p50 / p95 / p99", lambda r: _triple(lookup(r, "search.took"))),
    ("In-process search service p50 / p95", lambda r: _pair(lookup(r, "search.in_process"))),
    ("App overhead (API - took) p50 / p95", lambda r: _pair(lookup(r, "search.overhead"))),
    ("Ratio app ÷ floor (p50)", lambda r: fmt(lookup(r, "search.app_vs_floor"), "x")),
    ("Peer: database fallback p50 / p95", lambda r: _pair(lookup(r, "search.peer.all"))),
    ("Ratio peer ÷ app (p50)", lambda r: fmt(lookup(r, "search.peer_vs_app"), "x")),
    ("Peer errors", lambda r: fmt(lookup(r, "search.peer.errors"))),
    (
        "Peer on PostgreSQL (full-text search) p50 / p95",
        lambda r: _pair(lookup(r, "search.peer_postgresql.all")),
    ),
    (
        "Peer p95: PostgreSQL ÷ SQLite",
        lambda r: fmt(lookup(r, "search.peer_postgresql_vs_sqlite"), "x"),
    ),
    ("Peer on PostgreSQL errors", lambda r: fmt(lookup(r, "search.peer_postgresql.errors"))),
    (
        "PostgreSQL: generation with full-text vectors",
        lambda r: fmt(lookup(r, "postgresql.generate_docs_per_s"), "pages/s"),
    ),
    (
        "PostgreSQL: full-text vectors stored / table and GIN index size",
        lambda r: _vectors(r),
    ),
    ("Case study page p50 / p95", lambda r: _pair(lookup(r, "pages.case_study"))),
    ("Case study page SQL queries", lambda r: _span(lookup(r, "pages.case_study.queries"))),
    ("Search page p50 / p95", lambda r: _pair(lookup(r, "pages.search"))),
    ("Search page SQL queries (1 result per page / 50)", lambda r: _search_queries(r)),
    (
        "Gunicorn worker peak RSS (VmHWM)",
        lambda r: _workers(lookup(r, "memory.worker_peak_rss_kib")),
    ),
    ("Node heap in use / max", lambda r: _heap(r)),
]


def _triple(summary):
    if not summary:
        return "-"
    return " / ".join(fmt(summary.get(key)) for key in ("p50_ms", "p95_ms", "p99_ms")) + " ms"


def _pair(summary):
    if not summary:
        return "-"
    return " / ".join(fmt(summary.get(key)) for key in ("p50_ms", "p95_ms")) + " ms"


def _span(values):
    if not values:
        return "-"
    low, high = min(values), max(values)
    return f"{low}" if low == high else f"{low}-{high}"


def _search_queries(run):
    by_kind = lookup(run, "pages.search.queries") or {}
    if not by_kind:
        return "-"
    small = _span([counts["page_size_1"] for counts in by_kind.values()])
    large = _span([counts["page_size_50"] for counts in by_kind.values()])
    return f"{small} / {large}"


def _workers(values):
    if not values:
        return "-"
    return ", ".join(fmt(_mib(value * 1024), "MiB") for value in values)


def _vectors(run):
    vectors = lookup(run, "postgresql.vectors")
    size = _mib(lookup(run, "postgresql.vector_table_bytes"))
    return "-" if vectors is None else f"{fmt(vectors)} / {fmt(size, 'MiB')}"


def _heap(run):
    used = _mib(lookup(run, "memory.node_heap_used_bytes"))
    most = _mib(lookup(run, "memory.node_heap_max_bytes"))
    return "-" if used is None else f"{fmt(used)} / {fmt(most)} MiB"


def _mark(met):
    return {True: "**met**", False: "**missed**", None: "not measured"}[met]


def render_markdown(runs, notes=""):
    """The whole ``docs/benchmarks.md`` for the given runs (one column per size)."""
    header = "| | " + " | ".join(f"{run['count']:,} case studies" for run in runs) + " |"
    rule = "|---|" + "---|" * len(runs)
    lines = [
        "# Benchmarks",
        "",
        "Generated by `make bench` (100,000 case studies) and `make bench-quick` (10,000) from the",
        "newest file per size in `benchmarks/results/`. Every figure below was measured by",
        "`benchmarks/bench.py` on the machine described; nothing is estimated. Hand-written notes",
        "follow the tables.",
        "",
        "- **Floor** is what Python cannot beat: Elasticsearch's own `took` for the same searches,",
        "  and a raw `helpers.streaming_bulk` of the same prepared documents for indexing (the",
        "  issue's floor); a stricter `helpers.parallel_bulk` with as many requests in flight as",
        "  the rebuild is shown beside it.",
        "- **Peer** is the project's database fallback (the same facets counted by the ORM, as a",
        "  Wagtail site without Elasticsearch would do), served by a second gunicorn whose",
        "  Elasticsearch URL points at a closed port: on the SQLite file, and (with",
        "  `--postgres-url`) on PostgreSQL with its full-text vectors, over the same generated",
        "  case studies and the same requests.",
        "- Search latency is measured through gunicorn (`gunicorn.conf.py`, 2 workers, production",
        "  settings) on a loopback port, with a fixed seeded mix: empty query with every facet,",
        "  one word, three words, a word plus two facet filters, budget sort, page 5.",
        "- The 1- and 8-client runs are repeated (see rounds); the table shows the round with the",
        "  lowest p95, and errors are counted over every round. The JSON files hold every round.",
        "",
        "## Machine and versions",
        "",
        header,
        rule,
    ]
    for label, path in (
        ("Run started", "started_at"),
        ("CPU", "machine.cpu"),
        ("Cores", "machine.cores"),
        ("Memory", "machine.memory_gib"),
        ("OS", "machine.os"),
        ("Python", "versions.python"),
        ("Django", "versions.django"),
        ("Wagtail", "versions.wagtail"),
        ("Elasticsearch node", "versions.elasticsearch_node"),
        ("Node JVM", "versions.jvm"),
        ("elasticsearch client", "versions.elasticsearch_client"),
        ("gunicorn", "versions.gunicorn"),
        ("SQLite", "versions.sqlite"),
        ("PostgreSQL (fallback peer)", "postgresql.server_version"),
        ("Database", "database"),
        ("Load average (1 min) at start / before 1 client / before 8 clients", None),
        ("Latency rounds", "rounds"),
        ("Result file", "file"),
    ):
        if path is None:
            cells = [_loads(run) for run in runs]
        else:
            cells = [
                fmt(lookup(run, path), "GiB" if path == "machine.memory_gib" else "")
                for run in runs
            ]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    lines += ["", "## Results", "", header, rule]
    for label, cell in ROWS:
        lines.append(f"| {label} | " + " | ".join(cell(run) for run in runs) + " |")
    lines += [
        "",
        "## Targets",
        "",
        "The targets are set for 100,000 case studies on this 2-core machine; the smaller run is",
        "marked against the same limits for reference.",
        "",
        "| Target | Limit | " + " | ".join(f"{run['count']:,}" for run in runs) + " |",
        "|---|---|" + "---|" * len(runs),
    ]
    evaluated = [evaluate_targets(run) for run in runs]
    for index, (_key, label, *_rest) in enumerate(TARGETS):
        target = evaluated[0][index]["target"] if evaluated else ""
        cells = [
            f"{fmt(targets[index]['value'], targets[index]['unit'])} {_mark(targets[index]['met'])}"
            for targets in evaluated
        ]
        lines.append(f"| {label} | {target} | " + " | ".join(cells) + " |")
    lines += ["", "## Per query kind (1 client, p50 / p95)", "", header, rule]
    kinds = list(lookup(runs[-1], "search.one_client.by_kind") or {}) if runs else []
    for kind in kinds:
        cells = []
        for run in runs:
            api = lookup(run, f"search.one_client.by_kind.{kind}")
            took = lookup(run, f"search.took_by_kind.{kind}")
            peer = lookup(run, f"search.peer.by_kind.{kind}")
            postgres = lookup(run, f"search.peer_postgresql.by_kind.{kind}")
            cells.append(
                f"API {_pair(api)}; took {_pair(took)}; peer {_pair(peer)}; "
                f"peer on PostgreSQL {_pair(postgres)}"
            )
        lines.append(f"| {kind} | " + " | ".join(cells) + " |")
    lines += ["", NOTES_MARKER, notes.strip("\n"), ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def _loads(run):
    values = [
        lookup(run, "load.start"),
        lookup(run, "load.before_one_client"),
        lookup(run, "load.before_eight_clients"),
    ]
    return " / ".join(fmt(value) for value in values)


def existing_notes(docs_path):
    """The hand-written part of an existing ``docs/benchmarks.md`` (after the marker)."""
    path = Path(docs_path)
    if not path.exists():
        return ""
    text = path.read_text()
    return text.split(NOTES_MARKER, 1)[1] if NOTES_MARKER in text else ""


def write_docs(results_dir, docs_path):
    """Regenerate ``docs_path`` from the newest result per size, keeping the notes."""
    runs = latest_runs(results_dir)
    Path(docs_path).write_text(render_markdown(runs, existing_notes(docs_path)))
    return runs
