"""mkdocs.yml is code (issue 9, item 6): Python tags reported with their line, INHERIT followed
inside the project only, YAML bombs refused in one line, and nothing builds before the check."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from refcheck.mdsource import yamlsafe
from refcheck.checks import config_code
from refcheck_support import ROOT, copy_fixture, line_of, run_cli, source_findings

PYTHON_TAGS = [
    "!!python/object/apply:os.system [\"touch /tmp/refcheck-pwned\"]",
    "!!python/name:os.system",
    "!!python/object/new:subprocess.Popen [[\"true\"]]",
    "!!python/module:os",
    "!!python/object:collections.OrderedDict {}",
    "!!python/tuple [1, 2]",
]


def project(tmp_path: Path) -> Path:
    return copy_fixture("folder", tmp_path)


def append(root: Path, text: str, name: str = "mkdocs.yml") -> Path:
    path = root / name
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")
    return path


def config_findings(root: Path):
    return source_findings(root, (config_code,))


@pytest.mark.parametrize("tag", PYTHON_TAGS)
def test_every_python_tag_is_an_error_at_its_line(tmp_path, tag):
    root = project(tmp_path)
    path = append(root, f"\nextra_danger: {tag}\n")
    [finding] = config_findings(root)
    assert (finding.rule, finding.severity.value, finding.file) == ("config-python-tag", "error", "mkdocs.yml")
    assert finding.line == line_of(path, "extra_danger:")
    assert finding.column == len("extra_danger: ") + 1
    assert tag.split(" ")[0] in finding.message


def test_python_tags_deep_inside_the_settings_are_found_each_once(tmp_path):
    root = project(tmp_path)
    path = append(root, "\nextra_list:\n  - plain\n  - nested:\n      call: &danger !!python/name:os.system\n"
                        "  - again: *danger\n  - [a, !!python/name:os.getcwd ]\n")
    found = config_findings(root)
    assert [(f.line, f.message.split("`")[1]) for f in found] == [
        (line_of(path, "call: &danger"), "!!python/name:os.system"),
        (line_of(path, "os.getcwd"), "!!python/name:os.getcwd"),
    ]


def test_the_command_line_exits_1_and_names_the_line(tmp_path):
    root = project(tmp_path)
    path = append(root, "\nextra_danger: !!python/object/apply:os.system [\"true\"]\n")
    done = run_cli("--root", str(root))
    assert done.returncode == 1
    assert f"mkdocs.yml:{line_of(path, 'extra_danger')}:15: error config-python-tag:" in done.stdout


def test_a_python_tag_in_an_inherited_file_is_found_in_that_file(tmp_path):
    root = project(tmp_path)
    (root / "config").mkdir()
    base = root / "config" / "base.yml"
    base.write_text("extra:\n  hook: !!python/object/apply:os.system [\"true\"]\n", encoding="utf-8")
    append(root, "\nINHERIT: config/base.yml\n")
    [finding] = config_findings(root)
    assert (finding.rule, finding.file, finding.line) == ("config-python-tag", "config/base.yml", 2)


@pytest.mark.parametrize(("inherit", "words"), [
    ("../outside.yml", "leads outside the project folder"),
    ("/etc/passwd", "leads outside the project folder"),
    ("missing.yml", "no such file"),
    ("mkdocs.yml", "leads back to a file already read"),
])
def test_an_inherit_that_leaves_the_project_or_loops_is_an_error(tmp_path, inherit, words):
    root = project(tmp_path)
    (tmp_path / "outside.yml").write_text("extra: {x: !!python/name:os.system }\n", encoding="utf-8")
    path = append(root, f"\nINHERIT: {inherit}\n")
    [finding] = config_findings(root)
    assert (finding.rule, finding.file, finding.line) == ("config-inherit", "mkdocs.yml", line_of(path, "INHERIT"))
    assert words in finding.message


def test_inherit_merges_as_mkdocs_does(tmp_path):
    (tmp_path / "base.yml").write_text("theme: {name: material, language: en}\nnav: [a.md, b.md]\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("INHERIT: base.yml\ntheme: {language: es}\nnav: [c.md]\n", encoding="utf-8")
    chain = yamlsafe.load_chain(tmp_path / "mkdocs.yml", tmp_path)
    assert [item.path.name for item in chain] == ["mkdocs.yml", "base.yml"]
    assert yamlsafe.merged(chain) == {"theme": {"name": "material", "language": "es"}, "nav": ["c.md"]}


# -- YAML bombs -----------------------------------------------------------------------------------

BILLION_LAUGHS = "lol0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"lol{n}: &l{n} [{', '.join([f'*l{n - 1}'] * 9)}]\n" for n in range(1, 10)
)
BOMBS = {
    "billion-laughs": (BILLION_LAUGHS, "aliases expand to"),
    "5000-nested-lists": ("deep: " + "[" * 5000 + "]" * 5000 + "\n", "nested more than 100 levels deep"),
    "250-nested-lists": ("deep: " + "[" * 250 + "]" * 250 + "\n", "nested more than 100 levels deep"),
    "250-nested-maps": ("".join(f"{'  ' * n}k{n}:\n" for n in range(250)) + "  " * 250 + "end: 1\n",
                        "nested more than 100 levels deep"),
    "alias-in-itself": ("loop: &loop [*loop]\n", "refers to a value that contains it"),
    "deep-through-aliases": ("".join(
        f"d{n}: &d{n} {'[' * 60}{f'*d{n - 1}' if n else '1'}{']' * 60}\n" for n in range(3)),
        "more than 100 levels deep"),
}


@pytest.mark.timeout(60)
@pytest.mark.parametrize("bomb", BOMBS, ids=list(BOMBS))
def test_a_yaml_bomb_in_mkdocs_yml_is_refused_in_one_line(tmp_path, bomb):
    text, words = BOMBS[bomb]
    root = project(tmp_path)
    append(root, "\n" + text)
    done = run_cli("--root", str(root))
    assert done.returncode == 2, done.stderr
    assert len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr
    assert words in done.stderr and "refused" in done.stderr


@pytest.mark.parametrize("bomb", BOMBS, ids=list(BOMBS))
def test_a_yaml_bomb_anywhere_is_a_yaml_error_not_a_crash(bomb):
    text, _ = BOMBS[bomb]
    with pytest.raises(yamlsafe.UnsafeYaml):
        yamlsafe.load(text)
    with pytest.raises(yamlsafe.UnsafeYaml):
        yamlsafe.load_plain(text)


@pytest.mark.timeout(60)
def test_a_yaml_bomb_in_front_matter_does_not_stop_the_checker(tmp_path):
    root = project(tmp_path)
    page = root / "docs" / "en" / "index.md"
    page.write_text("---\n" + BILLION_LAUGHS + "---\n\n" + page.read_text(encoding="utf-8"), encoding="utf-8")
    done = run_cli("--root", str(root), "--format", "json")
    assert done.returncode in (0, 1), done.stderr
    assert "Traceback" not in done.stderr


def test_ordinary_aliases_still_read():
    data, _ = yamlsafe.load("base: &b {primary: indigo}\nlight: *b\ndark: {<<: *b, scheme: slate}\n")
    assert data["light"] == {"primary": "indigo"} and data["dark"]["scheme"] == "slate"


# -- nothing builds before the check --------------------------------------------------------------


def site_module(monkeypatch, root: Path):
    spec = importlib.util.spec_from_file_location("site_under_test", ROOT / "scripts" / "site.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.setattr(module, "ROOT", root)
    return module


def test_site_build_refuses_a_python_tag_before_mkdocs_reads_the_file(tmp_path, monkeypatch, capsys):
    root = project(tmp_path)
    marker = tmp_path / "ran"
    path = append(root, f"\nextra_danger: !!python/object/apply:os.system [\"touch {marker}\"]\n")
    site = site_module(monkeypatch, root)
    assert site.command_build(site.parse_args(["build", "--site-dir", str(tmp_path / "out")])) == 2
    assert not marker.exists() and not (tmp_path / "out").exists()
    err = capsys.readouterr().err
    assert err.startswith(f"scripts/site.py build: mkdocs.yml:{line_of(path, 'extra_danger')}: ")
    assert len(err.strip().splitlines()) == 1


def test_site_build_refuses_an_inherit_outside_the_project(tmp_path, monkeypatch, capsys):
    root = project(tmp_path)
    append(root, "\nINHERIT: /etc/passwd\n")
    site = site_module(monkeypatch, root)
    assert site.unsafe_sources().startswith("mkdocs.yml:")
    assert "leads outside the project folder" in site.unsafe_sources()


def test_the_repository_configuration_passes_the_guard():
    spec = importlib.util.spec_from_file_location("site_here", ROOT / "scripts" / "site.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.unsafe_sources() is None


def test_ci_runs_the_checker_before_the_tests_build_anything():
    lines = [line.strip() for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    check = lines.index("python3 scripts/site.py check")
    assert check < next(n for n, line in enumerate(lines) if "site.py test" in line)
    assert "set -euo pipefail" in lines[:check]  # a failed check stops the run there


def test_only_the_names_a_maintainer_reviewed_pass(tmp_path):
    root = project(tmp_path)  # the fixture allows pymdownx.slugs.slugify, which its toc uses
    assert config_findings(root) == []
    path = append(root, "\nextra_more: !!python/object/apply:pymdownx.slugs.slugify.__globals__ {}\n")
    [finding] = config_findings(root)
    assert finding.line == line_of(path, "extra_more")
    assert "review `pymdownx.slugs.slugify.__globals__`" in finding.message


def test_a_reviewed_name_is_allowed_by_the_build_guard_too(tmp_path, monkeypatch):
    site = site_module(monkeypatch, project(tmp_path))
    assert site.unsafe_sources() is None
