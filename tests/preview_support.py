"""`python3 scripts/site.py serve` in a copy of the project, on a free port, stopped afterwards."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

READY = "Serving on http://"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def port_in_use(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


@dataclass
class Preview:
    url: str
    port: int
    process: subprocess.Popen
    lines: list[str] = field(default_factory=list)

    def output(self) -> str:
        return "".join(self.lines)


def _collect(preview: Preview, ready: threading.Event) -> None:
    for line in preview.process.stdout:
        preview.lines.append(line)
        if READY in line:
            ready.set()
    ready.set()  # the process ended: nothing more will come


@contextmanager
def serving(root: Path, *args: str, env: dict[str, str] | None = None, timeout: float = 120) -> Iterator[Preview]:
    """Start `site.py serve` in `root`; yields once the first build is served; stops it after."""
    port = free_port()
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    process = subprocess.Popen(
        [sys.executable, str(root / "scripts" / "site.py"), "serve", "--port", str(port), *args],
        cwd=root, env=environment, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    preview = Preview(f"http://127.0.0.1:{port}/", port, process)
    ready = threading.Event()
    threading.Thread(target=_collect, args=(preview, ready), daemon=True).start()
    try:
        if not ready.wait(timeout) or process.poll() is not None:
            raise AssertionError(f"site.py serve did not start:\n{preview.output()}")
        yield preview
    finally:
        stop(process)


def stop(process: subprocess.Popen) -> None:
    """SIGTERM, as a service manager stops it; SIGKILL only if it does not stop within 30 s."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
    with suppress(subprocess.TimeoutExpired):
        process.wait(timeout=30)
    if process.poll() is None:
        process.kill()
        process.wait()
