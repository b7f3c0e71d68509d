"""Rule families run in a second process beside the main one, on a machine with two cores or more.

A family whose module sets `RUN_BESIDE = True` (the glossary rules, which compile a pattern per
term and search every translated page) shares nothing with the other rules through `project.memo`,
so it can run in a process forked from the main one once the project is read: the child gets the
project as it is (fork copies memory, nothing is pickled on the way in) and sends back only its
findings. The main process checks the other families meanwhile. Findings come out in the same
order as a run in one process; an error in the child is raised in the main process as it was
raised there. `mkdocs serve` (the refcheck plugin, refcheck/plugin.py) and `--jobs 1` run everything
in one process.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from refcheck.config import Config
    from refcheck.findings import Finding
    from refcheck.project import Project
    from refcheck.registry import RuleFamily

# What the forked child checks: set just before the fork, read by `_check_in_child`.
_work: tuple[Project, Config, dict[str, RuleFamily]] | None = None


def may_run_beside(jobs: int | None) -> bool:
    return (jobs is None or jobs > 1) and (os.cpu_count() or 1) > 1


def start(project: Project, config: Config, families: Sequence[RuleFamily]) -> Callable[[], dict[str, list[Finding]]]:
    """Start checking `families` in a forked process; the function returned waits for their
    findings, by family name, and for the process to end."""
    global _work
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    _work = (project, config, {family.name: family for family in families})
    pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"))
    try:
        future = pool.submit(_check_in_child, [family.name for family in families])
    finally:
        _work = None  # the child has its copy; the main process keeps no second reference
        pool.shutdown(wait=False)

    def findings() -> dict[str, list[Finding]]:
        try:
            return future.result()
        finally:
            pool.shutdown(wait=True)

    return findings


def _check_in_child(names: list[str]) -> dict[str, list[Finding]]:
    assert _work is not None, "refcheck.beside: the child was not forked from start()"
    project, config, families = _work
    return {name: list(families[name].check(project, config)) for name in names}
