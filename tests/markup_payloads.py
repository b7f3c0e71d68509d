"""Pages whose markup would show readers something other than what the checks read (issue 18).

Attribute lists and raw HTML that set addresses, ids, classes or text direction, bidirectional
control characters, a link the one-page brief would turn into a script, and blocks that keep
Python-Markdown busy for minutes. Same form as tests/unsafe_payloads.py; tests/test_safe_html_build.py
builds, checks and loads them with the others.
"""

from __future__ import annotations

from unsafe_payloads import PWN, Payload

EVIL = "https://evil.example/"
NOTE = "\n\n[^1]: Nota con fuente <https://www.hrw.org/>."


def _page(body: str) -> str:
    return f"# Prueba\n\nTexto con nota[^1].\n\n{body}\n\nFin.{NOTE}\n"


def _markup(name: str, body: str, needle: str, rule: str = "markup-not-allowed") -> Payload:
    return Payload(name, _page(body), ((rule, needle),))


MARKUP_PAYLOADS = (
    # Attribute lists: only id, class and lang.
    _markup("attr-href", f'Ver [fuente](https://www.hrw.org/){{ href="{EVIL}" }}.', "evil.example"),
    _markup("attr-src", f'![mapa](mapa.png){{ src="{EVIL}t.png" }}', "evil.example"),
    _markup("attr-style", 'Oculto.\n{: style="display:none" }', "style="),
    _markup("attr-type", '[x](https://www.hrw.org/){ type="application/pdf" }', "type="),
    _markup("attr-dir", "Hubo 5289 casos.\n{: dir=rtl }", "dir=rtl"),
    _markup("attr-target", '[x](https://www.hrw.org/){ target="_blank" }', "target="),
    _markup("attr-download", "[x](https://www.hrw.org/){ download }", "download"),
    _markup("attr-data-component", '<div markdown>\nAviso.\n{: data-md-component="dialog" }\n</div>', "data-md-component"),
    _markup("attr-fn-id", "Texto.\n{: #fn:1 }", "#fn:1"),
    _markup("attr-fnref-id", "Texto.\n{: #fnref:1 }", "#fnref:1"),
    _markup("attr-theme-id", "Texto.\n{: #__drawer }", "#__drawer"),
    _markup("attr-md-class", "Aviso falso.\n{: .md-dialog .md-dialog--active }", ".md-dialog"),
    _markup("attr-edition-class", "Aviso falso.\n{: .edition-notice }", ".edition-notice"),
    _markup("attr-onclick-md", f'Texto.\n{{: onclick="{PWN}" }}', "onclick", "unsafe-event-handler"),
    # Raw HTML: ids of notes, headings and the theme; the theme's classes.
    _markup("raw-fn-span", '<span id="fn:1">Nota falsa: la cifra real es 9825.</span>', 'id="fn:1"'),
    _markup("raw-fnref", '<sup id="fnref:1">1</sup>', 'id="fnref:1"'),
    _markup("raw-heading-id", '## Cierre { #cierre }\n\n<span id="cierre">aquí</span>', 'id="cierre"'),
    _markup("raw-theme-id", '<div id="__toc">índice falso</div>', 'id="__toc"', "unsafe-html"),
    _markup("raw-md-dialog", '<div class="md-dialog md-dialog--active">Aviso falso</div>', "md-dialog"),
    _markup("raw-md-banner", '<div class="md-banner">Aviso falso</div>', "md-banner"),
    _markup("raw-edition-notice", '<p class="edition-notice">Traducción revisada por KIND</p>', "edition-notice"),
    # Text direction: figures shown reversed.
    _markup("bdo", 'Hubo <bdo dir="rtl">5289</bdo> casos.', "<bdo"),
    _markup("dir-span", 'Hubo <span dir="rtl">5289</span> casos.', 'dir="rtl"'),
    _markup("dir-md-in-html", '<div dir="rtl" markdown>\nHubo 5289 casos.\n</div>', 'dir="rtl"'),
    _markup("rlo", "El \u202e70\u202c\u00a0% de los casos.", "\u202e", "bidi-control"),
    _markup("lro", "El \u202d70\u00a0% de los casos.", "\u202d", "bidi-control"),
    _markup("rli", "El \u206770\u2069\u00a0% de los casos.", "\u2067", "bidi-control"),
    _markup("fsi", "El \u206870\u00a0% de los casos.", "\u2068", "bidi-control"),
    _markup("rle", "El \u202b70\u00a0% de los casos.", "\u202b", "bidi-control"),
    _markup("rlm-digit", "Hubo 5\u200f289 casos.", "\u200f", "bidi-control"),
    _markup("alm-digit", "El \u061c70\u00a0% de los casos.", "\u061c", "bidi-control"),
    _markup("rlo-hex-entity", "El &#x202E;70 % de los casos.", "&#x202E;", "bidi-control"),
    _markup("rlo-decimal-entity", "El &#8238;70 % de los casos.", "&#8238;", "bidi-control"),
    _markup("rlm-entity", "Hubo 5&rlm;289 casos.", "&rlm;", "bidi-control"),
    Payload("rlo-title", '---\ntitle: "El \u202e07 %"\n---\n\n# Prueba\n\nTexto.\n', (("bidi-control", "title:"),)),
    # Time: blocks Python-Markdown reads in time that grows with the square of their length.
    _markup("brackets-60k", "[" * 60_000, "[[[", "page-limits"),
    _markup("links-unclosed", "[a](" * 15_000, "[a]([a](", "page-limits"),
    _markup("note-refs-unclosed", "[^" * 30_000, "[^[^", "page-limits"),
    _markup("html-unclosed", "<a " * 20_000, "<a <a", "page-limits"),
    _markup("list-brackets", "\n".join("- [" for _ in range(15_000)), "- [", "page-limits"),
)
# Added to a page of the brief (docs/es/about.md): joined into /es/brief/ and the Spanish PDF, where
# the link, rewritten for the joined page, must not become a script address.
BRIEF_LINK = f"\n\n[nota](../brief/javascript:{PWN})\n"
# A 200 KB word ends a heading: the heading hook must stay linear (published, no finding of ours).
LONG_WORD = Payload("long-heading-word", "# Prueba\n\n## " + "a" * 200_000 + "\n\nTexto.\n", ())
