"""The search API through gunicorn (1 and 8 clients) beside Elasticsearch's ``took``, the
database fallback (the peer) and a node slowed to just under the client timeout."""

import http.client
import os
import random
import socket
import time
from urllib.parse import urlencode, urlsplit

from benchmarks.report import percentile, summarise
from benchmarks.steps.common import HOST, say
from benchmarks.steps.queries import KINDS, ONE_WORD, query_mix
from benchmarks.steps.servers import answered_by, fetch, load, measured, stop_server

# Seconds a slow node holds back each answer: just under the 2 s client timeout.
SLOW_NODE_DELAY = 1.8


def clear_request_cache():
    """Empty the node's shard request cache (facet counts of searches already seen)."""
    from search.index_names import alias_name
    from search.indices import batch_client

    batch_client().indices.clear_cache(index=alias_name(), request=True)
    say("Emptied the node's request cache")


def floor_took(api, one_results):
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


class LatencySteps:
    """Bench steps that time searches into ``self.results["search"]`` and ``["slow_node"]``;
    they start servers with ``self.start_server`` (``ServerSteps``)."""

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
            results, seconds = load(
                port, requests, clients, f"{label} round {number}", "elasticsearch"
            )
            run = measured(requests, results, seconds)
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
            for kind, params in query_mix(self.args.requests, rng)
        ]
        say(f"Warming up ({len(KINDS) * 4} requests) …")
        load(port, [api[i % len(api)] for i in range(len(KINDS) * 4)], 2, "warm-up")

        say(f"Search API, 1 client, {len(api)} requests x {self.args.rounds} round(s) …")
        one, one_results = self.rounds(port, api, 1, "1 client", "one_client")
        eight_requests = api * 2
        say(f"Search API, 8 clients, {len(eight_requests)} requests …")
        eight, _ = self.rounds(port, eight_requests, 8, "8 clients", "eight_clients")
        search = {"one_client": one, "eight_clients": eight}
        # Facet counts are cached by the node; its cache was emptied before this round.
        search["one_client_first_round"] = one["rounds"][0]["all"]
        search["errors"] = sum(run["errors"] for run in one["rounds"] + eight["rounds"])
        search.update(floor_took(api, one_results))
        self.results["search"] = search
        return api

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
            load(port, requests[:2], 2, f"{name} warm-up")
            results, seconds = load(port, requests, 1, name, "database")
            stop_server(process)
        return measured(requests, results, seconds)

    def peer(self, api):
        peer = self.fallback("peer", self.peer_requests(api))
        search = self.results["search"]
        search["peer"] = peer
        app_p50 = search["one_client"]["all"]["p50_ms"]
        search["peer_vs_app"] = round(peer["all"]["p50_ms"] / app_p50, 1) if app_p50 else None
        say(f"Peer p50 {peer['all']['p50_ms']} ms, p95 {peer['all']['p95_ms']} ms")

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
            stop_server(process)
            proxy.down()
            # The breaker's state is in the run's shared cache: leave it closed.
            breaker.reset()
        self.results["slow_node"] = {
            "delay_s": SLOW_NODE_DELAY,
            "max_ms": round(max(latencies), 1),
            # The database's answers after the breaker opens cost what the fallback costs (the
            # peer rows): the slow node's own price is its slowest answer.
            "node_max_ms": round(
                max(
                    (
                        ms
                        for ms, by in zip(latencies, backends, strict=True)
                        if by == "elasticsearch"
                    ),
                    default=0,
                ),
                1,
            ),
            "latencies_ms": [round(latency, 1) for latency in latencies],
            "backends": backends,
            "node_answers": backends.count("elasticsearch"),
            "errors": sum(backend not in {"elasticsearch", "database"} for backend in backends),
        }
        say(f"Slow node: slowest {max(latencies):.0f} ms; answered by {backends}")
