"""The database fallback on PostgreSQL: the same case studies (same seed) in a throwaway
database on the given cluster, created and dropped by the run."""

import time
from urllib.parse import urlsplit, urlunsplit

from benchmarks.steps.common import manage, say


def with_database(url, name):
    """``url`` with its database (the path) replaced by ``name``."""
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


class PostgresSteps:
    """Bench steps for ``--postgres-url``: they record the database in
    ``self.postgres_database`` so the run's cleanup drops it, and use ``self.fallback``."""

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
        migrate_seconds, _ = manage("migrate", "--noinput", env=env)
        manage("createcachetable", env=env)
        say(f"Generating {self.args.count:,} case studies on PostgreSQL (vectors included) …")
        generate_seconds, _ = manage(
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
