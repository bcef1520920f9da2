"""A loopback TCP proxy in front of the shared search node, to take it down or slow it per test.

The tests must never stop the real node (other runs share it), so a test that needs the node
to be unreachable or slow points the application at this proxy instead and switches the proxy.
"""

import contextlib
import json
import select
import socket
import threading
import time


class TcpProxy:
    """Forwards 127.0.0.1:<port> to ``upstream``; ``down()`` refuses connections, ``up()`` restores.

    ``delay`` (seconds) holds back the first bytes of every answer, as a slow node would.
    ``status``, when set, answers every request with that HTTP status instead of the node.
    ``requests`` counts the requests forwarded (a request's first bytes after an answer).
    """

    def __init__(self, upstream_host, upstream_port, delay=0.0):
        self.upstream = (upstream_host, upstream_port)
        self.delay = delay
        self.status = None
        self.requests = 0
        self.port = None
        # Connections accepted so far: a test can tell whether the application talked at all.
        self.accepted = 0
        self._listener = None
        self._connections = set()
        self._lock = threading.Lock()

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    @property
    def is_up(self):
        return self._listener is not None

    def up(self):
        """Listen (on the same port as before, if it was up once) and forward."""
        if self._listener is not None:
            return self
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port or 0))
        listener.listen(64)
        self.port = listener.getsockname()[1]
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()
        return self

    def down(self):
        """Stop listening and cut every open connection: clients see a refused connection."""
        listener, self._listener = self._listener, None
        if listener is not None:
            # close() alone leaves the socket listening while the accept thread is blocked in
            # accept(): the port would take one more connection and could not be bound again.
            _close(listener)
        with self._lock:
            connections, self._connections = self._connections, set()
        for sock in connections:
            _close(sock)

    def _accept(self, listener):
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            if self._listener is not listener:
                _close(client)
                return
            self.accepted += 1
            try:
                upstream = socket.create_connection(self.upstream, timeout=5)
            except OSError:
                _close(client)
                continue
            upstream.settimeout(None)
            with self._lock:
                self._connections.update((client, upstream))
            threading.Thread(target=self._pump, args=(client, upstream), daemon=True).start()

    def _pump(self, client, upstream):
        answered = True
        try:
            while True:
                readable, _, _ = select.select([client, upstream], [], [], 1.0)
                if not self._alive(client):
                    return
                for sock in readable:
                    data = sock.recv(65536)
                    if not data:
                        return
                    if sock is client:
                        if answered:
                            with self._lock:
                                self.requests += 1
                        answered = False
                        if self.status:
                            # The request is not read to its end: close after the answer.
                            client.sendall(_status_answer(self.status))
                            return
                        upstream.sendall(data)
                    else:
                        if not answered and self.delay:
                            time.sleep(self.delay)
                        answered = True
                        client.sendall(data)
        except (OSError, ValueError):
            return
        finally:
            with self._lock:
                self._connections.difference_update((client, upstream))
            _close(client)
            _close(upstream)

    def _alive(self, sock):
        with self._lock:
            return sock in self._connections


def _status_answer(status):
    body = json.dumps(
        {
            "error": {"type": "proxy_status", "reason": f"the test proxy answered {status}"},
            "status": status,
        }
    ).encode()
    head = (
        f"HTTP/1.1 {status} Proxy Status\r\nContent-Type: application/json\r\n"
        f"X-Elastic-Product: Elasticsearch\r\nContent-Length: {len(body)}\r\n"
        "Connection: close\r\n\r\n"
    )
    return head.encode() + body


def _close(sock):
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)
    sock.close()
