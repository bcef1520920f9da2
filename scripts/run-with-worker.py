#!/usr/bin/env python3
"""Run the development server with one background-task worker beside it; stop both together.

    run-with-worker.py [--grace SECONDS] --worker 'COMMAND' -- SERVER COMMAND...

The worker's lines are printed prefixed with "worker | ". Ctrl-C (SIGINT, or SIGTERM/SIGHUP),
the server exiting or the worker exiting stops the other one as well, so no worker is left
behind. The worker runs in a process group of its own, which gets SIGTERM (db_worker finishes
the task in hand) and SIGKILL after the grace period: that reaches its autoreloader's child too.
The server stays in the terminal's process group, so Ctrl-C reaches it and a debugger can read
the terminal.
"""

import argparse
import contextlib
import os
import shlex
import signal
import subprocess
import sys
import threading
import time

PREFIX = "worker | "
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


def say(message):
    print(f"run-with-worker: {message}", file=sys.stderr, flush=True)


def relay(stream):
    for line in stream:
        sys.stdout.write(PREFIX + line)
        sys.stdout.flush()


def send_group(process, signum):
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signum)


def stop_worker(worker, grace):
    # The group may outlive its leader (an orphaned child), so it is signalled either way.
    send_group(worker, signal.SIGTERM)
    try:
        worker.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        say(f"the worker did not stop within {grace:g} s; killing it")
    send_group(worker, signal.SIGKILL)
    worker.wait()


def stop_server(server, grace):
    if server.poll() is None:
        server.terminate()
    try:
        server.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        say(f"the server did not stop within {grace:g} s; killing it")
        server.kill()
        server.wait()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--worker", required=True, help="the worker command, as one string")
    parser.add_argument("--grace", type=float, default=10, help="seconds to wait for a stop")
    parser.add_argument("server", nargs=argparse.REMAINDER, help="the server command, after --")
    options = parser.parse_args(argv)
    server_command = options.server[1:] if options.server[:1] == ["--"] else options.server
    if not server_command:
        parser.error("give the server command after --")

    received = []
    for signum in STOP_SIGNALS:
        signal.signal(signum, lambda signum, frame: received.append(signum))

    worker = subprocess.Popen(
        shlex.split(options.worker),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    relaying = threading.Thread(target=relay, args=(worker.stdout,), daemon=True)
    relaying.start()
    try:
        server = subprocess.Popen(server_command)
    except OSError as error:
        say(f"cannot start the server: {error}")
        stop_worker(worker, options.grace)
        return 1

    while not received and server.poll() is None and worker.poll() is None:
        time.sleep(0.1)

    if received:
        status = 128 + received[0]
        say(f"{signal.Signals(received[0]).name}: stopping the server and the worker")
    elif server.poll() is not None:
        status = server.returncode
        say(f"the server exited ({status}); stopping the worker")
    else:
        status = worker.returncode or 1
        say(f"the worker exited ({worker.returncode}); stopping the server")
    stop_server(server, options.grace)
    stop_worker(worker, options.grace)
    relaying.join(timeout=options.grace)
    return status


if __name__ == "__main__":
    sys.exit(main())
