"""The preview's banner: a page's findings as HTML, in the page's language (no script needed).

The refcheck MkDocs plugin (refcheck/plugin.py) puts it at the top of every page that `mkdocs serve` builds
while the project has findings: this page's own first, then the others in a <details> element.
The markup is static: styled by theme/assets/refcheck/preview.css, it needs no script and so
works under a Content-Security-Policy without 'unsafe-inline'.
"""

from __future__ import annotations

from collections.abc import Sequence
import re
from html import escape

from refcheck import uitext
from refcheck.findings import Finding, Severity
from refcheck.report import place
from refcheck.uitext.shown import visible_lines

ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
CODE_SPAN = re.compile(r"`([^`\n]+)`")


def _message(text: str) -> str:
    """A finding's message as HTML: `code` as code, and its further lines (a stale page's changed
    words) one under the other, not run together."""
    first, *rest = [line.strip() for line in text.split("\n") if line.strip()] or [""]

    def html(line: str) -> str:
        return CODE_SPAN.sub(lambda m: f"<code>{m.group(1)}</code>", escape(line, quote=False))

    details = "".join(f"<li>{html(line)}</li>" for line in rest)
    return html(first) + (f'<ul class="refcheck-preview__details">{details}</ul>' if details else "")


def _items(findings: Sequence[Finding], gettext) -> str:
    words = {Severity.ERROR: gettext("error"), Severity.WARNING: gettext("warning"), Severity.INFO: gettext("info")}
    rows = []
    for f in sorted(findings, key=lambda f: (ORDER[f.severity], f.file, f.line or 0)):
        rows.append(
            f'<li class="refcheck-preview__finding refcheck-preview__finding--{f.severity.value}">'
            f'<span class="refcheck-preview__severity">{escape(words[f.severity])}</span> '
            f'<code class="refcheck-preview__place">{escape(place(f))}</code> '
            f'<code class="refcheck-preview__rule">{escape(f.rule)}</code> '
            f'<span class="refcheck-preview__message">{_message(visible_lines(f.message))}</span></li>'
        )
    return '<ul class="refcheck-preview__list">' + "".join(rows) + "</ul>"


def banner(findings: Sequence[Finding], source: str, lang: str, command: str, compare_href: str | None = None) -> str:
    """The banner for the page built from `source` (a path relative to the project's root);
    `compare_href`: the address of this translation's side-by-side view, if it is one."""
    gettext, ngettext = uitext.in_language(lang)
    here = [f for f in findings if f.file == source]
    elsewhere = [f for f in findings if f.file != source]
    errors = sum(1 for f in findings if f.severity is Severity.ERROR)
    warnings = sum(1 for f in findings if f.severity is Severity.WARNING)
    counts = ", ".join([ngettext("{n} error", "{n} errors", errors).format(n=errors),
                        ngettext("{n} warning", "{n} warnings", warnings).format(n=warnings)])
    kind = "error" if errors else "warning"
    title = gettext("Reference check: {counts}").format(counts=counts)
    if errors:
        advice = gettext("The published build fails until the errors are fixed. This notice appears only in the "
                         "preview and goes away when the findings are fixed.")
    else:
        advice = gettext("This notice appears only in the preview and goes away when the findings are fixed.")
    parts = [
        f'<div class="refcheck-preview refcheck-preview--{kind}" role="alert" lang="{escape(uitext.supported(lang))}"'
        f' data-refcheck-preview="{len(findings)}">',
        f'<p class="refcheck-preview__title"><strong>{escape(title)}</strong></p>',
        f'<p class="refcheck-preview__advice">{escape(advice)} '
        + escape(gettext("Full report: {command}")).format(command=f"<code>{escape(command)}</code>") + "</p>",
    ]
    if compare_href:
        label = gettext("This page beside its English original")
        parts.append(f'<p class="refcheck-preview__compare"><a href="{escape(compare_href)}">{escape(label)}</a></p>')
    if here:
        heading = gettext("On this page ({file}):").format(file=source)
        parts.append(f'<p class="refcheck-preview__heading">{escape(heading)}</p>')
        parts.append(_items(here, gettext))
    if elsewhere:
        summary = ngettext("{n} finding in other files", "{n} findings in other files", len(elsewhere)).format(n=len(elsewhere))
        # Open when this page has none: the findings are then all elsewhere, and must be seen.
        parts.append(f'<details class="refcheck-preview__elsewhere"{"" if here else " open"}>'
                     f"<summary>{escape(summary)}</summary>{_items(elsewhere, gettext)}</details>")
    parts.append("</div>")
    return "".join(parts)
