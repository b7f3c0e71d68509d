"""Rule families run beside the main process (refcheck/beside.py) give the findings of a run in one."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from refcheck import headstart, beside, pipeline, registry
from refcheck.checks import unsafe
from refcheck_support import CHECKER
from translation_support import copy_project, edit
from unsafe_payloads import PAYLOADS


def findings(root: Path, jobs: int | None) -> list[tuple]:
    return [(f.rule, f.file, f.line, f.message, f.severity.value) for f in pipeline.run(root, jobs=jobs).findings]


def test_the_glossary_rules_run_beside_and_the_others_do_not():
    families = {family.name: family.beside for family in registry.source_families()}
    assert {name for name, apart in families.items() if apart} == {"terminology"}


def test_pages_judged_ahead_give_the_findings_of_pages_judged_by_the_rule(tmp_path: Path):
    root = copy_project(tmp_path)
    for payload in PAYLOADS:
        (root / payload.file).write_text(payload.markdown, encoding="utf-8")
    ahead = unsafe.judge_ahead(root)
    assert len(ahead) == len(list((root / "docs").rglob("*.md")))
    started = headstart.start(root, None, None, ())
    assert set(started.memo) == ({unsafe.JUDGED_AHEAD} if beside.may_run_beside(None) else set())
    with_ahead = pipeline.run(root, jobs=1, started=started).findings
    assert with_ahead == pipeline.run(root, jobs=1, started=headstart.Started(None)).findings
    assert {f.rule for f in with_ahead} >= {"unsafe-html", "unsafe-event-handler", "unsafe-javascript-url"}


def test_a_site_larger_than_the_threshold_is_judged_by_the_rule_itself(tmp_path: Path):
    root = copy_project(tmp_path)
    assert unsafe.judge_ahead(root, at_most=3) == {}


def test_a_run_with_families_beside_gives_what_a_run_in_one_process_gives(tmp_path: Path):
    if not beside.may_run_beside(None):
        pytest.skip("one core: nothing runs beside")
    root = copy_project(tmp_path)
    for payload in PAYLOADS[:4]:  # unsafe-html findings, from the child
        (root / payload.file).write_text(payload.markdown, encoding="utf-8")
    # a broken anchor: a finding of the main process, on a page the child judges too
    edit(root / "docs/es/not-safe-to-wait.md", "Un estudio de 2017", "Un estudio [roto](#no-such-id) de 2017")
    alone = findings(root, jobs=1)
    assert {rule for rule, *_ in alone} >= {"unsafe-html", "anchor-missing"}
    assert findings(root, jobs=None) == alone


def test_an_error_in_the_family_beside_reaches_the_main_process(monkeypatch, tmp_path: Path):
    if not beside.may_run_beside(None):
        pytest.skip("one core: nothing runs beside")
    def broken(project, config):
        raise ValueError("broken beside")

    monkeypatch.setattr(registry, "source_families", lambda: [
        registry.RuleFamily(f.name, f.rules, broken if f.name == "terminology" else f.check, f.beside)
        for f in registry._source_families()])
    with pytest.raises(ValueError, match="broken beside"):
        pipeline.run(copy_project(tmp_path), jobs=None)


def _processes_mentioning(needle: str) -> list[str]:
    found = []
    for entry in Path("/proc").iterdir():
        try:
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if entry.name.isdigit() and needle in command:
            found.append(f"{entry.name}: {command}")
    return found


def test_a_check_leaves_no_process_behind_and_says_everything(tmp_path: Path):
    """The checker ends its process without Python's teardown (scripts/check_references.py):
    every worker it forked and every hunspell it started must have ended, its output be whole."""
    root = copy_project(tmp_path)
    edit(root / "docs/es/not-safe-to-wait.md", "Un estudio de 2017", "Un estudio [roto](#no-such-id) de 2017")
    site = tmp_path / "built"
    (site / "es").mkdir(parents=True)
    (site / "index.html").write_text('<a href="es/missing.html">x</a>', encoding="utf-8")
    command = [sys.executable, str(CHECKER), "--root", str(root), "--site-dir", str(site), "--no-cache"]
    as_json = subprocess.run([*command, "--format", "json"], capture_output=True, text=True, timeout=120)
    assert as_json.returncode == 1, as_json.stderr
    assert "anchor-missing" in {finding["rule"] for finding in json.loads(as_json.stdout)}
    as_text = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert as_text.returncode == 1 and "anchor-missing" in as_text.stdout
    assert re.fullmatch(r"\d+ pages checked: \d+ errors?, \d+ warnings?", as_text.stderr.strip().splitlines()[-1])
    assert _processes_mentioning(str(root)) == []
