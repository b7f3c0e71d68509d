#!/usr/bin/env python3
"""Same-run comparison of several copies of the checker (a speed device kept or removed).

Each `--variant "NAME=DIR [OPTION ...]"` names a checkout (DIR/scripts/check_references.py, run on
its own copy of this site, DIR, with the options given after DIR). The runs alternate
between variants, round after round, so that the load of the shared machine falls on all of them
alike; each figure is the median of --repeat rounds. Scenarios:

- this site: sources only, no cache (`--no-cache`), as CI and pre-commit run it;
- 2,000 pages (the generated site of bench_check_references.py, built once): sources and built
  site cold (`--no-cache --site-dir`), and again after editing one page (each variant with its own
  cache folder, filled once first, so each sees exactly one changed page);
- lychee on the same built site, in the same rounds, as the peer of the targets.

    .venv/bin/python scripts/benchmarks/bench_variants.py --variant before=/tmp/layout --variant after=. [--repeat 7]
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

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_check_references import ENV, LYCHEE, PYTHON, ROOT, edit_one_page, generate, lychee  # noqa: E402

CHECKER = Path("scripts") / "check_references.py"


def timed(command: list[str], cwd: Path, ok: tuple[int, ...] = (0, 1)) -> tuple[float, float]:
    """(wall time, CPU time of the command's processes): on a loaded machine the second holds better."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - usage.ru_utime - usage.ru_stime
    if done.returncode not in ok:
        raise SystemExit(f"`{' '.join(command)}` exited {done.returncode}: {done.stderr.strip()[-500:]}")
    return elapsed, cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--variant", action="append", required=True, metavar="NAME=DIR")
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--pages", type=int, default=2000)
    args = parser.parse_args()
    variants: dict[str, tuple[Path, list[str]]] = {}
    for item in args.variant:
        name, _, rest = item.partition("=")
        folder, *options = rest.split()
        variants[name] = (Path(folder).resolve(), options)
    for folder, _options in variants.values():
        subprocess.run([PYTHON, "-m", "compileall", "-q", str(folder / "scripts")], check=True, stdout=subprocess.DEVNULL)
    work = Path(tempfile.mkdtemp(prefix="bench-variants-"))
    try:
        root = work / "generated"
        generate(root, args.pages)
        subprocess.run([PYTHON, "-m", "mkdocs", "build", "--site-dir", str(root / "site"), "--quiet"], cwd=root,
                       env=ENV, check=True)
        caches = {name: work / f"cache-{name}" for name in variants}
        for name, (folder, options) in variants.items():  # fill each variant's cache once
            timed([PYTHON, str(folder / CHECKER), "--root", str(root), "--site-dir", str(root / "site"),
                   "--cache-dir", str(caches[name]), *options], ROOT)
        times: dict[tuple[str, str], list[tuple[float, float]]] = {}
        rounds = [0]
        for _ in range(args.repeat):
            edit_one_page(root, args.pages, rounds)
            for name, (folder, options) in variants.items():
                checker = str(folder / CHECKER)
                site = [PYTHON, checker, *options, "--root", str(root), "--site-dir", str(root / "site")]
                times.setdefault(("this site, sources, no cache", name), []).append(
                    timed([PYTHON, checker, *options, "--root", str(folder), "--no-cache"], folder))
                times.setdefault((f"{args.pages} pages, cold", name), []).append(timed(site + ["--no-cache"], ROOT))
                times.setdefault((f"{args.pages} pages, one page edited", name), []).append(
                    timed(site + ["--cache-dir", str(caches[name])], ROOT))
            if LYCHEE.is_file():
                times.setdefault((f"{args.pages} pages", "lychee"), []).append(timed(lychee(root / "site"), ROOT, ok=(0, 2)))
        print(f"CPUs: {os.cpu_count()}; load average {os.getloadavg()[0]:.1f}; median of {args.repeat} alternating rounds")
        for (scenario, name), runs in times.items():
            walls = [wall for wall, _ in runs]
            print(f"  {scenario:36} {name:14} {statistics.median(walls):6.2f} s  [min {min(walls):.2f}, max {max(walls):.2f}]"
                  f"  CPU {statistics.median(cpu for _, cpu in runs):6.2f} s")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
