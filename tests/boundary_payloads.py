"""Files and front matter a pull request could add under docs/ to put something on the site, and what
must be reported: the issue's examples and our own, across every channel (file kind, bytes,
address, front-matter key, type, tag, alias, YAML syntax, MultiMarkdown settings).

Each payload is one file of a pull request that touches docs/ only; every script in them sets
`window.__pwned`. A payload names its rule and the text of the line the finding must stand on
(None: the file as a whole).
"""

from __future__ import annotations

import io
import struct
import zlib
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PWN = "window.__pwned=1"
SCRIPT = f"<script>{PWN}</script>".encode()


@dataclass(frozen=True)
class FilePayload:
    name: str
    file: str  # relative to the project root
    data: bytes
    rule: str
    needle: str | None = None  # text of the finding's line; None: a finding for the whole file
    published: str | None = None  # where it would be published, relative to site/ (None: a page)

    def line(self) -> int | None:
        if self.needle is None:
            return None
        text = self.data.decode("utf-8")
        return next(number for number, line in enumerate(text.split("\n"), 1) if self.needle in line)


def png(width: int, height: int, body: bytes = b"") -> bytes:
    """A PNG header of the given size (its pixels are never needed: the limit is read from the header)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + body + chunk(b"IEND", b"")


def small_png() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (4, 3), (200, 30, 30)).save(out, format="PNG")
    return out.getvalue()


def _fm(*lines: str, body: str = "# Prueba\n\nTexto.\n") -> bytes:
    return ("---\n" + "".join(line + "\n" for line in lines) + "---\n\n" + body).encode()


def _existing(page: str, *lines: str) -> bytes:
    """A Spanish page of the repository with its front matter replaced by `lines`."""
    text = (ROOT / "docs" / "es" / f"{page}.md").read_text(encoding="utf-8")
    return _fm(*lines, body=text.split("\n---\n", 1)[1].lstrip("\n"))


ALIAS_BOMB = ["a: &a [x, x, x, x, x, x, x, x, x]"] + [
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]" for i in range(8)]
EXISTING_PAGE = "docs/es/{}.md"

# The examples (classes 1, 2, 3, 4, 8, 9), then ours. `published` paths are site-relative.
FILE_PAYLOADS = (
    FilePayload("theme-bundle", "docs/en/assets/javascripts/bundle.a5f9d56c.min.js", b"/*x*/" + PWN.encode(),
                "docs-file-reserved", published="assets/javascripts/bundle.a5f9d56c.min.js"),
    FilePayload("html-page", "docs/es/aviso.html", SCRIPT, "docs-file-type", published="es/aviso.html"),
    FilePayload("svg-script", "docs/es/mapa.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>' + PWN.encode()
                + b"</script></svg>", "docs-file-type", published="es/mapa.svg"),
    FilePayload("pdf-at-address", "docs/es/quedate-en-mexico-kind-2018.pdf", b"%PDF-1.4\n/JavaScript (app.alert(1))",
                "docs-file-reserved", published="es/quedate-en-mexico-kind-2018.pdf"),
    FilePayload("edition-css", "docs/en/assets/stylesheets/edition.css", b"body{display:none}", "docs-file-reserved",
                published="assets/stylesheets/edition.css"),
    FilePayload("preview-image", "docs/es/assets/images/preview.png", small_png(), "docs-file-reserved",
                published="es/assets/images/preview.png"),
    FilePayload("search-worker", "docs/en/assets/javascripts/workers/search-on-demand.js", PWN.encode(),
                "docs-file-reserved", published="assets/javascripts/workers/search-on-demand.js"),
    FilePayload("robots", "docs/en/robots.txt", b"User-agent: *\nDisallow: /\n", "docs-file-reserved",
                published="robots.txt"),
    FilePayload("exe", "docs/es/instalar.exe", b"MZ\x90\x00" + b"\x00" * 60, "docs-file-type", published="es/instalar.exe"),
    FilePayload("huge-png", "docs/es/mapa-grande.png", png(13000, 13000), "docs-image-size", published="es/mapa-grande.png"),
    # Ours: the theme's and the build's other addresses.
    FilePayload("theme-favicon-svg", "docs/en/assets/images/favicon.svg", b"<svg/>", "docs-file-reserved",
                published="assets/images/favicon.svg"),
    FilePayload("search-index", "docs/en/search/search_index.json", b"{}", "docs-file-reserved",
                published="search/search_index.json"),
    FilePayload("sitemap", "docs/en/sitemap.xml", b"<urlset/>", "docs-file-reserved", published="sitemap.xml"),
    FilePayload("not-found-page", "docs/en/404.md", b"# Gone\n\n<script>" + PWN.encode() + b"</script>\n",
                "docs-file-reserved", published=None),
    FilePayload("brief-page", "docs/es/brief.md", b"# El informe\n\nOtro texto.\n", "docs-file-reserved", published=None),
    FilePayload("into-spanish-site", "docs/en/es/index.md", b"# Falso\n\nTexto.\n", "docs-file-reserved", published=None),
    FilePayload("citation-download", "docs/es/cite/remain-in-mexico.bib", b"@misc{x}", "docs-file-reserved",
                published="es/cite/remain-in-mexico.bib"),
    FilePayload("theme-template", "docs/es/main.html", SCRIPT, "docs-file-reserved", published="es/main.html"),
    FilePayload("english-pdf", "docs/remain-in-mexico-kind-2018.pdf", b"%PDF-1.4", "docs-file-reserved",
                published="remain-in-mexico-kind-2018.pdf"),
    # The SVG <use> bomb that never finishes in WeasyPrint: refused before any PDF could read it.
    FilePayload("svg-use-bomb", "docs/es/grafico.svg", b'<svg xmlns="http://www.w3.org/2000/svg" '
                b'xmlns:x="http://www.w3.org/1999/xlink"><g id="a"><circle r="1"/></g>'
                + b"".join(b'<g id="%c"><use x:href="#%c"/><use x:href="#%c"/><use x:href="#%c"/></g>'
                           % (ord("b") + i, ord("a") + i, ord("a") + i, ord("a") + i) for i in range(20)) + b"</svg>",
                "docs-file-type", published="es/grafico.svg"),
    # Ours: bytes that are not what the name says, and other kinds.
    FilePayload("png-holding-html", "docs/es/figura.png", SCRIPT, "docs-file-type", published="es/figura.png"),
    FilePayload("jpeg-holding-png", "docs/es/foto.jpg", small_png(), "docs-file-type", published="es/foto.jpg"),
    FilePayload("webp-holding-svg", "docs/es/foto.webp", b"<svg onload='" + PWN.encode() + b"'/>", "docs-file-type",
                published="es/foto.webp"),
    FilePayload("truncated-png", "docs/es/roto.png", b"\x89PNG\r\n\x1a\n", "docs-file-type", published="es/roto.png"),
    FilePayload("gif", "docs/es/anim.gif", b"GIF89a" + SCRIPT, "docs-file-type", published="es/anim.gif"),
    FilePayload("xhtml", "docs/es/pagina.xhtml", SCRIPT, "docs-file-type", published="es/pagina.xhtml"),
    FilePayload("upper-case-html", "docs/es/AVISO.HTML", SCRIPT, "docs-file-type", published="es/AVISO.HTML"),
    FilePayload("no-extension", "docs/es/LEEME", SCRIPT, "docs-file-type", published="es/LEEME"),
    FilePayload("double-extension", "docs/es/foto.png.html", SCRIPT, "docs-file-type", published="es/foto.png.html"),
    FilePayload("markdown-suffix", "docs/es/nota.markdown", b"# Nota\n\n<script>" + PWN.encode() + b"</script>\n",
                "docs-file-type", published=None),
    FilePayload("wide-png", "docs/es/franja.png", png(200_000, 100), "docs-image-size", published="es/franja.png"),
    FilePayload("latin1-page", "docs/es/latin.md", "# Pr\u00e1ctica\n\nTexto.\n".encode("latin-1"), "docs-file-type",
                published=None),
    FilePayload("manifest", "docs/es/app.webmanifest", b'{"start_url": "https://evil.example/"}', "docs-file-type",
                published="es/app.webmanifest"),
)

# Front matter: existing Spanish pages (their English original is published in their place).
PAGE_PAYLOADS = (
    FilePayload("title-mapping-refresh", EXISTING_PAGE.format("index"), _existing("index", 
        "title: {\"<meta http-equiv='refresh' content='0;url=https://evil.example/'>\": 1}"),
        "front-matter-value", "title:"),
    FilePayload("title-set-preconnect", EXISTING_PAGE.format("not-safe-to-wait"), _existing("not-safe-to-wait", 
        "title: !!set {\"<link rel=preconnect href=https://evil.example>\": null}"), "front-matter-value", "title:"),
    FilePayload("description-mapping", EXISTING_PAGE.format("mexico-lacks-capacity"), _existing("mexico-lacks-capacity", 
        "description: {'\"><script>" + PWN + "</script>': x}"), "front-matter-value", "description:"),
    FilePayload("yaml-error-shown-as-text", EXISTING_PAGE.format("due-process"), _existing("due-process", 
        "description: Debido proceso: cómo el programa aísla a las personas"), "front-matter-syntax", "description:"),
    FilePayload("alias-bomb", EXISTING_PAGE.format("sources"), _existing("sources", *ALIAS_BOMB, "description: *i"),
                "front-matter-key", "a: &a"),
    FilePayload("open-redirect", EXISTING_PAGE.format("about"), _existing("about", 
        "template: redirect.html", "location: https://evil.example/"), "front-matter-key", "template:"),
)


def _new(name: str, *lines: str, rule: str, needle: str) -> FilePayload:
    return FilePayload(name, f"docs/es/fm-{name}.md", _fm(*lines), rule, needle)


# Front matter of new pages (a Spanish page with no English original: reported also as an orphan).
NEW_PAGE_PAYLOADS = (
    _new("passwd-template", "template: ../../etc/passwd", rule="front-matter-key", needle="template:"),
    _new("date", "description: 2018-11-30", rule="front-matter-value", needle="description:"),
    _new("binary", "title: !!binary PHNjcmlwdD4=", rule="front-matter-value", needle="title:"),
    _new("python-tag", "title: !!python/object/apply:os.system [id]", rule="front-matter-value", needle="title:"),
    _new("number", "description: 42", rule="front-matter-value", needle="description:"),
    _new("hex-number", "description: 0x1F", rule="front-matter-value", needle="description:"),
    _new("yes-no", "title: yes", rule="front-matter-value", needle="title:"),
    _new("null", "title: ~", rule="front-matter-value", needle="title:"),
    _new("list", "description: [a, b]", rule="front-matter-value", needle="description:"),
    _new("bad-hash", "translation_of: 12", rule="front-matter-value", needle="translation_of:"),
    _new("bad-state", "translation_state: translated", rule="front-matter-value", needle="translation_state:"),
    _new("hide", "hide: [navigation, toc]", rule="front-matter-key", needle="hide:"),
    _new("search-exclude", "search: {exclude: true}", rule="front-matter-key", needle="search:"),
    _new("capital-title", "Title: Hola", rule="front-matter-key", needle="Title:"),
    _new("twice", "title: Uno", "title: Dos", rule="front-matter-key", needle="title: Dos"),
    _new("anchor", "description: &d Texto", rule="front-matter-value", needle="description:"),
    _new("str-tag", "description: !!str 5", rule="front-matter-value", needle="description:"),
    _new("osc52", 'description: "Texto \\e]52;c;ZXZpbA==\\a"', rule="front-matter-value", needle="description:"),
    _new("too-long", "description: " + "palabra " * 80, rule="front-matter-value", needle="description:"),
    _new("complex-key", "? [a, b]", ": c", rule="front-matter-key", needle="? [a"),
    _new("merge-key", "<<: {title: x}", rule="front-matter-key", needle="<<:"),
    _new("not-a-mapping", "- title", rule="front-matter-syntax", needle="- title"),
    FilePayload("multimarkdown-settings", "docs/es/fm-multimarkdown.md",
                b"template: redirect.html\nlocation: https://evil.example/\n\n# Prueba\n", "front-matter-syntax", "template:"),
    FilePayload("unclosed", "docs/es/fm-unclosed.md", b"---\ndescription: Texto\n\n# Prueba\n", "front-matter-syntax", "---"),
)

PAYLOADS = FILE_PAYLOADS + PAGE_PAYLOADS + NEW_PAGE_PAYLOADS
# What a pull request may add, published as it is.
ALLOWED = (("docs/es/figura-valida.png", "es/figura-valida.png", small_png()),
           ("docs/en/figures/valid.png", "figures/valid.png", small_png()))
