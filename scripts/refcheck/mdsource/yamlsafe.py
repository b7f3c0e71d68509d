"""Read mkdocs.yml safely: every tag (`!ENV`, `!!python/name:`, `!relative` ...) is kept as data,
never executed, and the line of every value stays known for the findings that point into the file.

mkdocs.yml is code to MkDocs (its loader runs `!!python/object/apply:os.system [...]`), and any YAML
a pull request can change is hostile input to us. So every document read here is first walked as a
stream of events, which takes no recursion, and refused past MAX_DEPTH levels of nesting (5,000
nested lists crash the C composer and stall MkDocs); once composed, it is refused when its aliases
would expand past MAX_EXPANDED values (a "billion laughs" is a few lines that expand to 10^9).
`python_tags` lists the Python tags of a file, with their lines; `load_chain` follows `INHERIT`.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

# Deeper than any real configuration (a nav rarely passes 6 levels) and far below what crashes.
MAX_DEPTH = 100
# Values once every alias is expanded: a 2,000-page site's nav in three languages is ~20,000.
MAX_EXPANDED = 250_000
# An INHERIT chain longer than this is a mistake (MkDocs itself has no limit, and loops forever).
MAX_INHERIT = 10
PYTHON_TAG_PREFIX = "tag:yaml.org,2002:python/"


class UnsafeYaml(yaml.MarkedYAMLError):
    """A document refused before it is built: too deep, or aliases that expand too far."""


@dataclass(frozen=True)
class Tagged:
    """A value written with a tag this reader does not execute, e.g. `!!python/name:pkg.func`."""

    tag: str
    value: Any


# libyaml's loader where PyYAML was built with it (several times faster), the pure-Python one if not.
SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(SafeLoader):
    pass


def _construct_any(loader: _Loader, tag_suffix: str, node: yaml.Node) -> Any:
    tag = node.tag
    if isinstance(node, yaml.ScalarNode):
        value: Any = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)
    if tag == "!ENV":
        # MkDocs' `!ENV NAME` / `!ENV [NAME, OTHER, default]`: reading a variable executes nothing.
        names = value if isinstance(value, list) else [value]
        for name in names[:-1] if len(names) > 1 else names:
            if isinstance(name, str) and name in os.environ:
                return os.environ[name]
        return names[-1] if len(names) > 1 else None
    return Tagged(tag, value)


_Loader.add_multi_constructor("!", _construct_any)
_Loader.add_multi_constructor("tag:", _construct_any)


def load(text: str) -> tuple[Any, yaml.Node | None]:
    """The document as plain data, and its node tree (for line numbers). Raises yaml.YAMLError
    (UnsafeYaml for a document nested too deep or whose aliases expand too far)."""
    _refuse_deep(text)
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is not None:
            _refuse_explosion(node)
        data = loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()
    return data, node


def load_plain(text: str) -> Any:
    """Plain data only, as yaml.safe_load gives (tags are refused by SafeLoader), with the limits
    of `load`: for front matter and the project's data files."""
    _refuse_deep(text)
    loader = SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _refuse_explosion(node)
        return loader.construct_document(node)
    finally:
        loader.dispose()


def _refuse_deep(text: str) -> None:
    """Walk the events (a loop, no recursion) and stop at the first level past MAX_DEPTH."""
    loader = SafeLoader(text)
    depth = 0
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    raise UnsafeYaml(problem=f"nested more than {MAX_DEPTH} levels deep; refused",
                                     problem_mark=event.start_mark)
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                depth -= 1
    finally:
        loader.dispose()


def expanded_size(node: yaml.Node) -> int:
    """How many values the document holds once every alias is expanded (each node counted once
    per path that reaches it), computed on the shared graph without expanding anything. Refuses a
    value that contains itself, and aliases that nest deeper than MAX_DEPTH once expanded."""
    known: dict[int, tuple[int, int]] = {}  # id -> (values, levels below it)
    building: set[int] = set()

    def measure(item: yaml.Node, depth: int) -> tuple[int, int]:
        key = id(item)
        if key in building:
            # `&a [*a]`: infinite once expanded, and a loop for any code that walks the data.
            raise UnsafeYaml(problem="an alias refers to a value that contains it; refused",
                             problem_mark=item.start_mark)
        if key not in known:
            building.add(key)
            children: list[yaml.Node] = []
            if isinstance(item, yaml.SequenceNode):
                children = list(item.value)
            elif isinstance(item, yaml.MappingNode):
                children = [part for pair in item.value for part in pair]
            values, height = 1, 0
            for child in children:
                child_values, child_height = measure(child, depth + 1)
                values += child_values
                height = max(height, child_height + 1)
            building.discard(key)
            known[key] = (values, height)
        values, height = known[key]
        if depth + height > MAX_DEPTH:
            raise UnsafeYaml(problem=f"its aliases nest values more than {MAX_DEPTH} levels deep; refused",
                             problem_mark=item.start_mark)
        return values, height

    return measure(node, 0)[0]


def _refuse_explosion(node: yaml.Node) -> None:
    total = expanded_size(node)
    if total > MAX_EXPANDED:
        raise UnsafeYaml(problem=f"its aliases expand to {total:,} values (more than {MAX_EXPANDED:,}: "
                                 "a \"billion laughs\"); refused", problem_mark=node.start_mark)


@dataclass(frozen=True)
class PythonTag:
    """A `!!python/...` tag: MkDocs' loader imports, calls or builds what it names."""

    file: Path
    line: int
    column: int
    tag: str  # as written, e.g. "!!python/object/apply:os.system"

    @property
    def name(self) -> str:
        """What the tag imports: `os.system` for `!!python/object/apply:os.system`."""
        return self.tag.partition(":")[2]


def python_tags(node: yaml.Node | None, file: Path) -> list[PythonTag]:
    """Every Python tag of a composed document, in document order (each node once)."""
    found: list[PythonTag] = []
    seen: set[int] = set()
    stack = [node] if node is not None else []
    while stack:
        item = stack.pop()
        if id(item) in seen:
            continue
        seen.add(id(item))
        if item.tag.startswith(PYTHON_TAG_PREFIX):
            written = "!!" + item.tag.removeprefix("tag:yaml.org,2002:")
            found.append(PythonTag(file, item.start_mark.line + 1, item.start_mark.column + 1, written))
        if isinstance(item, yaml.SequenceNode):
            stack.extend(reversed(item.value))
        elif isinstance(item, yaml.MappingNode):
            for key, value in reversed(item.value):
                stack.extend((value, key))
    return sorted(found, key=lambda tag: (tag.line, tag.column))


@dataclass(frozen=True)
class ConfigFile:
    path: Path
    data: Any
    node: yaml.Node | None


class InheritError(Exception):
    """An INHERIT that cannot be followed safely: `file` and `line` say where it is written."""

    def __init__(self, message: str, file: Path, line: int | None) -> None:
        super().__init__(message)
        self.file = file
        self.line = line


def load_file(path: Path) -> ConfigFile:
    """One YAML file, read as `load` reads text. Raises OSError, UnicodeDecodeError, yaml.YAMLError."""
    data, node = load(path.read_bytes().decode("utf-8-sig"))
    return ConfigFile(path, data, node)


def load_chain(path: Path, root: Path) -> list[ConfigFile]:
    """`path` and the files it INHERITs, the file itself first and its furthest parent last.

    MkDocs resolves INHERIT relative to the file that names it. A parent outside `root` (the
    repository), one that is missing, a loop, or a chain longer than MAX_INHERIT is an
    InheritError: a pull request must not make the checker or the build read other files.
    """
    chain, problem = read_chain(path, root)
    if problem is not None:
        raise problem
    return chain


def read_chain(path: Path, root: Path) -> tuple[list[ConfigFile], InheritError | None]:
    """As `load_chain`, but the files read before a bad INHERIT are returned with its error."""
    chain = [load_file(path)]
    try:
        _follow(chain, root.resolve())
    except InheritError as problem:
        return chain, problem
    return chain, None


def _follow(chain: list[ConfigFile], root: Path) -> None:
    while True:
        current = chain[-1]
        parent = current.data.get("INHERIT") if isinstance(current.data, dict) else None
        if parent is None:
            return
        where = find_lines(current.node, ("INHERIT",))
        line = where.start_mark.line + 1 if where is not None else None
        if not isinstance(parent, str) or not parent.strip():
            raise InheritError("INHERIT must name a file", current.path, line)
        target = (current.path.parent / parent).resolve()
        if not target.is_relative_to(root):
            raise InheritError(f"INHERIT {parent!r} leads outside the project folder; refused", current.path, line)
        if any(target == item.path.resolve() for item in chain):
            raise InheritError(f"INHERIT {parent!r} leads back to a file already read (a loop)", current.path, line)
        if len(chain) > MAX_INHERIT:
            raise InheritError(f"INHERIT chain longer than {MAX_INHERIT} files; refused", current.path, line)
        if not target.is_file():
            raise InheritError(f"INHERIT {parent!r}: no such file", current.path, line)
        try:
            chain.append(load_file(target))
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
            mark = getattr(error, "problem_mark", None)
            problem = getattr(error, "problem", None) or getattr(error, "strerror", None) or str(error)
            at = f" (line {mark.line + 1})" if mark is not None else ""
            raise InheritError(f"INHERIT {parent!r} cannot be read{at}: {problem}", current.path, line) from None


def merged(chain: list[ConfigFile]) -> dict[str, Any]:
    """The settings MkDocs would use: each file deep-merged over its parent (mappings merge,
    everything else, lists included, is replaced), as MkDocs' own INHERIT does with mergedeep."""
    result: dict[str, Any] = {}
    for item in reversed(chain):
        if isinstance(item.data, dict):
            result = merge(result, {key: value for key, value in item.data.items() if key != "INHERIT"})
    return result


def merge(base: Mapping[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
    """MkDocs' INHERIT merge (mergedeep, REPLACE): mappings merge key by key, the child wins otherwise."""
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, Mapping) and isinstance(out.get(key), Mapping):
            out[key] = merge(out[key], value)
        else:
            out[key] = value
    return out


def find_lines(node: yaml.Node | None, path: tuple[str, ...]) -> yaml.Node | None:
    """The node at a chain of mapping keys, e.g. ('nav',)."""
    for key in path:
        if not isinstance(node, yaml.MappingNode):
            return None
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
                node = value_node
                break
        else:
            return None
    return node
