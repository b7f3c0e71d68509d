"""Rule groups and selection (README, "The reference checker"): an unconfigured project runs only the
reference rules; `--select` and `--ignore` take groups and rule ids; a multilingual project without
the translation rules hears, once, how to turn them on; `--debug` shows an internal error's
traceback; rules declare their group and import no other rule."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from refcheck import pipeline, registry
from refcheck.findings import GROUPS, POLICY, REFERENCE
from refcheck_support import ROOT, Edit, copy_fixture, run_cli

SCRIPT = Edit("docs/en/report.md", "Back to", '<script src="https://example.org/x.js"></script>\n\nBack to')
HINT = "--select reference,translation"


def unconfigured(tmp_path: Path) -> Path:
    """The folder fixture (three languages) with its `select` and workflow settings taken out."""
    root = copy_fixture("folder", tmp_path)
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    for line in ("    select: [reference, translation, policy]\n", "    translation_workflow: {}\n"):
        assert line in text
        text = text.replace(line, "")
    config.write_text(text, encoding="utf-8")
    SCRIPT.apply(root, "folder")
    return root


def rules_found(*args: str) -> set[str]:
    done = run_cli(*args, "--no-cache", "--format", "json")
    assert done.returncode in (0, 1), done.stderr
    return {finding["rule"] for finding in json.loads(done.stdout)}


def test_an_unconfigured_project_runs_only_the_reference_rules(tmp_path: Path) -> None:
    root = unconfigured(tmp_path)
    project, config = pipeline.read(root)
    assert {rule.group for family in pipeline.enabled_families(config) for rule in family.rules
            if config.enabled(rule)} == {REFERENCE}
    assert "unsafe-html" not in rules_found("--root", str(root))


def test_select_turns_a_group_on_and_ignore_turns_it_off(tmp_path: Path) -> None:
    root = unconfigured(tmp_path)
    assert "unsafe-html" in rules_found("--root", str(root), "--select", "reference,policy")
    assert "unsafe-html" in rules_found("--root", str(root), "--select", "unsafe-html")
    configured = copy_fixture("folder", tmp_path / "configured")
    SCRIPT.apply(configured, "folder")
    assert "unsafe-html" in rules_found("--root", str(configured))
    assert "unsafe-html" not in rules_found("--root", str(configured), "--ignore", "policy")
    assert "unsafe-html" not in rules_found("--root", str(configured), "--ignore", "unsafe-html")


def test_select_naming_no_rule_or_group_exits_2_in_one_line(tmp_path: Path) -> None:
    done = run_cli("--root", str(unconfigured(tmp_path)), "--select", "referense")
    assert done.returncode == 2 and "referense" in done.stderr and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_a_multilingual_project_without_the_translation_rules_hears_how_to_turn_them_on(tmp_path: Path) -> None:
    root = unconfigured(tmp_path)
    done = run_cli("--root", str(root), "--no-cache")
    assert [line for line in done.stderr.splitlines() if HINT in line] != []
    spanish = run_cli("--root", str(root), "--no-cache", "--ui-lang", "es")
    hint = [line for line in spanish.stderr.splitlines() if HINT in line]
    assert len(hint) == 1 and "traducción" in hint[0]
    selected = run_cli("--root", str(root), "--no-cache", "--select", "reference,translation")
    assert HINT not in selected.stderr


def test_this_edition_keeps_every_group_on() -> None:
    _project, config = pipeline.read(ROOT)
    assert all(config.selected(group) for group in GROUPS)


def test_an_internal_error_is_one_line_and_a_hint_without_debug_and_a_traceback_with_it(tmp_path: Path,
                                                                                          monkeypatch, capsys) -> None:
    from refcheck import cli

    def broken(project, config):
        raise ValueError("broken on purpose")

    monkeypatch.setattr(registry, "source_families", lambda: [registry.RuleFamily("broken", (), broken)])
    root = copy_fixture("folder", tmp_path)
    assert cli.main(["--root", str(root), "--no-cache"]) == 2
    quiet = capsys.readouterr().err
    assert "internal error: ValueError: broken on purpose" in quiet and "--debug" in quiet
    assert "Traceback" not in quiet
    assert cli.main(["--root", str(root), "--no-cache", "--debug"]) == 2
    loud = capsys.readouterr().err
    assert "Traceback (most recent call last)" in loud and "broken on purpose" in loud


def test_every_rule_declares_a_known_group() -> None:
    assert {rule.group for rule in registry.all_rules()} <= set(GROUPS)
    assert {rule.id for rule in registry.all_rules() if rule.group == POLICY} >= {"unsafe-html", "config-python-tag"}


@pytest.mark.parametrize("module", sorted((ROOT / "scripts/refcheck/checks").glob("[!_]*.py")), ids=lambda p: p.name)
def test_a_rule_module_imports_no_other_rule_module(module: Path) -> None:
    imported = set()
    for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            imported |= {node.module} | {f"{node.module}.{alias.name}" for alias in node.names}
        elif isinstance(node, ast.Import):
            imported |= {alias.name for alias in node.names}
    assert not {name for name in imported if name.startswith("refcheck.checks")}
