"""Build the site once per test session and serve it on 127.0.0.1 the way a static host would."""

from __future__ import annotations

import functools
import os
import subprocess
import sys
import threading
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Debian's Chromium, never a downloaded browser, with the flags this machine's closed network needs.
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
LANGUAGES = ("en", "es")
DEFAULT_LANGUAGE = "en"


@dataclass(frozen=True)
class Build:
    site_dir: Path
    log: str
    returncode: int


def build_site(site_dir: Path, *extra_args: str, env: dict[str, str] | None = None, tool: str = "mkdocs") -> Build:
    """`mkdocs build --strict` into site_dir (`tool="properdocs"`: the fork); the log is kept."""
    command = [sys.executable, "-m", tool, "build", "--strict", "--site-dir", str(site_dir), *extra_args]
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    done = subprocess.run(command, cwd=ROOT, env=environment, capture_output=True, text=True)
    return Build(site_dir=site_dir, log=done.stdout + done.stderr, returncode=done.returncode)


class StaticSiteHandler(SimpleHTTPRequestHandler):
    """Serves files; an unknown address gets its language's 404 page, as the README's host setup does."""

    def log_message(self, format: str, *args) -> None:  # keep test output readable
        pass

    def not_found_page(self) -> Path:
        """The 404 page of the address's first folder (a language's), else the site's."""
        first = self.path.lstrip("/").split("/", 1)[0].split("?", 1)[0]
        page = Path(self.directory) / first / "404.html"
        return page if first and page.is_file() else Path(self.directory) / "404.html"

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        if code != 404:
            return super().send_error(code, message, explain)
        body = self.not_found_page().read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@dataclass
class Server:
    url: str
    httpd: ThreadingHTTPServer

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def serve(site_dir: Path, handler_class: type[StaticSiteHandler] = StaticSiteHandler) -> Server:
    handler = functools.partial(handler_class, directory=str(site_dir))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return Server(url=f"http://127.0.0.1:{httpd.server_address[1]}/", httpd=httpd)
