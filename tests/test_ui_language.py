"""The tools speak the translator's language: Spanish with LANG=es_* or --ui-lang es, else English."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from refcheck import uitext
from translation_support import ROOT, copy_project, edit, line_of
from refcheck.uitext import catalogs

SPANISH = {"LANG": "es_ES.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""}
ENGLISH = {"LANG": "C.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""}


def run(root, *args, env):
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **env}
    return subprocess.run([sys.executable, str(root / "scripts" / "site.py"), *args],
                          cwd=root, env=environment, capture_output=True, text=True)


@pytest.fixture(scope="module")
def broken(tmp_path_factory):
    root = copy_project(tmp_path_factory.mktemp("ui"))
    edit(root / "docs/es/about.md", "[Fuentes](sources.md)", "[Fuentes](sourcez.md)")
    return root


def test_every_message_of_the_code_has_a_spanish_translation():
    assert catalogs.untranslated("es") == []


def test_a_spanish_locale_gets_spanish_findings_with_the_same_rule_id(broken):
    done = run(broken, "check", env=SPANISH)
    line = line_of(broken / "docs/es/about.md", "sourcez.md")
    assert f"docs/es/about.md:{line}:23: error link-broken: el enlace a `sourcez.md` no lleva a ningún archivo" in done.stdout
    assert "1 error, 0 avisos" in done.stderr


def test_an_english_locale_gets_english_findings(broken):
    done = run(broken, "check", env=ENGLISH)
    assert "error link-broken: link to `sourcez.md` finds no file" in done.stdout
    assert "1 error, 0 warnings" in done.stderr


def test_ui_lang_es_overrides_the_locale(broken):
    done = run(broken, "check", "--ui-lang", "es", env=ENGLISH)
    assert "el enlace a `sourcez.md`" in done.stdout


def test_status_speaks_spanish(tmp_path):
    root = copy_project(tmp_path)
    done = run(root, "status", env=SPANISH)
    assert done.stdout.startswith("Traducciones de las 7 páginas en inglés")
    assert "Todas las traducciones están al día." in done.stdout


def test_lc_all_wins_over_lang():
    assert uitext.from_environment({"LC_ALL": "C", "LANG": "es_ES.UTF-8"}) == "en"
    assert uitext.from_environment({"LC_MESSAGES": "es_MX.UTF-8", "LANG": "en_US.UTF-8"}) == "es"


def test_spanish_counts_follow_asale():
    uitext.use("es")
    try:
        assert (uitext.number(5289), uitext.number(12345)) == ("5289", "12\u00a0345")
    finally:
        uitext.use("en")
