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

This module is the command line and the order of the run; the steps, one module per role, are
in ``benchmarks/steps/``.
"""

import argparse
import json
import os
import secrets
import shutil
import signal
import sys
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.report import write_docs
from benchmarks.steps.common import HOST, ROOT, manage, say
from benchmarks.steps.indexing import IndexingSteps
from benchmarks.steps.latency import LatencySteps
from benchmarks.steps.machine import MachineSteps
from benchmarks.steps.pages import PageSteps
from benchmarks.steps.postgres import PostgresSteps
from benchmarks.steps.queries import KINDS
from benchmarks.steps.servers import ServerSteps, stop_server


class Bench(IndexingSteps, ServerSteps, LatencySteps, PageSteps, PostgresSteps, MachineSteps):
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

    # -- the database and the corpus -------------------------------------------------------

    def prepare(self):
        say(f"Database {self.workdir / 'bench.sqlite3'}, index prefix {self.prefix}")
        seconds, _ = manage("migrate", "--noinput")
        self.results["migrate_seconds"] = round(seconds, 1)
        manage("createcachetable")
        say(f"Migrated in {seconds:.1f}s; collecting static files for production settings …")
        manage("collectstatic", "--noinput")

    def generate(self):
        count = self.args.count
        say(f"Generating {count:,} case studies (seed {self.args.seed}) …")
        seconds, _ = manage(
            "generate_case_studies", "--count", str(count), "--seed", str(self.args.seed)
        )
        self.results["generate"] = {
            "count": count,
            "seconds": round(seconds, 1),
            "docs_per_s": round(count / seconds, 1),
        }
        say(f"Generated {count:,} in {seconds:.1f}s (whole command, start-up included)")

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
        stop_server(process)
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
            stop_server(process)
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
