"""The circuit breaker against the real node through the test proxy.

It trips on failures and on slowness, tries the node once after its cool-down, and keeps its
state where every worker sees it.
"""

import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from django.test import Client

from search import breaker

pytestmark = [pytest.mark.elasticsearch, pytest.mark.django_db]

ROOT = Path(__file__).resolve().parents[2]


def backend(query=None):
    return Client().get("/api/search/", query or {}).json()["backend"]


@pytest.fixture
def tight(settings):
    """A short deadline, a slowness threshold well inside it and a short cool-down."""
    settings.SEARCH_DEADLINE_SECONDS = 0.8
    settings.SEARCH_SLOW_SECONDS = 0.4
    settings.SEARCH_BREAKER_SLOW_COUNT = 3
    settings.SEARCH_BREAKER_SECONDS = 1.0
    return settings


def trip_by_deadline(search_proxy):
    """One search past its deadline (a node slower than it); the node is fast again after."""
    search_proxy.delay = 2.0
    assert backend() == "database"
    search_proxy.delay = 0


def test_a_search_past_its_deadline_opens_the_breaker(indexed_corpus, search_proxy, tight):
    """After one search blew its deadline, the next ones use the database without trying."""
    trip_by_deadline(search_proxy)
    sent = search_proxy.requests
    response = Client().get("/search/", {"q": "cupboard"})
    assert b"Leek Community Cupboard" in response.content
    assert b"simpler mode" in response.content
    assert search_proxy.requests == sent


def test_consecutive_slow_answers_open_the_breaker(indexed_corpus, search_proxy, tight):
    """Answers in time but slow: the third in a row opens the breaker, the fourth search skips."""
    search_proxy.delay = 0.5
    assert [backend() for _ in range(3)] == ["elasticsearch"] * 3
    search_proxy.delay = 0
    assert backend() == "database"


def test_a_fast_answer_ends_a_run_of_slow_ones(indexed_corpus, search_proxy, tight):
    """Slow answers only count in a row: one fast answer between them starts the count again."""
    answers = []
    for delay in (0.5, 0.5, 0, 0.5, 0.5):
        search_proxy.delay = delay
        answers.append(backend())
    assert answers == ["elasticsearch"] * 5
    assert not breaker.is_open()


def test_the_open_breaker_page_says_search_is_simpler(indexed_corpus, search_proxy, tight):
    """While open, the page lists database results under a notice of what is missing."""
    trip_by_deadline(search_proxy)
    content = Client().get("/search/", {"q": "cupboard"}).content.decode()
    assert "Leek Community Cupboard" in content
    assert "not ranked by relevance and spelling mistakes are not corrected" in content


def test_after_the_cool_down_a_fast_trial_closes_the_breaker(indexed_corpus, search_proxy, tight):
    """Once the cool-down is over one search tries the node; its fast answer closes the breaker."""
    trip_by_deadline(search_proxy)
    assert backend() == "database"
    time.sleep(tight.SEARCH_BREAKER_SECONDS)
    sent = search_proxy.requests
    assert backend() == "elasticsearch"
    assert search_proxy.requests == sent + 1
    assert not breaker.is_open()
    assert backend() == "elasticsearch"


def test_a_slow_trial_reopens_the_breaker(indexed_corpus, search_proxy, tight):
    """A trial answered slowly shows its results, then the breaker is open for another cool-down."""
    trip_by_deadline(search_proxy)
    time.sleep(tight.SEARCH_BREAKER_SECONDS)
    search_proxy.delay = 0.5
    assert backend() == "elasticsearch"
    search_proxy.delay = 0
    assert backend() == "database"
    time.sleep(tight.SEARCH_BREAKER_SECONDS)
    assert backend() == "elasticsearch"


def test_a_failed_trial_reopens_the_breaker(indexed_corpus, search_proxy, tight):
    """A trial that cannot reach the node falls back and opens the breaker again."""
    trip_by_deadline(search_proxy)
    time.sleep(tight.SEARCH_BREAKER_SECONDS)
    search_proxy.down()
    assert backend() == "database"
    search_proxy.up()
    assert backend() == "database"


def test_while_a_trial_runs_other_searches_use_the_database(indexed_corpus, search_proxy, tight):
    """Exactly one request claims the trial; the others answer from the database meanwhile."""
    trip_by_deadline(search_proxy)
    time.sleep(tight.SEARCH_BREAKER_SECONDS)
    assert breaker.attempt()  # another worker's trial, still running
    assert not breaker.attempt()
    sent = search_proxy.requests
    assert backend() == "database"
    assert search_proxy.requests == sent


def test_every_worker_sees_the_breaker_state_and_one_trial(tmp_path, settings):
    """A breaker tripped in one process is open in another; that one's trial excludes this one."""
    settings.CACHES = {
        **settings.CACHES,
        "shared": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path / "cache"),
        },
    }
    settings.SEARCH_BREAKER_CACHE = "shared"
    settings.SEARCH_BREAKER_SECONDS = 60
    (tmp_path / "worker_settings.py").write_text(
        textwrap.dedent(f"""
            from network_site.settings.test import *  # noqa: F403
            CACHES = {settings.CACHES!r}
            SEARCH_BREAKER_CACHE = "shared"
        """)
    )

    def other_worker(code):
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "worker_settings",
            "PYTHONPATH": os.pathsep.join([str(tmp_path), str(ROOT)]),
        }
        script = f"import django; django.setup(); from search import breaker; print({code})"
        done = subprocess.run(
            [sys.executable, "-c", script], env=env, cwd=ROOT, capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr
        return done.stdout.strip()

    breaker.trip("tripped in this worker")
    assert other_worker("breaker.is_open(), breaker.attempt()") == "True None"
    settings.SEARCH_BREAKER_SECONDS = 0.01
    breaker.trip("tripped again, with a cool-down already over")
    time.sleep(settings.SEARCH_BREAKER_SECONDS)
    assert other_worker("breaker.attempt()") == breaker.TRIAL_CLAIMED
    assert not breaker.attempt()
    breaker.reset()


@pytest.mark.parametrize("status", [429, 502, 503, 504, 507])
def test_an_overloaded_or_failing_node_opens_the_breaker(
    status, indexed_corpus, search_proxy, tight
):
    """A 429 or a 5xx other than 500/501 falls back and opens the breaker."""
    search_proxy.status = status
    assert backend() == "database"
    search_proxy.status = None
    assert breaker.is_open()
    sent = search_proxy.requests
    assert backend() == "database"
    assert search_proxy.requests == sent


@pytest.mark.parametrize("status", [500, 501])
def test_a_request_the_node_could_not_run_falls_back_without_tripping(
    status, indexed_corpus, search_proxy, tight
):
    """A 500 or 501 (a query the node could not run) falls back; the breaker stays closed."""
    search_proxy.status = status
    assert backend() == "database"
    search_proxy.status = None
    assert not breaker.is_open()
    assert backend() == "elasticsearch"
