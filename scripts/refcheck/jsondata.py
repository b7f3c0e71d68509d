"""Records as JSON and back, by their type hints: what the checker's cache keeps (refcheck/cache.py).

`codec(SomeType)` returns two functions, to JSON-ready data and back. A dataclass becomes the list
of its fields' values, in order; tuples, lists, frozensets and sets become lists; a mapping with
string keys an object; an enum its value; `Any` must hold JSON's own types (and dates, which YAML
front matter holds). Decoding builds only the types the hints name, so a cache file written by
anyone else can at worst be refused (`Unreadable`), never make the checker run something. A value
that cannot be written (`Unwritable`) is simply not kept.
"""

from __future__ import annotations

import collections.abc
import dataclasses
import datetime
import enum
import types
import typing
from collections.abc import Callable
from functools import lru_cache
from typing import Any

Convert = Callable[[Any], Any]


class Unreadable(ValueError):
    """Stored data that does not have the shape its type says."""


class Unwritable(ValueError):
    """A value of a type JSON cannot hold."""


def _same(value: Any) -> Any:
    return value


def _scalar(kind: type) -> tuple[Convert, Convert]:
    def check(value: Any) -> Any:
        if type(value) is not kind and not (kind is float and type(value) is int):
            raise Unreadable(f"expected {kind.__name__}, found {type(value).__name__}")
        return value

    return check, check


def _any() -> tuple[Convert, Convert]:
    def dump(value: Any) -> Any:
        if value is None or isinstance(value, (str, int, float, bool)):
            return value
        if isinstance(value, dict):
            return {"map": [[dump(k), dump(v)] for k, v in value.items()]}
        if isinstance(value, (list, tuple)):
            return [dump(item) for item in value]
        if isinstance(value, datetime.datetime):
            return {"datetime": value.isoformat()}
        if isinstance(value, datetime.date):
            return {"date": value.isoformat()}
        raise Unwritable(f"cannot keep a {type(value).__name__}")

    def load(value: Any) -> Any:
        if isinstance(value, list):
            return [load(item) for item in value]
        if isinstance(value, dict):
            if "map" in value:
                return {load(k): load(v) for k, v in value["map"]}
            if "datetime" in value:
                return datetime.datetime.fromisoformat(value["datetime"])
            if "date" in value:
                return datetime.date.fromisoformat(value["date"])
            raise Unreadable("an object that is no mapping, date or datetime")
        return value

    return dump, load


def _sequence(make: type, item: Any) -> tuple[Convert, Convert]:
    dump_item, load_item = codec(item)
    if dump_item is _same:
        return list, lambda value: make(value)
    return (lambda value: [dump_item(x) for x in value]), (lambda value: make(load_item(x) for x in value))


def _fixed_tuple(items: tuple[Any, ...]) -> tuple[Convert, Convert]:
    codecs = [codec(item) for item in items]

    def load(value: Any) -> tuple:
        if len(value) != len(codecs):
            raise Unreadable("a tuple of another length")
        return tuple(load_item(x) for (_, load_item), x in zip(codecs, value))

    return (lambda value: [dump_item(x) for (dump_item, _), x in zip(codecs, value)]), load


def _optional(inner: Any) -> tuple[Convert, Convert]:
    dump_inner, load_inner = codec(inner)
    return (lambda value: None if value is None else dump_inner(value)), (
        lambda value: None if value is None else load_inner(value))


def _mapping(key: Any, item: Any) -> tuple[Convert, Convert]:
    if key is not str:
        dump_pairs, load_pairs = _sequence(list, tuple[key, item])
        return (lambda value: dump_pairs(value.items())), (lambda value: dict(load_pairs(value)))
    dump_item, load_item = codec(item)
    return (lambda value: {k: dump_item(v) for k, v in value.items()}), (
        lambda value: {k: load_item(v) for k, v in value.items()})


def _bad() -> Any:
    raise Unreadable("a value of another type")


_PLAIN = (str, int, bool)


def _load_expression(kind: Any, item: str, namespace: dict[str, Any], name: str) -> str:
    """Python source that reads `item` (an expression) as a value of `kind`; helpers go in `namespace`."""
    if kind in _PLAIN:
        return f"({item} if type({item}) is {kind.__name__} else _bad())"
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    rest = [arg for arg in args if arg is not type(None)]
    if origin in (typing.Union, types.UnionType) and len(rest) == 1 and len(args) == 2:
        if rest[0] in _PLAIN:
            return f"({item} if {item} is None or type({item}) is {rest[0].__name__} else _bad())"
        return f"(None if {item} is None else {_load_expression(rest[0], item, namespace, name)})"
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis and dataclasses.is_dataclass(args[0]):
        namespace[name] = codec(args[0])[1]
        return f"tuple([{name}(e) for e in {item}])"
    load = codec(kind)[1]
    if load is _same:
        return item
    namespace[name] = load
    return f"{name}({item})"


def _dataclass(cls: type) -> tuple[Convert, Convert]:
    """A record's converters, written as Python source from its type hints (the cache reads many
    thousands of records a run: one function per record type, no call per plain field)."""
    hints = typing.get_type_hints(cls)
    names = [field.name for field in dataclasses.fields(cls) if field.init]
    built: list[Convert] = []
    # A placeholder first: a record may hold records of its own type.
    _cache[cls] = (lambda value: built[0](value), lambda value: built[1](value))
    namespace: dict[str, Any] = {"_cls": cls, "_bad": _bad, "_new": object.__new__, "_list": list}
    dumped, loaded = [], []
    for index, name in enumerate(names):
        dump_field, _load_field = codec(hints[name])
        namespace[f"_d{index}"] = dump_field
        dumped.append(f"v.{name}" if dump_field is _same else f"_d{index}(v.{name})")
        loaded.append(_load_expression(hints[name], f"v[{index}]", namespace, f"_l{index}"))
    if hasattr(cls, "__post_init__"):
        make = f"_cls({', '.join(loaded)})"
    else:  # a frozen record's __init__ sets each field through object.__setattr__: its dict is set at once
        make = "_new(_cls)\n    o.__dict__.update({" + ", ".join(f"{name!r}: {e}" for name, e in zip(names, loaded)) + "})"
    source = (f"def dump(v):\n    return [{', '.join(dumped)}]\n"
              f"def load(v):\n    if type(v) is not _list or len(v) != {len(names)}:\n        _bad()\n"
              f"    o = {make}\n    return o\n")
    exec(compile(source, f"<jsondata {cls.__qualname__}>", "exec"), namespace)  # code made from type hints only
    built.extend((namespace["dump"], namespace["load"]))
    return namespace["dump"], namespace["load"]


_cache: dict[Any, tuple[Convert, Convert]] = {}


def codec(kind: Any) -> tuple[Convert, Convert]:
    """(to JSON-ready data, from it) for values of type `kind`."""
    if kind in _cache:
        return _cache[kind]
    found = _make(kind)
    _cache[kind] = found
    return found


def _make(kind: Any) -> tuple[Convert, Convert]:
    if kind is Any:
        return _any()
    if kind in (str, int, float, bool):
        return (_same, _same) if kind is str else _scalar(kind)
    if kind is type(None):
        return _same, _same
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        return (lambda value: value.value), kind
    if dataclasses.is_dataclass(kind):
        return _dataclass(kind)
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    if origin in (typing.Union, types.UnionType):
        rest = [arg for arg in args if arg is not type(None)]
        if len(rest) != 1:
            raise TypeError(f"{kind}: only X | None unions can be kept")
        return _optional(rest[0])
    if origin is tuple:
        return _sequence(tuple, args[0]) if len(args) == 2 and args[1] is Ellipsis else _fixed_tuple(args)
    if origin in (list, frozenset, set):
        return _sequence(origin, args[0])
    if origin in (dict, collections.abc.Mapping):
        return _mapping(*args)
    raise TypeError(f"{kind}: no JSON form")


@lru_cache(maxsize=None)
def _wrapped(kind: Any) -> tuple[Convert, Convert]:
    return codec(kind)


def dump(kind: Any, value: Any) -> Any:
    """`value` (of type `kind`) as JSON-ready data. Raises `Unwritable`."""
    return _wrapped(kind)[0](value)


def load(kind: Any, data: Any) -> Any:
    """A value of type `kind` from JSON-ready data. Raises `Unreadable`."""
    try:
        return _wrapped(kind)[1](data)
    except Unreadable:
        raise
    except (TypeError, ValueError, KeyError, AttributeError, IndexError) as error:
        raise Unreadable(str(error)) from None
