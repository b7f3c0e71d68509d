"""What maintainers own (mkdocs.yml's `extra.refcheck.boundary`) and what a stranger's project gets;
the preview's banner names refused files; messages speak the translator's language."""

from __future__ import annotations

import os
import subprocess
import sys
import urllib.error
import urllib.request

import pytest

from boundary_payloads import small_png
from preview_support import serving
from translation_support import copy_project, edit, line_of

BOUNDARY = "    boundary: {}\n"


def check(root, *args, env=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(root / "scripts" / "check_references.py"), "--root", str(root), *args],
                          cwd=root, capture_output=True, text=True, env={**os.environ, **(env or {})}, timeout=300)


@pytest.fixture
def project(tmp_path):
    return copy_project(tmp_path)


def test_the_repository_s_own_pages_and_files_pass(project):
    done = check(project)
    assert done.returncode == 0, done.stdout[-2000:]


def test_maintainers_may_allow_a_reviewed_file_but_never_active_content_or_a_build_address(project):
    edit(project / "mkdocs.yml", BOUNDARY,
         "    boundary:\n      allow_files: [docs/es/datos.csv, docs/es/mapa.svg, docs/en/robots.txt]\n")
    (project / "docs/es/datos.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    (project / "docs/es/mapa.svg").write_text("<svg/>", encoding="utf-8")
    (project / "docs/en/robots.txt").write_text("Disallow: /\n", encoding="utf-8")
    (project / "docs/es/otro.csv").write_text("a\n", encoding="utf-8")
    out = check(project).stdout
    assert "docs/es/datos.csv" not in out
    assert "docs/es/mapa.svg: error docs-file-type: " in out
    assert "docs/en/robots.txt: error docs-file-reserved: " in out
    assert "docs/es/otro.csv: error docs-file-type: " in out


def test_maintainers_may_allow_a_key_on_a_page_and_a_template_only_by_plain_name(project):
    edit(project / "mkdocs.yml", BOUNDARY, "    boundary:\n      allow_keys: {docs/es/about.md: [hide, template]}\n")
    edit(project / "docs/es/about.md", "translation_of:", "hide: [toc]\ntemplate: ../../etc/passwd\ntranslation_of:")
    edit(project / "docs/es/index.md", "translation_of:", "hide: [toc]\ntranslation_of:")
    out = check(project).stdout
    template, hide = line_of(project / "docs/es/about.md", "template:"), line_of(project / "docs/es/index.md", "hide:")
    assert f"docs/es/about.md:{template}: error front-matter-value: `template` must name a template" in out, out
    assert f"docs/es/about.md:{template - 1}:" not in out  # hide is allowed on that page
    assert f"docs/es/index.md:{hide}: error front-matter-key: `hide`" in out


def test_a_stranger_s_project_keeps_its_svg_but_a_broken_front_matter_is_still_an_error(project):
    edit(project / "mkdocs.yml", BOUNDARY, "")
    (project / "docs/en/logo.svg").write_text("<svg/>", encoding="utf-8")
    edit(project / "docs/es/due-process.md", "description: >-", "description: Debido proceso: cómo\nsummary: >-")
    out = check(project).stdout
    assert "logo.svg" not in out
    assert "docs/es/due-process.md:2: error front-matter-syntax: " in out


def test_a_malformed_boundary_setting_stops_with_one_line(project):
    edit(project / "mkdocs.yml", BOUNDARY, "    boundary: {allow: everything}\n")
    done = check(project)
    assert done.returncode == 2 and "extra.refcheck.boundary" in done.stderr and "Traceback" not in done.stderr


def test_findings_speak_spanish_to_a_spanish_translator(project):
    (project / "docs/es/mapa.svg").write_text("<svg/>", encoding="utf-8")
    edit(project / "docs/es/index.md", "description: >-", "description: 2018-11-30\nsummary: >-")
    out = check(project, env={"LANG": "es_ES.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""}).stdout
    assert "docs/es/mapa.svg: error docs-file-type: los archivos .svg" in out, out
    assert "docs/es/index.md:2: error front-matter-value: `description` debe ser texto" in out, out


def test_the_preview_banner_names_a_refused_file_which_is_not_served(project):
    (project / "docs/es/mapa.svg").write_text("<svg onload='window.__pwned=1'/>", encoding="utf-8")
    (project / "docs/es/figura.png").write_bytes(small_png())
    with serving(project) as preview:
        with urllib.request.urlopen(preview.url + "es/", timeout=60) as response:
            page = response.read().decode("utf-8")
        assert "refcheck-preview" in page and "docs/es/mapa.svg" in page and "docs-file-type" in page
        with pytest.raises(urllib.error.HTTPError):
            urllib.request.urlopen(preview.url + "es/mapa.svg", timeout=60)
        with urllib.request.urlopen(preview.url + "es/figura.png", timeout=60) as response:
            assert response.read() == small_png()


def test_a_link_inside_docs_is_judged_by_what_it_points_at(project):
    (project / "docs/es/grafico.svg").write_text("<svg onload='window.__pwned=1'/>", encoding="utf-8")
    (project / "docs/es/grafico.png").symlink_to("grafico.svg")
    out = check(project).stdout
    assert "docs/es/grafico.png: error docs-file-type: " in out and "docs/es/grafico.svg: error docs-file-type: " in out
