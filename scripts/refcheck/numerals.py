"""Numbers as each language writes them: every value a written number can have (refcheck/checks/numbers.py
says why), for `number-parity` and `number-style`."""

from __future__ import annotations

import re
from dataclasses import dataclass

SPACES = " \u00a0\u2009\u202f"  # space, no-break space, thin space, narrow no-break (thin) space
NARROW_NO_BREAK_SPACE = "\u202f"
SEPARATOR = re.compile(f"[.,{SPACES}]")


@dataclass(frozen=True)
class Convention:
    """How a language writes numbers: its decimal signs, and the separators read as grouping."""

    decimal: str  # characters accepted as the decimal sign
    grouping: str  # characters read as a thousands separator (in any usage of the language)


CONVENTIONS = {
    "en": Convention(decimal=".", grouping="," + SPACES),
    # Both signs are decimal signs in Spanish; point and comma still group thousands in some usage.
    "es": Convention(decimal=".,", grouping=".," + SPACES),
}
ANY = Convention(decimal=".,", grouping=".," + SPACES)


def is_grouped(groups: list[str], separators: list[str]) -> bool:
    """1-3 digits, then groups of exactly three, all with the same separator."""
    return (1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])
            and len({" " if s in SPACES else s for s in separators}) == 1)


def _value(whole: list[str], decimals: str = "") -> str:
    integer = str(int("".join(whole)))
    decimals = decimals.rstrip("0")
    return f"{integer}.{decimals}" if decimals else integer


def _readings(written: str, convention: Convention) -> set[str]:
    groups, separators = SEPARATOR.split(written), SEPARATOR.findall(written)
    if not separators:
        return {_value(groups)}
    found = set()
    if all(s in convention.grouping for s in separators) and is_grouped(groups, separators):
        found.add(_value(groups))
    last = separators[-1]
    if last in convention.decimal:
        whole, rest = groups[:-1], separators[:-1]
        if (not rest or (all(s in convention.grouping and s != last for s in rest) and is_grouped(whole, rest))):
            found.add(_value(whole, groups[-1]))
    return found


def readings(written: str, language: str) -> frozenset[str] | None:
    """Every value `written` can have in `language` ("5.289" in es: 5289 or 5.289); None when it is
    no single number in any convention (1.2.3, a list)."""
    convention = CONVENTIONS.get(language.split("_")[0].split("-")[0], ANY)
    found = _readings(written, convention) or _readings(written, ANY)
    return frozenset(found) if found else None
