"""The checker as a package other projects install (README, "Use the checker on your project").

The wheel is built from this repository's `pyproject.toml` and installed into a new virtualenv
with nothing else of this repository (its dependencies from the registry, at the versions of this
repository's lock). Another project then gets findings from the `refcheck` command, from the
`refcheck` MkDocs plugin in `mkdocs build --strict`, and from the pre-commit hook that
`.pre-commit-hooks.yaml` defines. Slow (two installs of the dependencies): the `slow` mark.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT / "tests" / "fixtures" / "corpora"
pytestmark = pytest.mark.slow
# The checker's distribution: its metadata and its folder, nothing else of the repository.
DISTRIBUTION = ["pyproject.toml", ".pre-commit-hooks.yaml", "scripts/refcheck"]
GIT = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "-c", "init.defaultBranch=main"]
A_FOOTNOTE = "Text with a note.[^1]\n"
ITS_DEFINITION = "\n[^1]: The note.\n"


def _environment(**extra: str) -> dict[str, str]:
    """This process's environment without anything that would reach into this repository."""
    environment = {name: value for name, value in os.environ.items()
                   if name not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONSAFEPATH")}
    return {**environment, "NO_MKDOCS_2_WARNING": "1", "LC_ALL": "C.UTF-8", **extra}


def _run(command: list, cwd: Path, timeout: int = 900, **extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(part) for part in command], cwd=cwd, env=_environment(**extra),
                          capture_output=True, text=True, timeout=timeout)


def _copy_distribution(into: Path) -> Path:
    for part in DISTRIBUTION:
        source, target = ROOT / part, into / part
        if source.is_dir():
            shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    return into


def _pins(into: Path) -> Path:
    """The lock's versions, without hashes, as pip constraints: the registry's packages at the
    versions this repository tested (a wheel's own file has no hash in the lock)."""
    lines = [line.split()[0] for line in (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()
             if "==" in line and not line.startswith((" ", "#"))]
    path = into / "constraints.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new virtualenv with the wheel (and static-i18n, for the MkDocs project); its bin/ folder."""
    work = tmp_path_factory.mktemp("package")
    source = _copy_distribution(work / "source")
    built = _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
                  "--wheel-dir", work / "dist", source], work)
    assert built.returncode == 0, built.stdout + built.stderr
    [wheel] = (work / "dist").glob("mkdocs_i18n_refcheck-*.whl")
    venv = work / "venv"
    made = _run([sys.executable, "-m", "venv", venv], work)
    assert made.returncode == 0, made.stderr
    done = _run([venv / "bin" / "python", "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                 "--constraint", _pins(work), wheel, "mkdocs-static-i18n"], work)
    assert done.returncode == 0, done.stdout + done.stderr
    return venv / "bin"


def test_the_wheel_holds_every_part_of_the_checker_and_its_data(installed: Path):
    [wheel] = (installed.parent.parent / "dist").glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    folders = {path.parent.relative_to(ROOT / "scripts").as_posix()
               for path in (ROOT / "scripts" / "refcheck").rglob("__init__.py")}
    assert {f"{folder}/__init__.py" for folder in folders} <= names
    assert {"refcheck/uitext/locale/es/LC_MESSAGES/messages.po", "refcheck/LICENSE", "refcheck/plugin.py",
            "refcheck/theme/assets/refcheck/preview.css"} <= names
    assert not any(name.startswith(("edition", "publish", "citation")) or name.endswith(".mo") for name in names)
    metadata = next(name for name in names if name.endswith(".dist-info/METADATA"))
    text = zipfile.ZipFile(wheel).read(metadata).decode()
    assert "License-Expression: MIT" in text and "# mkdocs-i18n-refcheck" in text  # the README is the readme


def test_the_package_imports_nothing_of_this_repository(installed: Path):
    where = _run([installed / "python", "-c", "import refcheck, refcheck.plugin; print(refcheck.__file__)"], Path("/"))
    assert where.returncode == 0, where.stderr
    assert Path(where.stdout.strip()).is_relative_to(installed.parent)
    for name in ("edition", "publish", "citation", "edition_plugins"):
        found = _run([installed / "python", "-c", f"import importlib.util as u; print(u.find_spec({name!r}))"], Path("/"))
        assert found.stdout.strip() == "None", f"{name} is importable from the new virtualenv"


def _check(command: list, cwd: Path) -> subprocess.CompletedProcess:
    """A checker run; one that does not end is a failure that says whether its report was complete."""
    try:
        return _run(command, cwd, timeout=300)
    except subprocess.TimeoutExpired as late:
        written = (late.stdout or b"").rstrip().endswith(b"]")
        shown = " ".join(str(part) for part in command[:2])
        pytest.fail(f"`{shown} ...` did not exit within 300 s "
                    f"({'after writing its whole report: it hangs at exit' if written else 'before its report'})")


@pytest.mark.parametrize("corpus", ["mkdocs-static-i18n-docs", "owasp-top10-2025"])
def test_the_command_reports_on_both_corpora_as_the_repositorys_checker_does(installed: Path, corpus: str, tmp_path: Path):
    project = CORPORA / corpus
    ours = _check([sys.executable, ROOT / "scripts" / "check_references.py", "--root", project, "--no-cache",
                   "--format", "json"], tmp_path)
    theirs = _check([installed / "refcheck", "--root", project, "--no-cache", "--format", "json"], tmp_path)
    assert theirs.returncode in (0, 1), theirs.stderr
    findings = json.loads(theirs.stdout)
    assert findings, f"no finding on {corpus}"
    errors = [f for f in findings if f["severity"] == "error"]
    assert theirs.returncode == (1 if errors else 0)
    assert (theirs.returncode, findings) == (ours.returncode, json.loads(ours.stdout))


def test_the_command_speaks_spanish_from_the_installed_catalog(installed: Path, tmp_path: Path):
    cache = tmp_path / "cache"
    said = _run([installed / "refcheck", "--root", CORPORA / "owasp-top10-2025", "--no-cache", "--ui-lang", "es"],
                tmp_path, timeout=300, XDG_CACHE_HOME=str(cache))
    assert said.returncode == 1
    assert "páginas verificadas" in said.stdout + said.stderr
    assert list((cache / "refcheck" / "uitext").glob("es-*.mo")), "the compiled catalog is kept in the user's cache"
    venv = installed.parent
    assert not [path for path in venv.rglob("*") if path.name == ".cache" or (path.suffix == ".mo" and "refcheck" in path.parts)]


def _project(root: Path, english: str) -> Path:
    """A fresh MkDocs + static-i18n project (folder layout, English and French) with the plugin."""
    (root / "docs" / "en").mkdir(parents=True)
    (root / "docs" / "fr").mkdir(parents=True)
    (root / "mkdocs.yml").write_text(
        "site_name: Another project\n"
        "plugins:\n"
        "  - i18n:\n"
        "      docs_structure: folder\n"
        "      languages:\n"
        "        - locale: en\n          name: English\n          default: true\n"
        "        - locale: fr\n          name: Français\n"
        "  - refcheck\n", encoding="utf-8")
    (root / "docs" / "en" / "index.md").write_text("# Home\n\n" + english, encoding="utf-8")
    (root / "docs" / "fr" / "index.md").write_text("# Accueil\n\n" + english.replace("Text", "Texte"), encoding="utf-8")
    return root


def test_the_plugin_fails_a_strict_build_on_a_finding_mkdocs_does_not_see(installed: Path, tmp_path: Path):
    broken = _project(tmp_path / "broken", A_FOOTNOTE)  # a note without its definition, in both languages
    build = _run([installed / "mkdocs", "build", "--strict"], broken, timeout=300)
    assert build.returncode == 1, build.stdout + build.stderr
    assert "footnote-undefined" in build.stderr
    assert "docs/en/index.md:3" in build.stderr


def test_the_plugin_passes_a_strict_build_of_a_sound_project(installed: Path, tmp_path: Path):
    sound = _project(tmp_path / "sound", A_FOOTNOTE + ITS_DEFINITION)
    build = _run([installed / "mkdocs", "build", "--strict"], sound, timeout=300)
    assert build.returncode == 0, build.stdout + build.stderr
    assert (sound / "site" / "fr" / "index.html").is_file()


def test_the_pre_commit_hook_of_this_repository_reports_in_another(installed: Path, tmp_path: Path):
    hooks = _copy_distribution(tmp_path / "hooks")
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "the checker"]):
        done = _run([*GIT, *command], hooks)
        assert done.returncode == 0, done.stderr
    project = _project(tmp_path / "project", A_FOOTNOTE)
    for command in (["init", "-q"], ["add", "-A"]):
        _run([*GIT, *command], project)
    # pre-commit builds the hook's environment from the repository, its dependencies from the
    # registry at the lock's versions (PIP_CONSTRAINT), in a folder of its own.
    tried = _run([sys.executable, "-m", "pre_commit", "try-repo", hooks, "refcheck", "--all-files"], project,
                 PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"), PIP_CONSTRAINT=str(_pins(tmp_path)))
    output = tried.stdout + tried.stderr
    assert tried.returncode == 1, output
    assert "footnote-undefined" in output and "docs/en/index.md:3" in output


def test_the_hook_definition_runs_the_console_command():
    [hook] = __import__("yaml").safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    assert hook["id"] == "refcheck" and hook["language"] == "python" and hook["entry"] in scripts
    assert hook["pass_filenames"] is False
