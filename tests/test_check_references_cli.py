"""The command line: formats, exit codes, settings, the rule table, bad input, random input."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
import tempfile
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from refcheck import cli, registry, report
from refcheck.checks import links
from refcheck_support import ROOT, Edit, copy_fixture, findings, line_of, run_cli, source_findings

TEXT_LINE = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+)(:(?P<col>\d+))?: (?P<severity>error|warning|info) (?P<rule>[a-z0-9-]+): .+$")


def _broken(tmp_path: Path) -> Path:
    root = copy_fixture("folder", tmp_path)
    Edit("docs/en/index.md", "(report.md#findings)", "(reprt.md#findings)").apply(root, "folder")
    return root


def _main(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = cli.main(list(args))
    return code, out.getvalue(), err.getvalue()


# -- exit codes -----------------------------------------------------------------------------------
def test_a_clean_project_exits_0(tmp_path: Path) -> None:
    root = copy_fixture("folder", tmp_path)
    code, out, _ = _main("--root", str(root), "--format", "json")
    assert code == 0
    assert not [f for f in json.loads(out) if f["severity"] == "error"]


def test_an_error_exits_1_and_is_printed_as_path_line_col_severity_rule(tmp_path: Path) -> None:
    root = _broken(tmp_path)
    done = run_cli("--root", str(root))
    assert done.returncode == 1
    lines = [line for line in done.stdout.splitlines() if "link-broken" in line]
    assert len(lines) == 1
    match = TEXT_LINE.match(lines[0])
    assert match is not None, lines[0]
    assert (match["file"], match["line"], match["severity"], match["rule"]) == ("docs/en/index.md", "3", "error", "link-broken")
    assert match["col"] is not None


def test_warnings_alone_exit_0(tmp_path: Path) -> None:
    root = copy_fixture("folder", tmp_path)
    Edit("docs/en/report.md", "Back to", "See <http://example.org/plain>. Back to").apply(root, "folder")
    code, out, _ = _main("--root", str(root), "--format", "json")
    assert code == 0
    assert any(f["rule"] == "insecure-http-link" for f in json.loads(out))


def test_no_mkdocs_yml_exits_2_with_one_line_and_no_traceback(tmp_path: Path) -> None:
    done = run_cli("--root", str(tmp_path))
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "no mkdocs.yml" in done.stderr
    assert "Traceback" not in done.stderr


def test_invalid_yaml_exits_2_and_names_the_line(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text("site_name: x\nnav: [unclosed\n")
    done = run_cli("--root", str(tmp_path))
    assert done.returncode == 2
    assert "not valid YAML at line" in done.stderr and "Traceback" not in done.stderr


def test_mkdocs_tags_are_read_without_being_executed(tmp_path: Path) -> None:
    root = copy_fixture("folder", tmp_path)
    marker = tmp_path / "executed"
    config = root / "mkdocs.yml"
    config.write_text(config.read_text() + f"extra_stuff: !!python/object/apply:os.system ['touch {marker}']\n"
                      "other: !!python/name:os.getcwd\nrel: !relative $config_dir\n")
    code, out, err = _main("--root", str(root), "--format", "json")
    assert not marker.exists()
    # Read as data, and reported: MkDocs' own loader would run them (tests/test_config_is_code.py).
    assert code == 1, err
    assert sorted(f["rule"] for f in json.loads(out) if f["severity"] == "error") == ["config-python-tag"] * 2


# -- formats --------------------------------------------------------------------------------------
def test_json_gives_rule_severity_root_relative_file_and_1_based_positions(tmp_path: Path) -> None:
    code, out, _ = _main("--root", str(_broken(tmp_path)), "--format", "json")
    data = [f for f in json.loads(out) if f["rule"] == "link-broken"]
    assert code == 1
    assert data == [{"rule": "link-broken", "severity": "error", "file": "docs/en/index.md", "line": 3,
                     "column": data[0]["column"], "message": data[0]["message"]}]
    assert data[0]["column"] >= 1


def test_github_format_writes_workflow_annotations(tmp_path: Path) -> None:
    _, out, _ = _main("--root", str(_broken(tmp_path)), "--format", "github")
    line = next(line for line in out.splitlines() if "link-broken" in line)
    assert line.startswith("::error file=docs/en/index.md,line=3,col=")
    assert ",title=link-broken::" in line


def test_sarif_format_is_sarif_2_1_0_with_the_rules_and_regions(tmp_path: Path) -> None:
    _, out, _ = _main("--root", str(_broken(tmp_path)), "--format", "sarif")
    log = json.loads(out)
    assert log["version"] == "2.1.0"
    run = log["runs"][0]
    assert {rule["id"] for rule in run["tool"]["driver"]["rules"]} == registry.rule_ids()
    result = next(r for r in run["results"] if r["ruleId"] == "link-broken")
    assert result["level"] == "error"
    location = result["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "docs/en/index.md" and location["region"]["startLine"] == 3


def test_an_unknown_format_exits_2(tmp_path: Path) -> None:
    code, _, err = _main("--root", str(copy_fixture("folder", tmp_path)), "--format", "xml")
    assert code == 2 and "--format" in err


# -- settings from extra.refcheck ---------------------------------------------------------------
def _configure(root: Path, settings_yaml: str) -> None:
    config = root / "mkdocs.yml"
    config.write_text(config.read_text() + "extra:\n  refcheck:\n" + settings_yaml)


def test_a_rule_set_to_off_is_not_reported_and_a_warning_can_become_an_error(tmp_path: Path) -> None:
    root = _broken(tmp_path)
    Edit("docs/en/report.md", "Back to", "See <http://example.org/plain>. Back to").apply(root, "folder")
    _configure(root, "    severity:\n      link-broken: off\n      insecure-http-link: error\n")
    found = {(f.rule, f.severity.value) for f in findings(root)}
    assert ("insecure-http-link", "error") in found
    assert not any(rule == "link-broken" for rule, _ in found)


def test_excluded_files_and_ignored_urls_are_not_reported(tmp_path: Path) -> None:
    root = _broken(tmp_path)
    Edit("docs/es/index.md", "(img/map.png)", "(img/mapa.png)").apply(root, "folder")
    _configure(root, "    exclude: [docs/en/*]\n    ignore_urls: ['^img/mapa']\n")
    assert not [f for f in findings(root) if f.rule == "link-broken"]


def test_a_setting_naming_an_unknown_rule_exits_2(tmp_path: Path) -> None:
    root = copy_fixture("folder", tmp_path)
    _configure(root, "    severity:\n      no-such-rule: off\n")
    code, _, err = _main("--root", str(root))
    assert code == 2 and "no-such-rule" in err


# -- the rule table ------------------------------------------------------------------------------
def test_every_rule_is_documented_with_a_stable_id_and_both_examples() -> None:
    rules = registry.all_rules()
    assert len({rule.id for rule in rules}) == len(rules)
    for rule in rules:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rule.id)
        assert rule.summary and rule.why and rule.failing_example and rule.passing_example


def test_list_rules_prints_the_markdown_table_from_the_registry() -> None:
    code, out, _ = _main("--list-rules", "--format", "markdown")
    assert code == 0
    assert out == report.rules_markdown(registry.all_rules())
    for rule in registry.all_rules():
        assert f"| [`{rule.id}`](#rule-{rule.id}) | {rule.severity.value} |" in out


@pytest.mark.parametrize("name, language", [("RULES.md", "en"), ("RULES.es.md", "es")])
def test_the_rule_reference_files_are_generated_in_their_language(name: str, language: str) -> None:
    from refcheck import uitext

    rules = ROOT / name
    text = rules.read_text(encoding="utf-8") if rules.exists() else ""
    uitext.use(language)
    try:
        generated = report.rules_markdown(registry.all_rules())
    finally:
        uitext.use("en")
    assert text == generated, (
        f"{name} is not the registry's: python3 scripts/site.py check --list-rules --format markdown "
        f"--ui-lang {language} > {name}")


# -- bad input ------------------------------------------------------------------------------------
def test_a_page_that_is_not_utf8_is_reported_at_its_byte_and_the_rest_is_checked(tmp_path: Path) -> None:
    root = copy_fixture("folder", tmp_path)
    Edit("docs/en/report.md", None, b"# Report\n\nCaf\xe9 [x](missing.md)\n").apply(root, "folder")
    found = {(f.rule, f.line, f.column) for f in findings(root)}
    assert ("source-not-utf8", 3, 4) in found
    assert any(rule == "link-broken" and line == 3 for rule, line, _ in found)


def test_a_bom_and_crlf_line_ends_keep_lines_and_columns_right(tmp_path: Path) -> None:
    root = copy_fixture("folder", tmp_path)
    page = root / "docs/en/report.md"
    text = page.read_text().replace("(index.md)", "(indx.md)")
    page.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode())
    found = [f for f in findings(root) if f.rule == "link-broken"]
    assert [(f.file, f.line) for f in found] == [("docs/en/report.md", line_of(page, "indx.md"))]
    assert found[0].column == text.splitlines()[found[0].line - 1].index("indx.md") + 1


def test_an_empty_page_is_checked_without_error(tmp_path: Path) -> None:
    root = copy_fixture("folder", tmp_path)
    Edit("docs/en/report.md", None, "").apply(root, "folder")
    code, _, err = _main("--root", str(root))
    assert code in (0, 1) and "internal error" not in err


def test_an_unreadable_page_exits_2_with_its_name(tmp_path: Path) -> None:
    root = copy_fixture("folder", tmp_path)
    page = root / "docs/en/report.md"
    page.unlink()
    page.symlink_to(page)  # a link to itself: reading it fails (ELOOP)
    code, _, err = _main("--root", str(root))
    assert code in (1, 2) and "Traceback" not in err
    if code == 2:
        assert "report.md" in err


def test_a_5_mb_page_is_checked_and_its_last_line_is_right(tmp_path: Path) -> None:
    root = copy_fixture("folder", tmp_path)
    paragraph = "Words of a long page, with [a link](index.md) and a number 1,234.\n\n"
    body = "# Big\n\n" + paragraph * (5_000_000 // len(paragraph)) + "[broken](nowhere.md)\n"
    Edit("docs/en/big.md", None, body).apply(root, "folder")
    found = [f for f in source_findings(root, (links,)) if f.rule == "link-broken"]
    assert [(f.file, f.line) for f in found] == [("docs/en/big.md", body.count("\n"))]


# -- random input ---------------------------------------------------------------------------------
MARKDOWN_ALPHABET = st.sampled_from(list("ab1 ,.#[]()^:!*_`<>{}\n\t-|\\/\"'=&%") + ["[^1]", "](x.md#a)", "<script>", "\r\n", "é", "\ufeff"])
_SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _run_on_page(content: bytes) -> tuple[int, str]:
    with tempfile.TemporaryDirectory() as temporary:
        root = copy_fixture("folder", Path(temporary))
        (root / "docs/en/random.md").write_bytes(content)
        (root / "docs/es/random.md").write_bytes(content[::-1])
        code, _, err = _main("--root", str(root))
    return code, err


@_SETTINGS
@given(st.lists(MARKDOWN_ALPHABET, max_size=300).map("".join))
def test_random_markdown_never_crashes(text: str) -> None:
    code, err = _run_on_page(text.encode("utf-8"))
    assert code in (0, 1), err


@_SETTINGS
@given(st.binary(max_size=2000))
def test_random_bytes_never_crash(data: bytes) -> None:
    code, err = _run_on_page(data)
    assert code in (0, 1), err


def test_a_missing_library_is_one_line_and_exit_status_2():
    """A Python without the checker's libraries (`-I -S`: no site-packages at all): one line that
    says which package and how to install it, never a traceback."""
    done = subprocess.run([sys.executable, "-I", "-S", str(ROOT / "scripts" / "check_references.py")],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "is not installed" in lines[0] and "scripts/site.py check" in lines[0], done.stderr
    assert "Traceback" not in done.stderr
