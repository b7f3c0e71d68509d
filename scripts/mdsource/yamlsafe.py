"""Read mkdocs.yml safely: every tag (`!ENV`, `!!python/name:`, `!relative` ...) is kept as data,
never executed, and the line of every value stays known for the findings that point into the file."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

import yaml


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
    """The document as plain data, and its node tree (for line numbers). Raises yaml.YAMLError."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()
    return data, node


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
