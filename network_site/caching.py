"""A value kept per process and reloaded when it is older than its lifetime or forgotten."""

import threading
import time


class ProcessCache:
    """The result of ``load()``, reloaded when older than ``ttl`` seconds or forgotten."""

    def __init__(self, load, ttl=60):
        self.load = load
        self.ttl = ttl
        self.lock = threading.Lock()
        self.value = None
        self.expires = 0.0

    def get(self):
        with self.lock:
            if self.value is None or time.monotonic() >= self.expires:
                self.value = self.load()
                self.expires = time.monotonic() + self.ttl
            return self.value

    def forget(self, *args, **kwargs):
        """Drop the value (usable as a signal receiver)."""
        with self.lock:
            self.value = None
