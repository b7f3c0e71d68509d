"""The Spanish guide's sample output is what the commands print (CONTRIBUTING.es.md, section 4)."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from translation_support import ROOT, copy_project, edit

MARK = "<!-- salida real:"
BLOCK = re.compile(re.escape(MARK) + r".*?-->\n```text\n\$ python3 (scripts/site\.py [^\n]*)\n(.*?)```", re.S)
SPANISH = {"LANG": "es_ES.UTF-8", "LC_ALL": "", "LC_MESSAGES": "", "NO_MKDOCS_2_WARNING": "1"}


def examples() -> list[tuple[str, str]]:
    return BLOCK.findall((ROOT / "CONTRIBUTING.es.md").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def scenario(tmp_path_factory):
    """The guide's scenario: one English word changed, one Spanish link mistyped."""
    root = copy_project(tmp_path_factory.mktemp("guide"))
    edit(root / "docs/en/due-process.md", "and limited access to legal", "and very limited access to legal")
    edit(root / "docs/es/about.md", "[Fuentes](sources.md)", "[Fuentes](fuentes.md)")
    return root


def test_the_guide_has_examples():
    assert len(examples()) == 2


@pytest.mark.parametrize("command, shown", examples(), ids=[c for c, _ in examples()])
def test_each_example_line_is_real_output(scenario, command, shown):
    done = subprocess.run([sys.executable, *command.split()], cwd=scenario, env={**os.environ, **SPANISH},
                          capture_output=True, text=True)
    printed = (done.stdout + done.stderr).splitlines()
    missing = [line for line in shown.splitlines() if line not in printed]
    assert not missing, f"CONTRIBUTING.es.md shows lines `{command}` does not print; run it again and copy:\n" + "\n".join(missing)
