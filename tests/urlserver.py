"""A scripted HTTP server on a loopback address: every answer a link checker meets, on its own path.

    /ok, /ok/<anything>           200
    /status/<code>                that status (404, 410, 500, 403, ...) to HEAD and GET
    /redirect/<code>/<rest>       a <code> redirect to /<rest>, so chains nest: /redirect/301/redirect/302/ok
    /loop/a, /loop/b              302 to each other
    /no-head                      405 to HEAD, 200 to GET
    /drop                         closes the connection without an answer
    /slow/<seconds>               200 after that many seconds
    /429-once                     429 (Retry-After: 1) the first time, 200 after
    /429-always                   429 (Retry-After: 1) every time
    /429-long                     429 (Retry-After: 3600) every time
    /500-once                     500 the first time, 200 after
    /goto?to=<address>            302 to that address, whatever it is (the address guard's tests)
    anything else                 404

Every request is counted (method and path), and so are the requests in flight at once per Host,
which is how tests see that a URL was asked once and that a per-host limit held. The Host and
User-Agent headers of every request are kept in `seen_headers`.
"""

from __future__ import annotations

import threading
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit


class ScriptedHandler(BaseHTTPRequestHandler):
    server: "_Server"
    protocol_version = "HTTP/1.0"  # one request per connection: counts never depend on connection reuse

    def log_message(self, format: str, *args) -> None:  # keep test output readable
        pass

    def do_HEAD(self) -> None:
        self.answer()

    def do_GET(self) -> None:
        self.answer()

    def answer(self) -> None:
        owner = self.server.owner
        host = (self.headers.get("Host") or "").rsplit(":", 1)[0]
        path = self.path.split("?", 1)[0]
        with owner.lock:
            owner.seen_headers.append((self.headers.get("Host") or "", self.headers.get("User-Agent") or ""))
            owner.requests[(self.command, path)] += 1
            seen = sum(count for (_method, p), count in owner.requests.items() if p == path)
            owner.in_flight[host] += 1
            owner.max_in_flight[host] = max(owner.max_in_flight[host], owner.in_flight[host])
        try:
            if owner.latency:
                owner.stopping.wait(owner.latency)
            self.route(path, seen)
        finally:
            with owner.lock:
                owner.in_flight[host] -= 1

    def route(self, path: str, seen: int) -> None:
        parts = path.strip("/").split("/")
        head, rest = parts[0], parts[1:]
        if head == "ok":
            self.reply(200)
        elif head == "status" and rest and rest[0].isdigit():
            self.reply(int(rest[0]))
        elif head == "redirect" and rest and rest[0].isdigit():
            self.reply(int(rest[0]), {"Location": "/" + "/".join(rest[1:])})
        elif head == "goto":
            self.reply(302, {"Location": parse_qs(urlsplit(self.path).query).get("to", ["/"])[0]})
        elif path == "/loop/a":
            self.reply(302, {"Location": "/loop/b"})
        elif path == "/loop/b":
            self.reply(302, {"Location": "/loop/a"})
        elif path == "/no-head":
            self.reply(405 if self.command == "HEAD" else 200, {"Allow": "GET"})
        elif path == "/drop":
            self.close_connection = True  # nothing written: the client sees the connection close
        elif head == "slow" and rest:
            self.server.owner.stopping.wait(float(rest[0]))
            self.reply(200)
        elif path == "/429-once" and seen == 1:
            self.reply(429, {"Retry-After": "1"})
        elif path == "/429-always":
            self.reply(429, {"Retry-After": "1"})
        elif path == "/429-long":
            self.reply(429, {"Retry-After": "3600"})
        elif path == "/500-once" and seen == 1:
            self.reply(500)
        elif path in ("/429-once", "/500-once"):
            self.reply(200)
        else:
            self.reply(404)

    def reply(self, status: int, headers: dict[str, str] | None = None) -> None:
        body = f"{status} {self.responses.get(status, ('',))[0]}\n".encode()
        try:
            self.send_response(status)
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up first (a timeout test): nothing to tell it


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256  # a benchmark opens many connections at once
    owner: "UrlServer"


class UrlServer:
    """Start with `UrlServer()` (or as a context manager); `url("/ok")` gives an address on it."""

    def __init__(self, host: str = "127.0.0.1", latency: float = 0.0) -> None:
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.latency = latency
        self.requests: Counter[tuple[str, str]] = Counter()
        self.in_flight: Counter[str] = Counter()
        self.max_in_flight: Counter[str] = Counter()
        self.seen_headers: list[tuple[str, str]] = []  # (Host, User-Agent) of each request
        self.httpd = _Server((host, 0), ScriptedHandler)
        self.httpd.owner = self
        self.host = host
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return f"http://{self.host}:{self.port}{path}"

    def hits(self, path: str, method: str | None = None) -> int:
        with self.lock:
            return sum(n for (m, p), n in self.requests.items() if p == path and method in (None, m))

    def total_requests(self) -> int:
        with self.lock:
            return sum(self.requests.values())

    def stop(self) -> None:
        self.stopping.set()  # releases deliberate delays at once
        self.httpd.shutdown()
        self.httpd.server_close()

    def __enter__(self) -> "UrlServer":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()
