#!/usr/bin/env python3
"""Print Lighthouse's accessibility, best-practices and SEO scores of every page; asserts nothing.

    .venv/bin/python scripts/benchmarks/bench_lighthouse.py               # every page, mobile and desktop
    .venv/bin/python scripts/benchmarks/bench_lighthouse.py --pages es/sources/ --form-factor mobile

The site is built (`mkdocs build --strict`) with its address set to the local server's, so that
canonical and hreflang links point where Lighthouse loads the pages, and served on 127.0.0.1.
Lighthouse 12.2.3 (npm; version 13 needs Node 22) is installed once into `.cache/lighthouse/`
with npm and drives Debian's Chromium (/usr/bin/chromium) headless; it runs once per page and
form factor ("mobile": Lighthouse's default phone emulation; "desktop": its desktop preset).
The target is 100 in each category; every audit that lost points is named under its page.

Exit status: 0 when every score was printed (whatever the scores), 2 when Lighthouse could not run.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass
from http.server import ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))

from sitebuild import CHROMIUM, CHROMIUM_ARGS, StaticSiteHandler, build_site  # noqa: E402

LIGHTHOUSE_VERSION = "12.2.3"
INSTALL_DIR = ROOT / ".cache" / "lighthouse"
LIGHTHOUSE = INSTALL_DIR / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("accessibility", "best-practices", "seo")
PAGES = tuple(f"{prefix}{page}" for prefix in ("", "es/")
              for page in ("", "not-safe-to-wait/", "mexico-lacks-capacity/", "due-process/", "sources/", "about/"))
FORM_FACTORS = ("mobile", "desktop")
TARGET = 100


class CannotRun(Exception):
    pass


@dataclass(frozen=True)
class Result:
    page: str
    form_factor: str
    scores: dict[str, int]
    lost: tuple[str, ...]  # "category: audit id (score)" for every audit that lost points


def install_lighthouse() -> None:
    if LIGHTHOUSE.exists():
        return
    npm = shutil.which("npm")
    if npm is None:
        raise CannotRun("npm is missing (Debian: apt-get install npm)")
    print(f"Installing lighthouse@{LIGHTHOUSE_VERSION} into {INSTALL_DIR.relative_to(ROOT)}/ ...", flush=True)
    INSTALL_DIR.mkdir(parents=True, exist_ok=True)
    done = subprocess.run([npm, "install", "--prefix", str(INSTALL_DIR), "--no-audit", "--no-fund", "--silent",
                           f"lighthouse@{LIGHTHOUSE_VERSION}"], capture_output=True, text=True)
    if done.returncode != 0 or not LIGHTHOUSE.exists():
        raise CannotRun(f"npm install lighthouse@{LIGHTHOUSE_VERSION} failed: {done.stderr.strip()[-300:]}")


def run_lighthouse(url: str, form_factor: str) -> dict:
    command = [str(LIGHTHOUSE), url, "--quiet", "--output=json", "--output-path=stdout",
               f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={' '.join(CHROMIUM_ARGS)}"]
    if form_factor == "desktop":
        command.append("--preset=desktop")
    done = subprocess.run(command, capture_output=True, text=True, env={**os.environ, "CHROME_PATH": CHROMIUM},
                          timeout=180)
    if done.returncode != 0:
        raise CannotRun(f"lighthouse {url} ({form_factor}) exited {done.returncode}: {done.stderr.strip()[-300:]}")
    return json.loads(done.stdout)


def summarize(page: str, form_factor: str, report: dict) -> Result:
    scores, lost = {}, []
    for name in CATEGORIES:
        category = report["categories"][name]
        scores[name] = round((category["score"] or 0) * 100)
        for ref in category["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref["weight"] > 0 and audit["score"] is not None and audit["score"] < 1:
                lost.append(f"{name}: {ref['id']} ({audit['score']})")
    return Result(page=page, form_factor=form_factor, scores=scores, lost=tuple(lost))


def serve_site(site_dir: Path, httpd: ThreadingHTTPServer) -> None:
    httpd.RequestHandlerClass = functools.partial(StaticSiteHandler, directory=str(site_dir))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", nargs="+", default=list(PAGES), help="addresses under the site root ('' is the home page)")
    parser.add_argument("--form-factor", choices=FORM_FACTORS, action="append", help="default: both")
    args = parser.parse_args(argv)
    form_factors = args.form_factor or list(FORM_FACTORS)
    try:
        install_lighthouse()
        if not Path(CHROMIUM).exists():
            raise CannotRun(f"{CHROMIUM} is missing (`python3 scripts/site.py test` installs it)")
        # Bind first, so that the site can be built with its final address.
        httpd = ThreadingHTTPServer(("127.0.0.1", 0), StaticSiteHandler)
        base = f"http://127.0.0.1:{httpd.server_address[1]}/"
        with tempfile.TemporaryDirectory() as temporary:
            build = build_site(Path(temporary) / "site", env={"SITE_URL": base})
            if build.returncode != 0:
                raise CannotRun(f"mkdocs build --strict failed:\n{build.log[-1000:]}")
            serve_site(build.site_dir, httpd)
            print(f"Lighthouse {LIGHTHOUSE_VERSION}, Chromium {CHROMIUM}, site at {base} (target: {TARGET} in each)")
            print(f"{'page':32} {'form':8} " + " ".join(f"{name:>14}" for name in CATEGORIES))
            results = []
            for page in args.pages:
                for form_factor in form_factors:
                    result = summarize(page or "/", form_factor, run_lighthouse(base + page, form_factor))
                    results.append(result)
                    print(f"{'/' + page:32} {form_factor:8} " + " ".join(f"{result.scores[name]:>14}" for name in CATEGORIES),
                          flush=True)
                    for line in result.lost:
                        print(f"{'':41}lost: {line}")
            httpd.shutdown()
    except (CannotRun, subprocess.TimeoutExpired, OSError) as error:
        print(f"bench_lighthouse: cannot run: {error}", file=sys.stderr)
        return 2
    below = [r for r in results if any(score < TARGET for score in r.scores.values())]
    print(f"{len(results)} runs: {len(results) - len(below)} at {TARGET} in all three categories, {len(below)} below")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
