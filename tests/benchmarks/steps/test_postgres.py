"""The PostgreSQL peer's throwaway database is named in a copy of the cluster's URL."""

from benchmarks.steps.postgres import with_database


def test_with_database_replaces_only_the_database_name():
    """Role, password, host, port and options are kept; only the path changes."""
    url = "postgres://councils:secret@127.0.0.1:5433/councils?sslmode=disable"
    assert with_database(url, "bench_1a2b") == (
        "postgres://councils:secret@127.0.0.1:5433/bench_1a2b?sslmode=disable"
    )
