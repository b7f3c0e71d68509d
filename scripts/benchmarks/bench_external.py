"""Benchmark `--external`: 200 URLs served from loopback with 100 ms of latency each.

    .venv/bin/python scripts/benchmarks/bench_external.py [--urls 200] [--hosts 8] [--latency 0.1]

The URLs are spread over --hosts loopback addresses (127.0.0.1, 127.0.0.2, ...), each a host of its
own for the per-host limit, as the URLs a real site cites are spread over many hosts. The per-host
limit stays at its polite default (4 requests at a time): with one host, 200 URLs at 100 ms need at
least 200 / 4 x 0.1 s = 5 s whatever the checker does, and a link checker that raised the limit to
go faster would be hammering real sites. The issue's target is at most 3 s without exceeding the
per-host limit; this script prints the figures and asserts nothing.
"""

from __future__ import annotations

import argparse
import inspect
import math
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT / "scripts"), str(ROOT / "tests")]

from refcheck.external import check_external_urls  # noqa: E402
from refcheck.findings import Location  # noqa: E402
from urlserver import UrlServer  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--urls", type=int, default=200, help="distinct URLs to check (default 200)")
    parser.add_argument("--hosts", type=int, default=8, help="loopback hosts to spread them over (default 8)")
    parser.add_argument("--latency", type=float, default=0.1, help="seconds each answer waits (default 0.1)")
    options = parser.parse_args()

    defaults = {
        name: p.default for name, p in inspect.signature(check_external_urls).parameters.items()
        if p.default is not inspect.Parameter.empty
    }
    servers = [UrlServer(host=f"127.0.0.{n + 1}", latency=options.latency) for n in range(options.hosts)]
    try:
        uses = {
            servers[n % len(servers)].url(f"/ok/{n}"): [Location("docs/en/bench.md", n + 1, 1)]
            for n in range(options.urls)
        }
        started = time.perf_counter()
        findings = check_external_urls(uses, allow_loopback=True)  # the defaults, as `--external` runs (loopback let through)
        seconds = time.perf_counter() - started
    finally:
        for server in servers:
            server.stop()

    per_host_max = max(max(server.max_in_flight.values(), default=0) for server in servers)
    requests = sum(server.total_requests() for server in servers)
    per_host, global_limit = defaults["per_host"], defaults["max_concurrency"]
    floor = math.ceil(options.urls / min(global_limit, per_host * options.hosts)) * options.latency
    print(f"URLs checked:                     {options.urls} ({requests} requests, {len(findings)} findings)")
    addresses = "127.0.0.1" if options.hosts == 1 else f"127.0.0.1 to 127.0.0.{options.hosts}"
    print(f"hosts:                            {options.hosts} ({addresses}), each its own host for the limit")
    print(f"latency per answer:               {options.latency * 1000:.0f} ms")
    print(f"total seconds:                    {seconds:.2f}")
    print(f"max in flight per host observed:  {per_host_max}")
    print(f"per-host limit:                   {per_host}")
    print(f"global limit:                     {global_limit}")
    print(f"lower bound at these limits:      {floor:.2f} s")
    print(f"lower bound with all on one host: {math.ceil(options.urls / per_host) * options.latency:.2f} s")
    print("target (issue 3):                 <= 3 s without exceeding the per-host limit")
    print(f"met:                              {'yes' if seconds <= 3 and per_host_max <= per_host else 'no'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
