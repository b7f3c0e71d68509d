"""A page's front matter against this edition's schema, read as a stream of YAML events.

The events are read one by one and never composed into values, so an alias is refused where it is
written and never expanded (a "billion laughs" costs nothing here), and a tag (`!!set`, `!!binary`,
`!!python/...`) is refused before anything constructs it. Front matter that MkDocs would not read
as settings is refused too: it publishes such a block as visible text (a YAML error such as
`description: Debido proceso: cómo…`, a block that is not `key: value` lines), and it reads
MultiMarkdown `key: value` lines at the top of a page without `---` as settings, hidden from view.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from typing import Any

import yaml
from yaml.resolver import Resolver

from refcheck.boundary import FRONT_MATTER_KEY, FRONT_MATTER_SYNTAX, FRONT_MATTER_VALUE, Problem, visible
from refcheck.uitext import _

# MkDocs' own patterns (mkdocs.utils.meta), so that what is judged here is what MkDocs reads.
YAML_BLOCK = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.UNICODE | re.DOTALL)
META_LINE = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)")
OPENING = re.compile(r"^-{3}[ \t]*(?:\n|$)")
HASH = re.compile(r"[0-9a-f]{16}")
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
TEMPLATE_NAME = re.compile(r"[A-Za-z0-9_-]+\.html")
TITLE_LIMIT, DESCRIPTION_LIMIT = 200, 400
# Keys that choose or feed the template a page is rendered with: maintainers' only.
TEMPLATE_KEYS = frozenset({"template", "location"})
SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_RESOLVER = Resolver()
_STR = "tag:yaml.org,2002:str"


def _type_name(tag: str) -> str:
    names = {"null": _("empty"), "bool": _("a yes/no value"), "int": _("a number"), "float": _("a number"),
             "timestamp": _("a date")}
    return names.get(tag.rsplit(":", 1)[-1], _("not text"))


def _text(limit: int) -> Callable[[str, yaml.ScalarEvent], str | None]:
    def judge(key: str, event: yaml.ScalarEvent) -> str | None:
        if CONTROL.search(event.value):
            return _("`{key}` holds a control character: write plain text").format(key=key)
        if len(event.value) > limit:
            return _("`{key}` is longer than {limit} characters").format(key=key, limit=limit)
        return None
    return judge


def _hash(key: str, event: yaml.ScalarEvent) -> str | None:
    if HASH.fullmatch(event.value):
        return None
    return _("`{key}` must be the 16 hexadecimal digits `mark-translated` writes, not `{value}`").format(
        key=key, value=visible(event.value[:40]))


def _state(key: str, event: yaml.ScalarEvent) -> str | None:
    return None if event.value == "untranslated" else _("`{key}` may only be `untranslated`").format(key=key)


def _template(key: str, event: yaml.ScalarEvent) -> str | None:
    if key != "template" or TEMPLATE_NAME.fullmatch(event.value):
        return None
    return _("`template` must name a template of the theme, such as main.html")


# The keys this edition's pages carry, and what each may hold. A hash or state is read as written
# (the translation tools read the line's text), so `translation_of: 0123456789012345` is accepted.
SCHEMA: dict[str, Callable[[str, yaml.ScalarEvent], str | None]] = {
    "title": _text(TITLE_LIMIT),
    "description": _text(DESCRIPTION_LIMIT),
    "translation_of": _hash,
    "translation_state": _state,
}
RAW_TEXT = frozenset({"translation_of", "translation_state"})


def judge(text: str, allowed_keys: Collection[str] = ()) -> list[Problem]:
    """The problems of a page's front matter; `text` as MkDocs reads the file (BOM gone, `\\n` lines).
    `allowed_keys`: keys maintainers allow on this page besides the schema (any plain value)."""
    found = YAML_BLOCK.match(text)
    if found:
        return _judge_yaml(found.group(1), allowed_keys)
    if OPENING.match(text):
        return [Problem(FRONT_MATTER_SYNTAX, 1, _("front matter opened with `---` is never closed by a `---` line: "
                                                  "the page would show it as text"))]
    problems = []
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip() or not META_LINE.match(line):
            break
        problems.append(Problem(FRONT_MATTER_SYNTAX, number, _(
            "MkDocs reads this line at the top of the page as a hidden setting (`key: value`), not as text: start the page "
            "with a heading, and put settings between `---` lines")))
    return problems


def _judge_yaml(block: str, allowed_keys: Collection[str]) -> list[Problem]:
    problems: list[Problem] = []
    loader = SafeLoader(block)
    try:
        _walk(loader, allowed_keys, problems)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        problem = getattr(error, "problem", None) or str(error)
        last = block.count("\n") + 1  # an error found at the block's end is on its last line
        problems.append(Problem(FRONT_MATTER_SYNTAX, min(_line(mark), last), _(
            "front matter is not valid YAML ({problem}): MkDocs would publish it as text; "
            "put a value that holds `: ` between quotes").format(problem=visible(problem))))
    finally:
        loader.dispose()
    return problems


def _line(mark: Any) -> int:
    """The file's line of a mark in the block (the block starts on line 2, after `---`)."""
    return (mark.line + 2) if mark is not None else 1


def _walk(loader: Any, allowed_keys: Collection[str], problems: list[Problem]) -> None:
    event = loader.get_event()
    while isinstance(event, (yaml.StreamStartEvent, yaml.DocumentStartEvent)):
        event = loader.get_event()
    if not isinstance(event, yaml.MappingStartEvent) or event.tag is not None or event.anchor is not None:
        problems.append(Problem(FRONT_MATTER_SYNTAX, _line(event.start_mark), _(
            "front matter must be `key: value` lines: MkDocs would publish this block as text")))
        return
    seen: set[str] = set()
    while not isinstance(event := loader.get_event(), yaml.MappingEndEvent):
        line = _line(event.start_mark)
        if not isinstance(event, yaml.ScalarEvent) or event.tag is not None or event.anchor is not None:
            problems.append(Problem(FRONT_MATTER_KEY, line, _("a front-matter key must be a plain word")))
            _skip(loader, event, problems)
            _skip(loader, loader.get_event(), problems)
            continue
        key = visible(event.value)  # printed in messages; a key with a control character is no schema key
        if key in seen:
            problems.append(Problem(FRONT_MATTER_KEY, line, _("`{key}` is set twice").format(key=key)))
        seen.add(key)
        _judge_value(loader, key, line, allowed_keys, problems)
    for event in iter(loader.get_event, None):
        if isinstance(event, yaml.DocumentStartEvent):
            problems.append(Problem(FRONT_MATTER_SYNTAX, _line(event.start_mark), _("front matter holds one block only")))
        if isinstance(event, yaml.StreamEndEvent):
            break


def _judge_value(loader: Any, key: str, line: int, allowed_keys: Collection[str], problems: list[Problem]) -> None:
    event = loader.get_event()
    if key not in SCHEMA and key not in allowed_keys:
        if key in TEMPLATE_KEYS:
            message = _("`{key}` chooses how the page is built: only maintainers may set it "
                        "(extra.refcheck.boundary.allow_keys in mkdocs.yml)").format(key=key)
        else:
            message = _("`{key}` is not a front-matter key of this site: a page may carry only {keys}").format(
                key=key, keys=", ".join(f"`{name}`" for name in SCHEMA))
        problems.append(Problem(FRONT_MATTER_KEY, line, message))
        _skip(loader, event, problems)
        return
    if not _plain(event, problems):
        _skip(loader, event, problems)
        return
    if key not in SCHEMA:  # a key maintainers allow on this page: any plain value, a template by name
        if isinstance(event, yaml.ScalarEvent):
            _report(problems, _line(event.start_mark), _template(key, event))
        _skip(loader, event, problems)
        return
    if not isinstance(event, yaml.ScalarEvent):
        problems.append(Problem(FRONT_MATTER_VALUE, _line(event.start_mark),
                                _("`{key}` must be text, not a list or mapping").format(key=key)))
        _skip(loader, event, problems)
        return
    tag = _STR if event.style else _RESOLVER.resolve(yaml.ScalarNode, event.value, (True, False))
    if not event.value.strip():
        problems.append(Problem(FRONT_MATTER_VALUE, _line(event.start_mark),
                                _("`{key}` is empty: write its text, or remove the line").format(key=key)))
    elif tag != _STR and key not in RAW_TEXT:
        problems.append(Problem(FRONT_MATTER_VALUE, _line(event.start_mark), _(
            "`{key}` must be text, and `{value}` reads as {kind}: put it between quotes").format(
                key=key, value=visible(event.value[:40]), kind=_type_name(tag))))
    else:
        _report(problems, _line(event.start_mark), SCHEMA[key](key, event))


def _report(problems: list[Problem], line: int, message: str | None) -> None:
    if message:
        problems.append(Problem(FRONT_MATTER_VALUE, line, message))


def _plain(event: Any, problems: list[Problem]) -> bool:
    """False (and a problem) for an alias, an anchor or a tag: this site's front matter has none."""
    line = _line(event.start_mark)
    if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
        problems.append(Problem(FRONT_MATTER_VALUE, line, _("front matter may not use YAML anchors or aliases "
                                                            "(`&name`, `*name`): write the value itself")))
        return False
    if getattr(event, "tag", None) is not None:
        tag = visible(event.tag.replace("tag:yaml.org,2002:", "!!")[:40])
        problems.append(Problem(FRONT_MATTER_VALUE, line,
                                _("front matter may not use YAML tags (`{tag}`): write plain text").format(tag=tag)))
        return False
    return True


def _skip(loader: Any, event: Any, problems: list[Problem]) -> None:
    """Read past the rest of a value (nothing is built), refusing the first alias, anchor or tag inside."""
    depth = 1 if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)) else 0
    judging = True
    while depth:
        event = loader.get_event()
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
        if judging and isinstance(event, yaml.NodeEvent):
            judging = _plain(event, problems)
