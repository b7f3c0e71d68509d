#!/usr/bin/env python3
"""Print the site's first-load weight per page and its build times; asserts nothing.

    .venv/bin/python scripts/benchmarks/bench_site.py            # both parts
    .venv/bin/python scripts/benchmarks/bench_site.py --weight   # first-load weight only
    .venv/bin/python scripts/benchmarks/bench_site.py --build --runs 7

Weight: the site is built once (`mkdocs build --strict`) and served on 127.0.0.1; each page is
loaded in Debian's Chromium in a fresh browser context (empty cache). The server records every
response body it sends, including the search worker's own imports, which the browser's request
events do not always show. Each body is compressed with gzip level 9 (the standard library has no
Brotli; a host serving Brotli sends somewhat less), as a host compresses text; images and fonts are
counted as sent. Any request to another host is blocked and reported.

Build time: each build runs `mkdocs build --strict` into a fresh temporary folder, the variants
interleaved, several times; the medians are compared.
"""

from __future__ import annotations

import argparse
import gzip
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))

from sitebuild import CHROMIUM, CHROMIUM_ARGS, StaticSiteHandler, build_site  # noqa: E402

PAGES = ("", "not-safe-to-wait/", "mexico-lacks-capacity/", "due-process/", "sources/", "about/", "changes/")
LANGUAGE_PREFIXES = ("", "es/")
TARGET_KB = 80
# Compressed as a host would send them; everything else (images, fonts) is sent as is.
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".map", ".txt", "/")


@dataclass(frozen=True)
class Sent:
    path: str
    status: int
    raw: int
    compressed: int


@dataclass
class Recorder:
    """What the server sent, in order; the benchmark reads and resets it between pages."""

    sent: list[Sent] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, path: str, status: int, body: bytes) -> None:
        compressed = len(gzip.compress(body, compresslevel=9)) if _compressible(path, status) else len(body)
        with self.lock:
            self.sent.append(Sent(path, status, len(body), compressed))

    def take(self) -> list[Sent]:
        with self.lock:
            taken, self.sent = self.sent, []
        return taken


def _compressible(path: str, status: int) -> bool:
    path = urlsplit(path).path
    return status == 404 or path.endswith(COMPRESSIBLE)


def _recording_handler(site_dir: Path, recorder: Recorder):
    class RecordingHandler(StaticSiteHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(site_dir), **kwargs)

        # Capture the bytes actually written for one response (headers excluded).
        def end_headers(self) -> None:
            super().end_headers()
            self._body_started = True

        def send_response(self, code: int, message: str | None = None) -> None:
            self._status = code
            self._body = bytearray()
            self._body_started = False
            super().send_response(code, message)

        def copyfile(self, source, outputfile) -> None:
            data = source.read()
            self._body.extend(data)
            outputfile.write(data)

        def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
            original_write = self.wfile.write

            def write(data: bytes) -> int:
                if getattr(self, "_body_started", False):
                    self._body.extend(data)
                return original_write(data)

            self.wfile.write = write
            try:
                super().send_error(code, message, explain)
            finally:
                self.wfile.write = original_write

        def handle_one_request(self) -> None:
            self._status = 0
            self._body = bytearray()
            super().handle_one_request()
            if self._status:
                recorder.add(self.path, self._status, bytes(self._body))

    return RecordingHandler


def serve(site_dir: Path, recorder: Recorder):
    from http.server import ThreadingHTTPServer

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _recording_handler(site_dir, recorder))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}/"


def measure_weight(site_dir: Path) -> None:
    from playwright.sync_api import sync_playwright

    recorder = Recorder()
    httpd, base = serve(site_dir, recorder)
    print(f"First-load weight (gzip -9 of every text response, as sent by the local server; target <= {TARGET_KB} KB)")
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            totals = []
            for prefix in LANGUAGE_PREFIXES:
                for page_path in PAGES:
                    url = base + prefix + page_path
                    offsite: list[str] = []
                    context = browser.new_context(viewport={"width": 1280, "height": 800})

                    def route(route, offsite=offsite) -> None:
                        if urlsplit(route.request.url).hostname == "127.0.0.1":
                            route.continue_()
                        else:
                            offsite.append(route.request.url)
                            route.abort()

                    context.route("**/*", route)
                    page = context.new_page()
                    recorder.take()
                    page.goto(url, wait_until="load")
                    page.wait_for_load_state("networkidle")
                    context.close()
                    sent = recorder.take()
                    total = sum(item.compressed for item in sent)
                    raw = sum(item.raw for item in sent)
                    totals.append(total)
                    verdict = "ok" if total <= TARGET_KB * 1024 else "OVER"
                    print(f"\n/{prefix}{page_path}: {total / 1024:.1f} KB compressed ({raw / 1024:.1f} KB raw), "
                          f"{len(sent)} responses, {verdict}; off-site requests: {len(offsite) or 'none'}")
                    for url_off in offsite:
                        print(f"    off-site: {url_off}")
                    for item in sorted(sent, key=lambda s: -s.compressed)[:8]:
                        status = "" if item.status == 200 else f" [{item.status}]"
                        print(f"    {item.compressed / 1024:6.1f} KB  {item.path}{status}")
            print(f"\nLargest first load: {max(totals) / 1024:.1f} KB; smallest: {min(totals) / 1024:.1f} KB")
            browser.close()
    finally:
        httpd.shutdown()
        httpd.server_close()


def single_language_config() -> Path:
    """mkdocs.yml without the i18n plugin: the English pages alone, same theme and plugins.

    Written next to mkdocs.yml (plugins find the project from the config file's folder) under a
    hidden name, and removed after the measurement.
    """
    import yaml
    from mkdocs.utils.yaml import yaml_load

    with (ROOT / "mkdocs.yml").open(encoding="utf-8") as source:
        site = yaml_load(source)
    plugins = [plugin for plugin in site.get("plugins", []) if plugin != "i18n" and not (isinstance(plugin, dict) and "i18n" in plugin)]
    config = ROOT / ".bench-site-single-language.yml"
    config.write_text(
        yaml.safe_dump({"INHERIT": "mkdocs.yml", "docs_dir": "docs/en", "plugins": plugins}, allow_unicode=True),
        encoding="utf-8",
    )
    return config


def timed_build(config: Path | None, env: dict[str, str]) -> float:
    with tempfile.TemporaryDirectory() as folder:
        command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", folder]
        if config is not None:
            command += ["--config-file", str(config)]
        environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **env}
        environment.pop("BUILD_ONLY_LOCALE", None)
        environment.update(env)
        start = time.perf_counter()
        done = subprocess.run(command, cwd=ROOT, env=environment, capture_output=True, text=True)
        elapsed = time.perf_counter() - start
        if done.returncode != 0:
            raise SystemExit(f"build failed: {' '.join(command)}\n{done.stdout}{done.stderr}")
        return elapsed


def measure_build(runs: int) -> None:
    single = single_language_config()
    try:
        variants = {
            "single-language build (English pages, mkdocs.yml without i18n)": (single, {}),
            "full build, both languages": (None, {}),
            "preview of Spanish (BUILD_ONLY_LOCALE=es)": (None, {"BUILD_ONLY_LOCALE": "es"}),
            "preview of English (BUILD_ONLY_LOCALE=en)": (None, {"BUILD_ONLY_LOCALE": "en"}),
        }
        times: dict[str, list[float]] = {name: [] for name in variants}
        timed_build(*variants["full build, both languages"])  # warm the file cache and .pyc files
        for _ in range(runs):
            for name, (config, env) in variants.items():
                times[name].append(timed_build(config, env))
    finally:
        single.unlink(missing_ok=True)
    medians = {name: statistics.median(values) for name, values in times.items()}
    baseline = medians["single-language build (English pages, mkdocs.yml without i18n)"]
    print(f"\nBuild time (`mkdocs build --strict`, wall clock incl. Python start-up; {runs} interleaved runs, median)")
    targets = {"full build, both languages": 2.0, "preview of Spanish (BUILD_ONLY_LOCALE=es)": 1.2,
               "preview of English (BUILD_ONLY_LOCALE=en)": 1.2}
    for name, median in medians.items():
        ratio = median / baseline
        target = targets.get(name)
        verdict = "" if target is None else f"  (target <= {target}x: {'ok' if ratio <= target else 'OVER'})"
        spread = f"min {min(times[name]):.2f} s, max {max(times[name]):.2f} s"
        print(f"  {name:62s} {median:5.2f} s  {ratio:4.2f}x  [{spread}]{verdict}")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--weight", action="store_true", help="only the first-load weight")
    parser.add_argument("--build", action="store_true", help="only the build times")
    parser.add_argument("--runs", type=int, default=5, help="build runs per variant (default 5)")
    args = parser.parse_args(argv)
    both = not (args.weight or args.build)
    if args.weight or both:
        with tempfile.TemporaryDirectory() as folder:
            build = build_site(Path(folder) / "site")
            if build.returncode != 0:
                print(build.log, file=sys.stderr)
                return 1
            measure_weight(build.site_dir)
    if args.build or both:
        measure_build(args.runs)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
