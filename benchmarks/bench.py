"""Benchmark search and indexing at N case studies, beside the floor and the peer.

    .venv/bin/python benchmarks/bench.py --count 100000      (make bench)
    .venv/bin/python benchmarks/bench.py --count 10000       (make bench-quick)
    ... --postgres-url postgres://role:password@127.0.0.1:5433/councils

In one run, on a separate SQLite database and index prefix (both removed afterwards, also on
failure or Ctrl-C): generate N case studies, time ``search_index --rebuild`` beside a raw
``streaming_bulk`` of the same documents, measure the search API through gunicorn with 1 and 8
clients beside Elasticsearch's ``took`` and the database fallback, time the case study and
search pages and count their SQL queries, read worker and node memory, time searches against a
node slowed to just under the client timeout (through a loopback proxy), then write
``benchmarks/results/<date>-<N>.json`` and regenerate ``docs/benchmarks.md``.

With ``--postgres-url`` the fallback is measured on PostgreSQL too: the same N case studies
(same seed) in a throwaway database on that cluster (created and dropped by the run), their
full-text vectors filled by the generator, and the same peer requests through gunicorn.
"""

import argparse
import http.client
import itertools
import json
import os
import platform
import random
import re
import secrets
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from datetime import datetime
from importlib.metadata import version
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.report import percentile, summarise, write_docs  # noqa: E402

PYTHON = sys.executable
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
# Seconds a slow node holds back each answer: just under the 2 s client timeout.
SLOW_NODE_DELAY = 1.8
HOST = "127.0.0.1"


def say(message):
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


class Bench:
    """One benchmark run: its database, index prefix, servers and results."""

    def __init__(self, args):
        self.args = args
        self.run_id = secrets.token_hex(4)
        self.workdir = Path(args.workdir or ROOT / "var" / "bench") / f"run-{self.run_id}"
        self.prefix = f"bench-{self.run_id}"
        self.servers = []
        self.postgres_database = None
        self.results = {
            "count": args.count,
            "seed": args.seed,
            "started_at": datetime.now().astimezone().isoformat(timespec="seconds"),
            "rounds": args.rounds,
            "load": {"start": round(os.getloadavg()[0], 2)},
        }

    # -- environment ------------------------------------------------------------------------

    def environment(self):
        """Production settings on a throwaway database, media folder and index prefix."""
        self.workdir.mkdir(parents=True)
        env = {
            "DJANGO_SETTINGS_MODULE": "network_site.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(32),
            "DATABASE_URL": f"sqlite:///{self.workdir / 'bench.sqlite3'}",
            "VAR_DIR": str(self.workdir),
            "STATIC_ROOT": str(self.workdir / "static"),
            "SEARCH_INDEX_PREFIX": self.prefix,
            # Plain HTTP on loopback: no TLS proxy in front of the benchmark's gunicorn.
            "SECURE_SSL_REDIRECT": "false",
            "ALLOWED_HOSTS": f"{HOST},localhost,testserver",
            "SITE_URL": f"http://{HOST}",
            "LOG_LEVEL": "WARNING",
            # The benchmark is one client on loopback: the limiter still runs, but never refuses.
            "SEARCH_RATE_LIMIT": "10000000/m",
            "SEARCH_SUGGEST_RATE_LIMIT": "10000000/m",
            "PYTHONUNBUFFERED": "1",
        }
        os.environ.update(env)
        self.results["database"] = "SQLite file (DATABASE_URL), production settings"
        return env

    def manage(self, *command, show_every=2.0, env=None):
        """Run ``manage.py`` with live output (progress lines thinned); returns (seconds, lines)."""
        started = time.perf_counter()
        process = subprocess.Popen(
            [PYTHON, "manage.py", *command],
            cwd=ROOT,
            env={**os.environ, **(env or {})},
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        lines, last_shown = [], 0.0
        for line in process.stdout:
            line = line.rstrip()
            lines.append(line)
            now = time.perf_counter()
            # Indented lines are progress: at most one every ``show_every`` seconds.
            if not line.startswith("  ") or now - last_shown >= show_every:
                print(f"    {line}", flush=True)
                last_shown = now
        if process.wait():
            tail = "\n".join(lines[-20:])
            raise RuntimeError(f"manage.py {' '.join(command)} failed:\n{tail}")
        return time.perf_counter() - started, lines

    # -- steps ------------------------------------------------------------------------------

    def prepare(self):
        say(f"Database {self.workdir / 'bench.sqlite3'}, index prefix {self.prefix}")
        seconds, _ = self.manage("migrate", "--noinput")
        self.results["migrate_seconds"] = round(seconds, 1)
        self.manage("createcachetable")
        say(f"Migrated in {seconds:.1f}s; collecting static files for production settings …")
        self.manage("collectstatic", "--noinput")

    def generate(self):
        count = self.args.count
        say(f"Generating {count:,} case studies (seed {self.args.seed}) …")
        seconds, _ = self.manage(
            "generate_case_studies", "--count", str(count), "--seed", str(self.args.seed)
        )
        self.results["generate"] = {
            "count": count,
            "seconds": round(seconds, 1),
            "docs_per_s": round(count / seconds, 1),
        }
        say(f"Generated {count:,} in {seconds:.1f}s (whole command, start-up included)")

    def warm_node(self):
        """Create, use and drop an index with the same analysers before anything is timed.

        A node restarted just before the run is cold; its first index and analysis would
        otherwise be charged to the rebuild.
        """
        from search.index_names import alias_name
        from search.indices import batch_client, create_index

        client = batch_client()
        name = f"{alias_name()}-warmup"
        started = time.perf_counter()
        create_index(client, name)
        client.indices.analyze(index=name, field="summary", text="Volunteers run cupboards")
        client.indices.delete(index=name)
        say(f"Node warmed up (index with the same analysers: {time.perf_counter() - started:.1f}s)")

    def rebuild(self):
        self.warm_node()
        say("Rebuilding the index: manage.py search_index --rebuild …")
        seconds, lines = self.manage("search_index", "--rebuild")
        index = {"command_seconds": round(seconds, 1)}
        reported = next(
            (
                match
                for line in lines
                if (match := re.search(r"Indexed ([\d,]+) .* in ([\d.]+)s", line))
            ),
            None,
        )
        if reported:
            documents = int(reported.group(1).replace(",", ""))
            bulk_seconds = float(reported.group(2))
            index.update(
                documents=documents,
                rebuild_seconds=bulk_seconds,
                rebuild_docs_per_s=round(documents / bulk_seconds, 1) if bulk_seconds else None,
            )
        self.results["index"] = index
        say(f"Rebuild command took {seconds:.1f}s in all")

    def floor_bulk(self):
        """Raw bulk loads of the same documents into throwaway indices: the indexing floors.

        The issue's floor is ``streaming_bulk`` (one request in flight). A stricter one sends as
        many requests at once as the rebuild (``parallel_bulk``), so its ratio shows only what
        the rebuild adds (reading the database, building documents, the force-merge).
        """
        from elasticsearch import helpers

        from casestudies.documents import case_studies_to_index
        from search.index_names import alias_name
        from search.indices import batch_client
        from search.sync import BULK_CHUNK_SIZE, BULK_SENDERS, iter_sources

        say("Preparing the same documents in process (for the floors) …")
        started = time.perf_counter()
        documents = list(iter_sources(case_studies_to_index()))
        prepare = time.perf_counter() - started
        index = self.results["index"]
        index["prepare_seconds"] = round(prepare, 2)
        index["prepare_docs_per_s"] = round(len(documents) / prepare, 1) if prepare else None
        say(f"Prepared {len(documents):,} documents in {prepare:.1f}s")

        floors = {
            "floor": (
                "raw streaming_bulk (1 request in flight)",
                lambda client, actions: helpers.streaming_bulk(
                    client, actions, chunk_size=BULK_CHUNK_SIZE
                ),
            ),
            "parallel_floor": (
                f"raw parallel_bulk ({BULK_SENDERS} requests in flight, as the rebuild)",
                lambda client, actions: helpers.parallel_bulk(
                    client, actions, thread_count=BULK_SENDERS, chunk_size=BULK_CHUNK_SIZE
                ),
            ),
        }
        for key, (label, bulk) in floors.items():
            seconds = self.raw_ingest(documents, f"{alias_name()}-{key.replace('_', '-')}", bulk)
            index[f"{key}_seconds"] = round(seconds, 2)
            index[f"{key}_docs_per_s"] = round(len(documents) / seconds, 1)
            if index.get("rebuild_seconds"):
                index[f"rebuild_vs_{key}"] = round(index["rebuild_seconds"] / seconds, 2)
            say(f"Floor, {label}: {len(documents):,} documents in {seconds:.1f}s")
        index["floor_senders"] = BULK_SENDERS
        stats = batch_client().indices.stats(index=alias_name(), metric="store")
        index["store_bytes"] = stats["_all"]["primaries"]["store"]["size_in_bytes"]

    @staticmethod
    def raw_ingest(documents, name, bulk):
        """Seconds for ``bulk`` to load ``documents`` into a new index ``name`` and refresh it."""
        from search.indices import batch_client, create_index
        from search.sync import BULK_CHUNK_SIZE

        client = batch_client()
        create_index(client, name, for_bulk=True)
        actions = ({"_index": name, "_id": doc["page_id"], "_source": doc} for doc in documents)
        started = time.perf_counter()
        try:
            for done, (ok, item) in enumerate(bulk(client, actions), start=1):
                if not ok:
                    raise RuntimeError(f"Floor bulk failed: {item}")
                if done % (BULK_CHUNK_SIZE * 20) == 0:
                    say(f"    {name}: {done:,}/{len(documents):,}")
            client.indices.put_settings(index=name, settings={"refresh_interval": "1s"})
            client.indices.refresh(index=name)
            return time.perf_counter() - started
        finally:
            client.indices.delete(index=name, ignore_unavailable=True)

    # -- the query mix ----------------------------------------------------------------------

    def query_mix(self, size, rng):
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

    # -- HTTP -------------------------------------------------------------------------------

    def start_server(self, name, **env):
        """gunicorn with the project's config and 2 workers on a free loopback port."""
        port = free_port()
        log = open(self.workdir / f"gunicorn-{name}.log", "w")  # noqa: SIM115
        process = subprocess.Popen(
            [PYTHON, "-m", "gunicorn", "--config", "gunicorn.conf.py", "network_site.wsgi"],
            cwd=ROOT,
            env={**os.environ, "GUNICORN_BIND": f"{HOST}:{port}", "GUNICORN_WORKERS": "2", **env},
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.servers.append(process)
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise RuntimeError(f"gunicorn ({name}) exited; see {log.name}")
            connection = http.client.HTTPConnection(HOST, port, timeout=5)
            try:
                status, _ = fetch(connection, "/healthz")
                if status == 200 and len(children(process.pid)) == 2:
                    break
            except (OSError, http.client.HTTPException):
                pass
            finally:
                connection.close()
            time.sleep(0.5)
        else:
            raise RuntimeError(f"gunicorn ({name}) did not answer within 90s")
        say(f"gunicorn ({name}) on {HOST}:{port}, workers {children(process.pid)}")
        return process, port

    def stop_server(self, process):
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()

    def load(self, port, requests, clients, label, backend=""):
        """Send ``requests`` ((kind, path) pairs) from ``clients`` threads; latencies in ms."""
        results = [None] * len(requests)
        counter = itertools.count()
        lock = threading.Lock()

        def client():
            connection = http.client.HTTPConnection(HOST, port, timeout=60)
            while True:
                with lock:
                    index = next(counter)
                if index >= len(requests):
                    break
                _kind, path = requests[index]
                started = time.perf_counter()
                try:
                    status, body = fetch(connection, path)
                    elapsed = time.perf_counter() - started
                    # Checked outside the timing: parsing the answer is the client's cost.
                    error = None if status == 200 else f"HTTP {status}"
                    if error is None and backend and answered_by(body) != backend:
                        error = "unexpected backend"
                except (OSError, http.client.HTTPException) as exc:
                    elapsed = time.perf_counter() - started
                    error = type(exc).__name__
                    connection.close()
                results[index] = (elapsed * 1000, error)
            connection.close()

        threads = [threading.Thread(target=client, daemon=True) for _ in range(clients)]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        while alive := [thread for thread in threads if thread.is_alive()]:
            alive[0].join(2)
            done = sum(result is not None for result in results)
            print(f"    {label}: {done}/{len(requests)} requests", flush=True)
        seconds = time.perf_counter() - started
        return results, seconds

    def measured(self, requests, results, seconds):
        """Summary overall and per kind, plus the errors by reason."""
        latencies = [latency for latency, _error in results]
        by_kind = {}
        for (kind, _path), (latency, _error) in zip(requests, results, strict=True):
            by_kind.setdefault(kind, []).append(latency)
        errors = {}
        for _latency, error in results:
            if error:
                errors[error] = errors.get(error, 0) + 1
        return {
            "all": summarise(latencies, seconds),
            "by_kind": {kind: summarise(by_kind[kind]) for kind in KINDS if kind in by_kind},
            "errors": sum(errors.values()),
            "error_reasons": errors,
            "load_after": round(os.getloadavg()[0], 2),
        }

    def wait_for_quiet(self, key):
        """Wait (bounded) for the 1-minute load to settle, and record it."""
        deadline = time.monotonic() + self.args.quiet_wait
        threshold = self.args.quiet_load
        while os.getloadavg()[0] > threshold and time.monotonic() < deadline:
            say(f"    load {os.getloadavg()[0]:.2f} > {threshold}: waiting for a quieter machine")
            time.sleep(10)
        self.results["load"][key] = round(os.getloadavg()[0], 2)

    def rounds(self, port, requests, clients, label, key):
        """Repeat a latency run; keep every round, report the one with the lowest p95."""
        runs = []
        for number in range(1, self.args.rounds + 1):
            self.wait_for_quiet(f"before_{key}" if number == 1 else f"before_{key}_{number}")
            if number == 1 and key == "one_client":
                clear_request_cache()
            results, seconds = self.load(
                port, requests, clients, f"{label} round {number}", "elasticsearch"
            )
            run = self.measured(requests, results, seconds)
            run["load_before"] = self.results["load"][
                f"before_{key}" if number == 1 else f"before_{key}_{number}"
            ]
            runs.append((run, results))
            say(
                f"{label} round {number}: p50 {run['all']['p50_ms']} ms, p95 "
                f"{run['all']['p95_ms']} ms, {run['all']['req_per_s']} req/s, "
                f"{run['errors']} errors"
            )
        best, best_results = min(runs, key=lambda pair: pair[0]["all"]["p95_ms"])
        return {**best, "rounds": [run for run, _ in runs]}, best_results

    def search_latency(self, port):
        rng = random.Random(self.args.seed)
        api = [
            (kind, "/api/search/?" + urlencode(params))
            for kind, params in self.query_mix(self.args.requests, rng)
        ]
        say(f"Warming up ({len(KINDS) * 4} requests) …")
        self.load(port, [api[i % len(api)] for i in range(len(KINDS) * 4)], 2, "warm-up")

        say(f"Search API, 1 client, {len(api)} requests x {self.args.rounds} round(s) …")
        one, one_results = self.rounds(port, api, 1, "1 client", "one_client")
        eight_requests = api * 2
        say(f"Search API, 8 clients, {len(eight_requests)} requests …")
        eight, _ = self.rounds(port, eight_requests, 8, "8 clients", "eight_clients")
        search = {"one_client": one, "eight_clients": eight}
        # Facet counts are cached by the node; its cache was emptied before this round.
        search["one_client_first_round"] = one["rounds"][0]["all"]
        search["errors"] = sum(run["errors"] for run in one["rounds"] + eight["rounds"])
        search.update(self.floor_took(api, one_results))
        self.results["search"] = search
        return api

    def floor_took(self, api, one_results):
        """The same requests in process: Elasticsearch's ``took`` and the service's own time."""
        from django.http import QueryDict

        from search import service
        from search.params import SearchParams

        say("Floor: Elasticsearch took for the same requests, in process …")
        took, in_process, by_kind = [], [], {}
        for kind, path in api:
            params = SearchParams.from_querydict(QueryDict(path.split("?", 1)[1]))
            started = time.perf_counter()
            result = service.ELASTICSEARCH.search(params)
            in_process.append((time.perf_counter() - started) * 1000)
            took.append(result.took_ms)
            by_kind.setdefault(kind, []).append(result.took_ms)
        latencies = [latency for latency, _error in one_results]
        overhead = [latency - ms for latency, ms in zip(latencies, took, strict=True)]
        floor_p50 = percentile(took, 50)
        return {
            "took": summarise(took),
            "took_by_kind": {kind: summarise(by_kind[kind]) for kind in KINDS if kind in by_kind},
            "in_process": summarise(in_process),
            "overhead": summarise(overhead),
            "app_vs_floor": round(percentile(latencies, 50) / floor_p50, 1) if floor_p50 else None,
        }

    def peer_requests(self, api):
        """The first ``--peer-requests`` requests of each kind."""
        per_kind = {}
        for kind, path in api:
            per_kind.setdefault(kind, [])
            if len(per_kind[kind]) < self.args.peer_requests:
                per_kind[kind].append((kind, path))
        return [pair for pairs in per_kind.values() for pair in pairs]

    def fallback(self, name, requests, **env):
        """The database fallback through the same HTTP stack, with the node unreachable."""
        with socket.socket() as closed:
            closed.bind((HOST, 0))
            dead = f"http://{HOST}:{closed.getsockname()[1]}"
            process, port = self.start_server(name, ELASTICSEARCH_URL=dead, **env)
            say(f"{name}: database fallback, 1 client, {len(requests)} requests …")
            # One request per worker first: it trips the breaker (connection refused).
            self.load(port, requests[:2], 2, f"{name} warm-up")
            results, seconds = self.load(port, requests, 1, name, "database")
            self.stop_server(process)
        return self.measured(requests, results, seconds)

    def peer(self, api):
        peer = self.fallback("peer", self.peer_requests(api))
        search = self.results["search"]
        search["peer"] = peer
        app_p50 = search["one_client"]["all"]["p50_ms"]
        search["peer_vs_app"] = round(peer["all"]["p50_ms"] / app_p50, 1) if app_p50 else None
        say(f"Peer p50 {peer['all']['p50_ms']} ms, p95 {peer['all']['p95_ms']} ms")

    def postgres_peer(self, api):
        """The same fallback requests on PostgreSQL (full-text search) over the same content."""
        import psycopg
        from psycopg import sql

        base = self.args.postgres_url
        name = f"bench_{self.run_id}"
        with psycopg.connect(base, autocommit=True) as admin:
            server_version = admin.execute("SHOW server_version").fetchone()[0]
            admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        self.postgres_database = name
        url = with_database(base, name)
        env = {"DATABASE_URL": url}
        say(f"PostgreSQL {server_version}: database {name} for the fallback …")
        migrate_seconds, _ = self.manage("migrate", "--noinput", env=env)
        self.manage("createcachetable", env=env)
        say(f"Generating {self.args.count:,} case studies on PostgreSQL (vectors included) …")
        generate_seconds, _ = self.manage(
            "generate_case_studies",
            "--count",
            str(self.args.count),
            "--seed",
            str(self.args.seed),
            env=env,
        )
        with psycopg.connect(url, autocommit=True) as connection:
            # A freshly loaded table has no planner statistics until autovacuum comes by.
            started = time.perf_counter()
            connection.execute("VACUUM ANALYZE")
            analyze_seconds = time.perf_counter() - started
            vectors = connection.execute("SELECT count(*) FROM search_searchtext").fetchone()[0]
            table_bytes = connection.execute(
                "SELECT pg_total_relation_size('search_searchtext')"
            ).fetchone()[0]
        self.results["postgresql"] = {
            "server_version": server_version,
            "migrate_seconds": round(migrate_seconds, 1),
            "generate_seconds": round(generate_seconds, 1),
            "generate_docs_per_s": round(self.args.count / generate_seconds, 1),
            "analyze_seconds": round(analyze_seconds, 1),
            "vectors": vectors,
            "vector_table_bytes": table_bytes,
        }
        say(f"Generated in {generate_seconds:.1f}s, {vectors:,} vectors; analysed")
        peer = self.fallback("peer-postgresql", self.peer_requests(api), **env)
        search = self.results["search"]
        search["peer_postgresql"] = peer
        sqlite_p95 = search["peer"]["all"]["p95_ms"]
        pg_p95 = peer["all"]["p95_ms"]
        search["peer_postgresql_vs_sqlite"] = round(pg_p95 / sqlite_p95, 3) if sqlite_p95 else None
        say(f"Peer on PostgreSQL p50 {peer['all']['p50_ms']} ms, p95 {pg_p95} ms")

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
        self.load(port, case_requests[:10] + search_requests[:10], 1, "page warm-up")
        pages = {}
        for name, requests in (("case_study", case_requests), ("search", search_requests)):
            results, seconds = self.load(port, requests, 1, f"{name} pages")
            measured = self.measured(requests, results, seconds)
            pages[name] = {**measured["all"], "errors": measured["errors"]}
        pages["case_study"]["queries"] = self.case_study_queries(urls.values())
        pages["search"].update(self.search_page_queries())
        self.results["pages"] = pages
        say(
            f"Case study page p95 {pages['case_study']['p95_ms']} ms, search page p95 "
            f"{pages['search']['p95_ms']} ms"
        )

    def case_study_queries(self, urls):
        urls = list(urls)[:10]
        count_queries(urls[0])  # Fills the per-process caches (site roots) first.
        return [count_queries(url) for url in urls]

    def search_page_queries(self):
        """Queries per search page kind with 1 and 50 results a page: constant means equal."""
        rng = random.Random(self.args.seed + 2)
        count_queries("/search/")
        counts = {}
        for kind, params in self.query_mix(len(KINDS), rng):
            counts[kind] = {
                f"page_size_{size}": count_queries(
                    "/search/?" + urlencode({**params, "page_size": size})
                )
                for size in (1, 50)
            }
        constant = all(c["page_size_1"] == c["page_size_50"] for c in counts.values())
        return {"queries": counts, "queries_constant": constant}

    def slow_node(self):
        """Searches through gunicorn to a node answering just under the timeout: what each
        costs, and how many reach the node before the breaker sends the rest to the database."""
        from search import breaker
        from tests.helpers.tcp_proxy import TcpProxy

        breaker.reset()  # the peer's dead node opened it, in the cache every server shares
        upstream = urlsplit(os.environ.get("ELASTICSEARCH_URL", "http://127.0.0.1:9200"))
        proxy = TcpProxy(upstream.hostname, upstream.port, delay=SLOW_NODE_DELAY).up()
        say(f"Slow node: {len(ONE_WORD)} searches, each answer held back {SLOW_NODE_DELAY}s …")
        process, port = self.start_server("slow-node", ELASTICSEARCH_URL=proxy.url)
        latencies, backends = [], []
        connection = http.client.HTTPConnection(HOST, port, timeout=60)
        try:
            for word in ONE_WORD:
                started = time.perf_counter()
                status, body = fetch(connection, "/api/search/?" + urlencode({"q": word}))
                latencies.append((time.perf_counter() - started) * 1000)
                backends.append(answered_by(body) if status == 200 else f"HTTP {status}")
        finally:
            connection.close()
            self.stop_server(process)
            proxy.down()
            # The breaker's state is in the run's shared cache: leave it closed.
            breaker.reset()
        self.results["slow_node"] = {
            "delay_s": SLOW_NODE_DELAY,
            "max_ms": round(max(latencies), 1),
            "latencies_ms": [round(latency, 1) for latency in latencies],
            "backends": backends,
            "node_answers": backends.count("elasticsearch"),
            "errors": sum(backend not in {"elasticsearch", "database"} for backend in backends),
        }
        say(f"Slow node: slowest {max(latencies):.0f} ms; answered by {backends}")

    def memory(self, process):
        from search.client import get_search_client

        workers = children(process.pid)
        self.results["memory"] = {
            "worker_peak_rss_kib": [vm_hwm(pid) for pid in workers],
        }
        stats = get_search_client().nodes.stats(metric="jvm")
        node = next(iter(stats["nodes"].values()))
        self.results["memory"].update(
            node_heap_used_bytes=node["jvm"]["mem"]["heap_used_in_bytes"],
            node_heap_max_bytes=node["jvm"]["mem"]["heap_max_in_bytes"],
        )

    def facts(self):
        from search.client import get_search_client

        info = get_search_client().nodes.info(metric="jvm,os")
        node = next(iter(info["nodes"].values()))
        self.results["machine"] = machine_facts()
        self.results["versions"] = {
            "python": platform.python_version(),
            "django": version("django"),
            "wagtail": version("wagtail"),
            "elasticsearch_client": version("elasticsearch"),
            "gunicorn": version("gunicorn"),
            "sqlite": sqlite3.sqlite_version,
            "elasticsearch_node": node["version"],
            "jvm": f"{node['jvm']['vm_name']} {node['jvm']['version']}",
        }

    # -- the run ----------------------------------------------------------------------------

    def run(self):
        self.environment()
        self.prepare()
        import django

        django.setup()
        self.facts()
        self.generate()
        self.rebuild()
        self.floor_bulk()
        process, port = self.start_server("app")
        api = self.search_latency(port)
        self.pages(port, api)
        self.memory(process)
        self.stop_server(process)
        self.peer(api)
        self.slow_node()
        if self.args.postgres_url:
            self.postgres_peer(api)
        self.results["load"]["end"] = round(os.getloadavg()[0], 2)
        self.results["finished_at"] = datetime.now().astimezone().isoformat(timespec="seconds")
        return self.save()

    def save(self, error=None):
        """Write the results; a failed run's partial figures go to a ``-failed`` file."""
        results_dir = Path(self.args.results_dir)
        results_dir.mkdir(parents=True, exist_ok=True)
        name = f"{datetime.now():%Y-%m-%d}-{self.args.count}"
        if error:
            self.results["error"] = error
            name += "-failed"
        path = results_dir / f"{name}.json"
        path.write_text(json.dumps(self.results, indent=2) + "\n")
        say(f"Wrote {path}")
        if self.args.docs and not error:
            write_docs(results_dir, self.args.docs)
            say(f"Regenerated {self.args.docs}")
        return path

    def cleanup(self):
        """Stop our servers, delete our indices and the benchmark database."""
        for process in self.servers:
            self.stop_server(process)
        try:
            from elasticsearch import Elasticsearch

            client = Elasticsearch(os.environ.get("ELASTICSEARCH_URL", "http://127.0.0.1:9200"))
            names = list(client.indices.get(index=f"{self.prefix}-*", allow_no_indices=True))
            if names:
                # The node refuses wildcard deletes: name every index.
                client.indices.delete(index=",".join(names), ignore_unavailable=True)
            say(f"Removed {len(names)} benchmark index(es)")
        except Exception as error:  # Report, and still remove the database.
            say(f"Could not remove the benchmark indices ({self.prefix}-*): {error}")
        if self.postgres_database:
            self.drop_postgres_database()
        if self.args.keep:
            say(f"Kept {self.workdir} (--keep)")
        else:
            shutil.rmtree(self.workdir, ignore_errors=True)
            say(f"Removed {self.workdir}")

    def drop_postgres_database(self):
        import psycopg
        from psycopg import sql

        try:
            with psycopg.connect(self.args.postgres_url, autocommit=True) as admin:
                admin.execute(
                    sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                        sql.Identifier(self.postgres_database)
                    )
                )
            say(f"Dropped the PostgreSQL database {self.postgres_database}")
        except Exception as error:  # Report, and still remove the rest.
            say(f"Could not drop the PostgreSQL database {self.postgres_database}: {error}")


def with_database(url, name):
    """``url`` with its database (the path) replaced by ``name``."""
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def clear_request_cache():
    """Empty the node's shard request cache (facet counts of searches already seen)."""
    from search.index_names import alias_name
    from search.indices import batch_client

    batch_client().indices.clear_cache(index=alias_name(), request=True)
    say("Emptied the node's request cache")


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


def answered_by(body):
    """The ``backend`` an API answer names, or None when the body is not such an answer."""
    try:
        return json.loads(body).get("backend")
    except (ValueError, AttributeError):
        return None


def fetch(connection, path):
    connection.request("GET", path)
    response = connection.getresponse()
    return response.status, response.read()


def free_port():
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def children(pid):
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(child) for child in text.split()]


def vm_hwm(pid):
    """Peak resident set size of a process, in KiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return None


def machine_facts():
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    memory_kib = next(
        int(line.split()[1])
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal:")
    )
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gib": round(memory_kib / 2**20, 1),
        "os": f"{platform.system()} {platform.release()}",
    }


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000, help="Case studies to generate.")
    parser.add_argument("--seed", type=int, default=1, help="Seed for content and query mix.")
    parser.add_argument("--requests", type=int, default=300, help="API requests per round.")
    parser.add_argument(
        "--rounds", type=int, default=2, help="Latency rounds (best p95 kept; the first is cold)."
    )
    parser.add_argument("--peer-requests", type=int, default=3, help="Peer requests per kind.")
    parser.add_argument("--page-requests", type=int, default=120, help="Requests per page type.")
    parser.add_argument("--quiet-load", type=float, default=float(os.cpu_count() or 2))
    parser.add_argument("--quiet-wait", type=float, default=60, help="Seconds to wait for it.")
    parser.add_argument("--results-dir", default=str(ROOT / "benchmarks" / "results"))
    parser.add_argument("--docs", default=str(ROOT / "docs" / "benchmarks.md"))
    parser.add_argument("--workdir", help="Where the run's database goes (default var/bench).")
    parser.add_argument(
        "--postgres-url",
        default=os.environ.get("BENCH_POSTGRES_URL"),
        help="A PostgreSQL cluster (its role may create databases): measure the fallback there.",
    )
    parser.add_argument("--keep", action="store_true", help="Keep the database folder.")
    args = parser.parse_args(argv)
    if args.count < 1 or args.requests < len(KINDS) or args.rounds < 1:
        parser.error("--count ≥ 1, --requests ≥ 6 and --rounds ≥ 1 are required")
    return args


def main(argv=None):
    args = parse_args(argv)
    bench = Bench(args)
    # Ctrl-C raises KeyboardInterrupt; make SIGTERM unwind the same way, so cleanup runs.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        bench.run()
    except KeyboardInterrupt:
        say("Interrupted")
        return 130
    except Exception as error:
        # Keep what was measured before the failure; the docs are left as they were.
        if "generate" in bench.results:
            bench.save(error=f"{type(error).__name__}: {error}")
        raise
    finally:
        bench.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
