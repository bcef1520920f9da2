"""gunicorn on loopback and the load sent to it: clients in threads, latencies summarised."""

import http.client
import itertools
import json
import os
import signal
import socket
import subprocess
import threading
import time

from benchmarks.report import summarise
from benchmarks.steps.common import HOST, PYTHON, ROOT, say
from benchmarks.steps.machine import children
from benchmarks.steps.queries import KINDS


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


def stop_server(process):
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def load(port, requests, clients, label, backend=""):
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


def measured(requests, results, seconds):
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


class ServerSteps:
    """Bench steps that start gunicorn, logging to ``self.workdir``, and track it in
    ``self.servers`` so the run's cleanup stops what is left."""

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
