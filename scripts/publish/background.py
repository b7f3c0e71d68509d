"""Make the PDFs in other processes while MkDocs goes on building the site.

WeasyPrint takes about as long to load and lay out one PDF as MkDocs takes to build both
languages. When a PDF's inputs changed since the last build (scripts/publish/cache.py), a
forkserver that imports WeasyPrint starts (while MkDocs renders the other language's pages) and
forks one worker per PDF; the build waits for them at its very end. On a machine with two idle
cores the PDFs then cost a fraction of their serial time (scripts/benchmarks/bench_publish.py).
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from publish import pdf
from publish.cache import PdfCache


@dataclass(frozen=True)
class Outcome:
    target: Path
    size: int | None  # bytes written; None when the PDF could not be made
    error: str = ""
    reused: bool = False  # copied from the cache: nothing changed since it was made


class PdfWorkers:
    def __init__(self, cache: PdfCache | None, workers: int = 2) -> None:
        self._cache = cache
        self._workers = workers
        self._pool: ProcessPoolExecutor | None = None
        self._jobs: list[tuple[pdf.Job, str, Future | Outcome]] = []

    def _started_pool(self) -> ProcessPoolExecutor:
        if self._pool is None:
            context = multiprocessing.get_context("forkserver")
            # The workers are forked from a process that has these imported: no import per PDF.
            context.set_forkserver_preload(["publish.pdf", "weasyprint"])
            self._pool = ProcessPoolExecutor(max_workers=self._workers, mp_context=context)
        return self._pool

    def submit(self, job: pdf.Job) -> None:
        key = PdfCache.key(job.inputs()) if self._cache is not None else ""
        size = self._cache.copy_to(key, job.target) if self._cache is not None else None
        if size is not None:
            self._jobs.append((job, key, Outcome(job.target, size, reused=True)))
        else:
            self._jobs.append((job, key, self._started_pool().submit(pdf.write_job, job)))

    def finish(self) -> list[Outcome]:
        """Wait for every PDF; one outcome per PDF submitted, in order."""
        outcomes = []
        for job, key, pending in self._jobs:
            if isinstance(pending, Outcome):
                outcomes.append(pending)
                continue
            try:
                outcomes.append(Outcome(job.target, pending.result()))
            except (pdf.PublishError, OSError, ValueError, BrokenProcessPool) as error:
                outcomes.append(Outcome(job.target, None, str(error) or type(error).__name__))
                continue
            if self._cache is not None:
                self._cache.keep(key, job.target)
        if self._cache is not None:
            self._cache.forget_unused()
        self.cancel()
        self._jobs.clear()
        return outcomes

    def cancel(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None
