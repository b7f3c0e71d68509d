"""A Babel extraction method: the messages Babel's Python extractor finds, and the documentation of
every rule the checker declares (`Rule("id", "summary", severity, "why", ...)`, or the same as
keywords), which the rule reference (RULES.md, RULES.es.md, `--list-rules`) shows translated.

babel.cfg names it for the Python files (`[refcheck.uitext.rule_texts:extract: scripts/**.py]`).
"""

from __future__ import annotations

import ast

# The fields of refcheck.findings.Rule a reader reads as prose, by position and by name.
PROSE_FIELDS = {1: "summary", 3: "why"}


def _literal(node: ast.AST) -> str | None:
    try:
        value = ast.literal_eval(node)
    except (ValueError, SyntaxError, TypeError):
        return None
    return value if isinstance(value, str) and value.strip() else None


def rule_texts(source: str):
    """(line, text) of the summary and the reason of every `Rule(...)` in `source`."""
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", None)) == "Rule"):
            continue
        fields = [arg for index, arg in enumerate(node.args) if index in PROSE_FIELDS]
        fields += [keyword.value for keyword in node.keywords if keyword.arg in PROSE_FIELDS.values()]
        for field in fields:
            text = _literal(field)
            if text is not None:
                yield field.lineno, text


def extract(fileobj, keywords, comment_tags, options):
    from babel.messages.extract import extract_python

    source = fileobj.read()
    fileobj.seek(0)
    yield from extract_python(fileobj, keywords, comment_tags, options)
    try:
        found = list(rule_texts(source.decode(options.get("encoding", "utf-8"))))
    except SyntaxError:
        return
    for line, text in found:
        yield line, None, text, []
