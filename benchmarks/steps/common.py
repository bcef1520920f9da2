"""What every step of a run shares: the project's root, the interpreter, the loopback host,
timestamped output and ``manage.py`` with live output."""

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
HOST = "127.0.0.1"


def say(message):
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def manage(*command, show_every=2.0, env=None):
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
