"""Make the PDFs in other processes while MkDocs goes on building the site.

Loading WeasyPrint and laying out the two PDFs takes about 60 % of the CPU time MkDocs takes to
build both languages. One worker process, forked from the build, makes them one after the other
while MkDocs goes on (on two cores, side by side): each language's PDF is handed over as soon as
its pages' HTML is final (scripts/edition_plugins/publish.py, on_env), and the build waits for the worker
at its very end. When no PDF is kept from an earlier build (scripts/publish/pdf_cache.py), the
worker starts with the build and imports WeasyPrint while MkDocs renders pages; otherwise it starts
only for a PDF whose inputs changed. One worker, not one per PDF: WeasyPrint is imported and its
fonts set up once, which matters most on a busy machine (scripts/benchmarks/bench_publish.py).

The worker writes each PDF to a private folder, never into the site folder MkDocs is writing: at the
end of the build (`finish`, after MkDocs has copied the files of docs/) the PDF, made or kept, is
copied to its address, over anything there, and only what the worker wrote is kept in the cache.

Each PDF has PDF_SECONDS to be laid out: a page whose layout never ends (an SVG `<use>` bomb, a
pattern WeasyPrint is slow on) ends as "PDF not made" naming the PDF, an error of the build, not
as a build that never ends. The worker is stopped by an alarm in its own process.
"""

from __future__ import annotations

import multiprocessing
import signal
import shutil
import tempfile
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from pathlib import Path

from publish import pdf
from publish.pdf_cache import PdfCache

PDF_SECONDS = 25  # a PDF of the brief takes 2 to 5 s on a loaded 2-core machine


@dataclass(frozen=True)
class Outcome:
    target: Path
    size: int | None  # bytes written; None when the PDF could not be made
    error: str = ""
    reused: bool = False  # copied from the cache: nothing changed since it was made


class PdfWorkers:
    def __init__(self, cache: PdfCache | None) -> None:
        self._cache = cache
        self._pool: ProcessPoolExecutor | None = None
        self._jobs: list[tuple[pdf.Job, str, Future | Outcome]] = []
        self._private = Path(tempfile.mkdtemp(prefix="publish-pdf-"))
        if cache is None or cache.empty():
            self._started_pool().submit(_load_weasyprint)

    def _started_pool(self) -> ProcessPoolExecutor:
        if self._pool is None:
            # fork: the worker starts with everything the build has imported (the build runs no threads).
            self._pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"))
        return self._pool

    def _made_at(self, index: int) -> Path:
        return self._private / f"{index}.pdf"

    def submit(self, job: pdf.Job) -> None:
        key = PdfCache.key(job.inputs()) if self._cache is not None else ""
        if self._cache is not None and self._cache.has(key):
            self._jobs.append((job, key, Outcome(job.target, None, reused=True)))
        else:
            private = replace(job, target=self._made_at(len(self._jobs)))
            self._jobs.append((job, key, self._started_pool().submit(_write_in_time, private)))

    def finish(self) -> list[Outcome]:
        """Wait for every PDF; one outcome per PDF submitted, in order."""
        outcomes = []
        for index, (job, key, pending) in enumerate(self._jobs):
            if isinstance(pending, Outcome):
                size = self._cache.copy_to(key, job.target) if self._cache is not None else None
                outcomes.append(Outcome(job.target, size, "" if size else "the kept PDF has gone", reused=True))
                continue
            try:
                pending.result()
                made = self._made_at(index)
                job.target.unlink(missing_ok=True)  # whatever MkDocs copied there, a link included
                job.target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(made, job.target)
                outcomes.append(Outcome(job.target, job.target.stat().st_size))
            except (pdf.PublishError, OSError, ValueError, BrokenProcessPool) as error:
                outcomes.append(Outcome(job.target, None, str(error) or type(error).__name__))
                continue
            if self._cache is not None:
                self._cache.keep(key, made)
        if self._cache is not None:
            self._cache.forget_unused()
        self.cancel()
        self._jobs.clear()
        return outcomes

    def cancel(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None
        shutil.rmtree(self._private, ignore_errors=True)


def _load_weasyprint() -> None:
    try:
        pdf.load_weasyprint()
    except pdf.PublishError:
        pass  # said again, in one line, by the PDF that needs it (pdf.write_pdf)


def _out_of_time(signum: int, frame: object) -> None:
    raise pdf.PublishError(f"laying out the PDF took longer than {PDF_SECONDS} s: a page holds something "
                           "WeasyPrint cannot lay out in time (look for the page changed last)")


def _write_in_time(job: pdf.Job) -> int:
    """pdf.write_job in the worker process, stopped after PDF_SECONDS."""
    previous = signal.signal(signal.SIGALRM, _out_of_time)
    signal.alarm(PDF_SECONDS)
    try:
        return pdf.write_job(job)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
