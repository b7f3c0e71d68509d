"""Make the PDFs in other processes while MkDocs goes on building the site.

WeasyPrint takes about as long to load and lay out one PDF as MkDocs takes to build both
languages. A forkserver that has already imported WeasyPrint (it starts when the build starts,
and imports it while MkDocs renders pages) forks one worker per PDF as soon as that language's
joined text is ready; the build waits for them at its very end. On a machine with two cores the
PDFs then cost a fraction of their serial time (scripts/benchmarks/bench_publish.py).
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from publish import pdf


@dataclass(frozen=True)
class Outcome:
    target: Path
    size: int | None  # bytes written; None when the PDF could not be made
    error: str = ""


class PdfWorkers:
    def __init__(self, workers: int = 2) -> None:
        context = multiprocessing.get_context("forkserver")
        # The workers are forked from a process that has these imported: no import per PDF.
        context.set_forkserver_preload(["publish.pdf", "weasyprint"])
        self._pool = ProcessPoolExecutor(max_workers=workers, mp_context=context)
        self._jobs: list[tuple[Path, Future]] = []
        # Start the forkserver now, so that it imports WeasyPrint while MkDocs builds.
        self._pool.submit(_ready)

    def submit(self, edition: pdf.Edition, fragment: str, *, site_url: str, site_dir: Path, target: Path) -> None:
        future = self._pool.submit(pdf.write_pdf, edition, fragment, site_url=site_url, site_dir=site_dir,
                                   target=target)
        self._jobs.append((target, future))

    def finish(self) -> list[Outcome]:
        """Wait for every PDF; one outcome per PDF submitted, in order."""
        outcomes = []
        for target, future in self._jobs:
            try:
                outcomes.append(Outcome(target, future.result()))
            except (pdf.PublishError, OSError, ValueError, BrokenProcessPool) as error:
                outcomes.append(Outcome(target, None, str(error) or type(error).__name__))
        self._pool.shutdown()
        self._jobs.clear()
        return outcomes

    def cancel(self) -> None:
        self._pool.shutdown(cancel_futures=True)


def _ready() -> bool:
    return True
