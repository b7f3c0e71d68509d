#!/usr/bin/env python3
"""Benchmark: what the allowlist sanitizer and the CSP hashing add to a build (issue 9's target: <= 10 %).

Measured in the same run, on the same machine, alternating the two variants so that load on the
machine falls on both alike:

1. This site: a copy of the project built with its mkdocs.yml, and with the same mkdocs.yml less
   the edition-safe-html plugin (scripts/edition_plugins/safe_html.py).
2. A generated two-language site of 2,000 Markdown pages (scripts/bench_check_references.py makes
   it), built without and with the plugin.

For each: the median CPU time (and wall time) of --repeat `mkdocs build` runs of each variant, and
the difference as a share of the build without the plugin. The plugin's own time is also measured inside one build (the
time spent in the plugin's methods), which is free of the noise between two separate builds.

    .venv/bin/python scripts/benchmarks/bench_sanitize.py [--repeat 5] [--pages 2000]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

import bench_check_references  # noqa: E402  (scripts/: it makes the generated site)

PYTHON = sys.executable
PLUGIN_LINE = "  - edition-safe-html\n"
# What the copy of this project leaves out: environments, outputs, history.
LEFT_OUT = (".venv", ".git", "site", "test-artifacts", ".cache", "__pycache__", ".pytest_cache", ".hypothesis")
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "REFCHECK_HOOK": "off"}
# Runs one build in-process and sums the time spent inside the plugin's event methods.
PROFILE = r"""
import sys, time, importlib.util, logging
from mkdocs.commands.build import build
from mkdocs.config import load_config
config = load_config(sys.argv[1], site_dir=sys.argv[2])
spent = [0.0]
for plugin_events in [config.plugins.events]:
    for event, methods in plugin_events.items():
        for index, method in enumerate(methods):
            code = getattr(method, "__code__", None) or getattr(getattr(method, "__func__", None), "__code__", None)
            if code is not None and code.co_filename.endswith("safe_html.py"):
                def timed(*args, _method=method, **kwargs):
                    start = time.perf_counter()
                    try:
                        return _method(*args, **kwargs)
                    finally:
                        spent[0] += time.perf_counter() - start
                methods[index] = timed
logging.disable(logging.WARNING)
start = time.perf_counter()
build(config)
print(f"{time.perf_counter() - start:.4f} {spent[0]:.4f}")
"""


def copy_project(into: Path) -> Path:
    root = into / "this-site"
    shutil.copytree(ROOT, root, ignore=shutil.ignore_patterns(*LEFT_OUT))
    text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    if PLUGIN_LINE not in text:
        raise SystemExit("mkdocs.yml does not list the edition-safe-html plugin: nothing to compare")
    (root / "mkdocs-without-plugin.yml").write_text(text.replace(PLUGIN_LINE, ""), encoding="utf-8")
    return root


def generated_site(into: Path, pages: int) -> Path:
    root = into / f"generated-{pages}"
    bench_check_references.generate(root, pages)
    text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs-without-plugin.yml").write_text(text, encoding="utf-8")
    # The plugin, last in the generated site's plugin list (after i18n, as in this site's).
    with_plugin = text.replace("\nmarkdown_extensions:", "\n" + PLUGIN_LINE.rstrip("\n") + "\nmarkdown_extensions:", 1)
    (root / "mkdocs.yml").write_text(with_plugin, encoding="utf-8")
    return root


def build_time(root: Path, config: str) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of one `mkdocs build` in a new process.

    The CPU time (user + system, of the build's process) is the figure compared: on a machine
    shared with other work, wall time also measures the others' load, CPU time far less so.
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run([PYTHON, "-m", "mkdocs", "build", "-q", "-f", config, "--site-dir", str(root / "site")],
                          cwd=root, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"the build of {root / config} failed: {done.stderr.strip()[-500:]}")
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), wall


def plugin_share(root: Path) -> tuple[float, float]:
    """(build seconds, seconds inside the plugin) of one in-process build with the plugin."""
    done = subprocess.run([PYTHON, "-c", PROFILE, str(root / "mkdocs.yml"), str(root / "site")], cwd=root, env=ENV,
                          capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"the profiled build failed: {done.stderr.strip()[-500:]}")
    total, spent = (float(x) for x in done.stdout.split()[-2:])
    return total, spent


def compare(name: str, root: Path, repeat: int) -> bool:
    without, with_hook = [], []
    build_time(root, "mkdocs.yml")  # warm the file cache and Python's bytecode once
    for _ in range(repeat):
        without.append(build_time(root, "mkdocs-without-plugin.yml"))
        with_hook.append(build_time(root, "mkdocs.yml"))
    base, hooked = (statistics.median(cpu for cpu, _ in runs) for runs in (without, with_hook))
    base_wall, hooked_wall = (statistics.median(wall for _, wall in runs) for runs in (without, with_hook))
    added = (hooked - base) / base
    total, spent = plugin_share(root)
    pages = sum(1 for _ in (root / "site").rglob("*.html"))
    print(f"{name} ({pages} HTML pages), median of {repeat} builds each (CPU time; wall time in brackets):")
    print(f"  mkdocs build without the plugin{base:7.2f} s  ({base_wall:.2f} s)")
    print(f"  mkdocs build with the plugin   {hooked:7.2f} s  ({hooked_wall:.2f} s)   "
          f"+{added * 100:.1f} % CPU (target <= 10 %), +{(hooked_wall - base_wall) / base_wall * 100:.1f} % wall")
    print(f"  inside one build: plugin {spent:.2f} s of {total:.2f} s = {spent / total * 100:.1f} % of the build")
    return added <= 0.10


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--pages", type=int, default=2000, help="pages of the generated site (0: this site only)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-sanitize-"))
    try:
        print(f"CPUs: {os.cpu_count()}; Python {sys.version.split()[0]}; the refcheck plugin off in both variants\n")
        ok = compare("This site", copy_project(work), args.repeat)
        if args.pages:
            print()
            ok &= compare(f"Generated site, {args.pages} Markdown pages in 2 languages", generated_site(work, args.pages), args.repeat)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
