"""A Spanish translator sees no English in any command's output or help (`--ui-lang es`).

Every sub-command's help, the translator's commands and the checker on a page with mistakes are
run in Spanish; any line that reads as English (tests/english_detector.py) fails the test. What the
pages themselves say (the English words a stale translation shows, quoted text) is content, not
interface, and is left out: lines that quote the English page are marked by the commands
(`…` excerpts, diff lines) and skipped here.
"""

from __future__ import annotations

import gettext
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from english_detector import english_lines
from translation_support import ROOT, copy_project, edit

SPANISH = {"LANG": "es_ES.UTF-8", "LC_ALL": "", "LC_MESSAGES": "", "NO_MKDOCS_2_WARNING": "1"}
# `test` hands its options to pytest, whose help is pytest's own (a developer's tool).
SUB_COMMANDS = ["serve", "build", "install-hooks", "lock", "status", "mark-translated", "translation-diff",
                "add-language", "remove-language"]


def run(root: Path, *args: str) -> str:
    done = subprocess.run([sys.executable, str(root / "scripts" / "site.py"), *args, "--ui-lang", "es"],
                          cwd=root, env={**os.environ, **SPANISH}, capture_output=True, text=True, timeout=300)
    return done.stdout + done.stderr


def interface(output: str) -> str:
    """The output without the lines that quote a page's English text."""
    kept = []
    for line in output.splitlines():
        stripped = line.strip()
        # Excerpts of the English page (…), diff lines (+, -, a space for context), word changes.
        if stripped.startswith(("…", "+", "-", "@@", "[-", "{+")) or line.startswith(" "):
            continue
        kept.append(line)
    return "\n".join(kept)


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """A copy with the mistakes a translator makes: a stale page, a broken link, a note left over."""
    root = copy_project(tmp_path_factory.mktemp("spanish"))
    edit(root / "docs/en/due-process.md", "and limited access to legal", "and very limited access to legal")
    edit(root / "docs/es/about.md", "[Fuentes](sources.md)", "[Fuentes](fuentes.md)")
    return root


@pytest.mark.parametrize("command", ["", *SUB_COMMANDS])
def test_every_help_is_spanish(project: Path, command: str):
    output = run(project, *([command] if command else []), "--help")
    assert "uso:" in output
    assert not english_lines(output), english_lines(output)


def test_the_checkers_help_is_spanish(project: Path):
    output = run(project, "check", "--help")
    assert "uso:" in output and not english_lines(output), english_lines(output)


@pytest.mark.parametrize("args", [
    ("status",), ("status", "--markdown"),
    ("translation-diff", "docs/es/due-process.md"),
    ("translation-diff", "docs/es/no-such-page.md"),
    ("translation-diff", "--side-by-side", "docs/es/no-such-page.md"),
    ("mark-translated", "docs/en/due-process.md"),
    ("remove-language", "fr"),
    ("status", "--lang", "xx"),
    ("translation-diff",),
], ids=lambda args: " ".join(args))
def test_the_translators_commands_speak_spanish(project: Path, args: tuple[str, ...]):
    output = interface(run(project, *args))
    assert output.strip()
    assert not english_lines(output), english_lines(output)


def test_the_checkers_findings_and_summary_are_spanish(project: Path):
    output = interface(run(project, "check"))
    assert "link-broken" in output and "translation-stale" in output
    assert not english_lines(output), english_lines(output)


def test_spanish_counts_are_written_the_spanish_way(project: Path):
    text = run(project, "status") + run(project, "status", "--markdown") + run(project, "check")
    assert re.search(r"\(\d+ palabras\)", text)
    assert not re.search(r"\b\d{1,3},\d{3}\b", text), re.findall(r".*\b\d{1,3},\d{3}\b.*", text)


def test_the_messages_before_the_virtualenv_exists_are_spanish_too():
    """`scripts/site.py` prints its first lines before .venv/ and Babel exist: read without Babel."""
    from babel.messages.pofile import read_po

    from refcheck.uitext import LOCALE_DIR, bootstrap

    po = LOCALE_DIR / "es" / "LC_MESSAGES" / "messages.po"
    without_babel = bootstrap.read(po)
    assert without_babel.gettext("Creating {folder}/ ...") == "Creando {folder}/ ..."
    with po.open("rb") as source:
        catalog = read_po(source, locale="es")
    for message in catalog:
        if not message.id or message.fuzzy or not message.string:
            continue
        if isinstance(message.id, tuple):
            for n in (1, 2, 5):
                assert without_babel.ngettext(message.id[0], message.id[1], n) == \
                    message.string[gettext.c2py(catalog.plural_expr)(n)], message.id
        else:
            assert without_babel.gettext(message.id) == message.string, message.id
