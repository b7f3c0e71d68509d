"""Generated input, not a list of known attacks: any file under docs/ and any front matter is either
refused with a finding at a line of the file, or is what the boundary allows and MkDocs reads inert.

Files: random names, extensions and bytes (some with a real image's signature or a whole image of
random size). Front matter: random keys (the schema's, maintainers' keys, others) holding random
YAML values of every type, with tags, anchors and aliases, and random text.
"""

from __future__ import annotations

import datetime
import io
import re
import sys
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings, strategies as st
from mkdocs.utils import meta

from translation_support import ROOT

sys.path.insert(0, str(ROOT / "scripts"))

from refcheck.boundary import files, frontmatter  # noqa: E402
from refcheck.boundary import settings as boundary_settings  # noqa: E402
from refcheck.mkdocsconfig import read_config  # noqa: E402

SETTINGS = boundary_settings.read(read_config(ROOT / "mkdocs.yml", ROOT).data, ROOT)
RULES = {"docs-file-type", "docs-file-reserved", "docs-image-size",
         "front-matter-syntax", "front-matter-key", "front-matter-value"}
HEX16 = re.compile(r"[0-9a-f]{16}")
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
MATERIAL = Path(__import__("material").__file__).parent / "templates"
BUILD_WRITES = ("assets/javascripts/", "assets/stylesheets/", "search/", "cite/", "sitemap.xml", "robots.txt",
                "404.html", "brief/index.html", "assets/images/preview.png", "remain-in-mexico-kind-2018.pdf",
                "quedate-en-mexico-kind-2018.pdf")

# ---------------------------------------------------------------------------------------------
# Front matter

scalars = st.one_of(
    st.text(max_size=30), st.integers(), st.floats(allow_nan=True), st.booleans(), st.none(),
    st.dates(), st.datetimes(), st.binary(max_size=12), st.sampled_from(["2018-11-30", "yes", "~", "0x1F", "1.5",
                                                                       "f210d4c90ebdb2ef", "untranslated", ":", "*a"]),
    st.text(alphabet="0123456789abcdef", min_size=16, max_size=16),
)
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3),
    st.frozensets(st.text(max_size=5), max_size=3)), max_leaves=8)
keys = st.one_of(st.sampled_from(["title", "description", "translation_of", "translation_state", "template",
                                  "location", "hide", "search", "Title", "<<"]), st.text(max_size=12))


def _dump(data: dict, shared: bool) -> str:
    if shared and data:  # one object twice: the dump writes an anchor and an alias
        first = next(iter(data))
        data = {**data, "again": data[first]} if isinstance(data[first], (list, dict)) else data
    try:
        return yaml.dump(data, allow_unicode=True, sort_keys=False)  # not safe_dump: sets, bytes get tags
    except yaml.YAMLError:
        return yaml.dump({str(key): repr(value) for key, value in data.items()})


front_matters = st.one_of(
    st.builds(_dump, st.dictionaries(keys, values, max_size=4), st.booleans()),
    st.text(max_size=80),  # anything at all, YAML or not
    st.builds(lambda key, value: yaml.dump({key: value}), st.text(max_size=6), st.text(max_size=6)),
    st.lists(st.sampled_from(["title: a: b", "description: &x hi", "x: *x", "- a", "? [a]", ": b", "title: !!str 1",
                              "description: |", "  texto", "\t", "'", "title: \"\\e[2J\"", "description:"]),
             max_size=5).map("\n".join),
)


def _mkdocs_reads(text: str) -> tuple[str, dict]:
    """What MkDocs takes from the page: (the Markdown it renders, the meta templates print)."""
    return meta.get_data(text)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(block=front_matters, body=st.sampled_from(["# Título\n\nTexto.\n", "Texto.\n", ""]))
def test_front_matter_is_refused_at_a_line_or_read_by_mkdocs_as_schema_text(block: str, body: str) -> None:
    text = boundary_settings.page_text(f"---\n{block}\n---\n{body}".encode("utf-8", "surrogatepass")
                                       .decode("utf-8", "replace").encode())
    problems = frontmatter.judge(text)
    lines = text.count("\n") + 1
    for problem in problems:
        assert problem.rule in RULES and 1 <= problem.line <= lines, problem
        assert not CONTROL.search(problem.message), problem  # nothing reaches a terminal as an escape
    if problems:
        return
    rendered, data = _mkdocs_reads(text)
    assert not rendered.startswith("---") or not frontmatter.YAML_BLOCK.match(text)
    assert set(data) <= set(frontmatter.SCHEMA), data
    for key in ("title", "description"):
        if key in data:
            assert isinstance(data[key], str) and data[key].strip() and not CONTROL.search(data[key]), data
    if "translation_of" in data:
        assert HEX16.fullmatch(str(data["translation_of"])), data
    if "translation_state" in data:
        assert data["translation_state"] == "untranslated"


@settings(max_examples=200, deadline=None)
@given(lines=st.lists(st.text(alphabet="abcdeAZ09_-: \t'\"{}[]&*!#|>", max_size=20), min_size=1, max_size=4),
       body=st.sampled_from(["# Título\n", "\nTexto.\n"]))
def test_settings_mkdocs_would_read_without_dashes_are_refused(lines: list[str], body: str) -> None:
    text = "\n".join(line.replace("\n", "") for line in lines) + "\n" + body
    _rendered, data = _mkdocs_reads(text)
    if data:
        assert any(problem.rule == "front-matter-syntax" for problem in frontmatter.judge(text))


# ---------------------------------------------------------------------------------------------
# Files

def _image(kind: str, width: int, height: int) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (width, height)).save(out, format=kind)
    return out.getvalue()


EXTENSIONS = [".md", ".png", ".jpg", ".jpeg", ".webp", ".svg", ".html", ".js", ".css", ".pdf", ".txt", ".json",
              ".exe", ".gif", ".MD", ".PNG", ".Html", ".xml", ".markdown", ""]
contents = st.one_of(
    st.binary(max_size=64),
    st.builds(lambda sig, rest: sig + rest, st.sampled_from([b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"RIFF\0\0\0\0WEBP",
                                                             b"<svg", b"%PDF-"]), st.binary(max_size=40)),
    st.builds(_image, st.sampled_from(["PNG", "JPEG", "WEBP"]), st.integers(1, 40), st.integers(1, 40)),
    st.text(max_size=60).map(lambda text: text.encode("utf-8", "surrogatepass")),
)
folders = st.lists(st.sampled_from(["en", "es", "assets", "javascripts", "stylesheets", "images", "search", "cite",
                                    "brief", "figures", "workers", "fr"]), max_size=3)
names = st.one_of(st.from_regex(r"[A-Za-z0-9_-]{1,10}", fullmatch=True),
                  st.sampled_from(["index", "404", "brief", "sitemap", "robots", "main", "preview", "bundle.a5f9d56c.min",
                                   "remain-in-mexico-kind-2018", "quedate-en-mexico-kind-2018", "favicon"]))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(parts=folders, name=names, extension=st.sampled_from(EXTENSIONS), data=contents)
def test_a_file_under_docs_is_refused_or_is_a_page_or_image_the_boundary_allows(tmp_path, parts, name, extension, data):
    relative = "/".join([*parts, name + extension])
    path = tmp_path / "file"
    path.write_bytes(data)
    problems = boundary_settings.judge(relative, path, SETTINGS, f"docs/{relative}")
    assert all(problem.rule in RULES for problem in problems)
    if problems:
        return
    suffix = extension.lower()
    assert suffix in {".md", ".png", ".jpg", ".jpeg", ".webp"}, relative
    language, inside = SETTINGS.layout.split(relative)
    output = files._published(inside)
    assert not any(output.startswith(prefix) for prefix in BUILD_WRITES), relative
    if language in (None, "en"):  # published at the root, where the Spanish site's folder is
        assert not output.startswith("es/"), relative
    assert not (MATERIAL / output).exists() and not (ROOT / "overrides" / output).exists(), relative
    if suffix == ".md":
        data.decode("utf-8-sig")
        return
    from PIL import Image

    with Image.open(io.BytesIO(data)) as image:
        expected = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".webp": "WEBP"}[suffix]
        assert image.format == expected
        assert image.size[0] * image.size[1] <= files.MAX_PIXELS


def test_the_dates_and_sets_of_the_generator_are_refused():
    """The generator really produces the types MkDocs crashes or leaks on: a sample of each is refused."""
    for value in (datetime.date(2018, 11, 30), frozenset({"a"}), b"bin", {"a": 1}, [1], 3, None, True):
        text = f"---\n{yaml.dump({'description': value})}---\n# T\n"
        assert frontmatter.judge(text), text
