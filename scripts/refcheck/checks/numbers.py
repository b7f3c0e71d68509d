"""Numbers as each language writes them: their values (for `number-parity`) and their style.

A written number can be read in more than one way: "5.289" is five thousand two hundred and
eighty-nine in Spain's traditional usage and five point two eight nine in Mexico's; "5,289" the other
way round. `readings` gives every value a number can have under the conventions of the page's
language, so that `number-parity` compares values ("5,289" in English = "5289" = "5 289" = "5.289"
in Spanish) and reports only a figure that no reading makes equal (5289 -> 5298).

Style, where the language's academies give a rule (Spanish, by ASALE/RAE, Ortografía de la lengua
española, 2010, and the Diccionario panhispánico de dudas): a number of four digits is written
without any separator (5289); from five digits, the digits are grouped in threes with a space,
best a no-break thin space (52 890, 1 250 000), never with a point or a comma, which readers of
other Spanish-speaking countries take for the decimal sign (either a comma or a point is correct
for decimals: 3,5 or 3.5). Years, pages and article numbers have no separator either. The percent
sign is a symbol, set apart from its number by a no-break space (70 %, Ortografía de 2010:
U+00A0, or the narrow U+202F, or `&nbsp;` in the Markdown, so that a line never ends between them);
"70 por ciento" is correct too, and `number-parity`, which compares values, reads it as 70 %.
These rules read the parsed pages only; they change nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from refcheck.config import Config
from refcheck.facts import Number
from refcheck.findings import Finding, Rule, Severity
from refcheck.project import Project
from refcheck.uitext import _

NUMBER_STYLE = Rule(
    "number-style",
    "A number is written against its language's rules (Spanish: 5289 and 52 890, not 5.289 or 52.890; 70 %, not 70%).",
    Severity.WARNING,
    "A point or comma between thousands reads as a decimal sign in half of the Spanish-speaking "
    "world: \"5.289\" is 5289 in Madrid and 5.289 in Mexico City. ASALE's rule removes the doubt: "
    "no separator for four digits, a (no-break thin) space from five; a percent sign after a no-break "
    "space, which keeps \"70\" and \"%\" on one line. Only Spanish has rules here.",
    "es: `registró 5.289 delitos`, `52.890 personas`, `el 70% de los casos`",
    "es: `registró 5289 delitos`, `52 890 personas` (U+202F between the groups), `el 70 % de los casos` (U+00A0)",
)
RULES = [NUMBER_STYLE]
SPACES = " \u00a0\u2009\u202f"  # space, no-break space, thin space, narrow no-break (thin) space
NARROW_NO_BREAK_SPACE = "\u202f"
# What may follow a number as its percent: a space of any kind (or its HTML entity), then the sign.
_PERCENT = re.compile(r"(?P<space>[ \t\u00a0\u2009\u202f]+|&nbsp;|&#160;|&#x0*a0;|&#8239;|&#x0*202f;)?%", re.IGNORECASE)
_NO_BREAK = ("\u00a0", "\u202f", "&nbsp;", "&#160;", "&#8239;")
_SEPARATOR = re.compile(f"[.,{SPACES}]")


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


def _grouped(groups: list[str], separators: list[str]) -> bool:
    """1-3 digits, then groups of exactly three, all with the same separator."""
    return (1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])
            and len({" " if s in SPACES else s for s in separators}) == 1)


def _value(whole: list[str], decimals: str = "") -> str:
    integer = str(int("".join(whole)))
    decimals = decimals.rstrip("0")
    return f"{integer}.{decimals}" if decimals else integer


def _readings(written: str, convention: Convention) -> set[str]:
    groups, separators = _SEPARATOR.split(written), _SEPARATOR.findall(written)
    if not separators:
        return {_value(groups)}
    found = set()
    if all(s in convention.grouping for s in separators) and _grouped(groups, separators):
        found.add(_value(groups))
    last = separators[-1]
    if last in convention.decimal:
        whole, rest = groups[:-1], separators[:-1]
        if (not rest or (all(s in convention.grouping and s != last for s in rest) and _grouped(whole, rest))):
            found.add(_value(whole, groups[-1]))
    return found


def readings(written: str, language: str) -> frozenset[str] | None:
    """Every value `written` can have in `language` ("5.289" in es: 5289 or 5.289); None when it is
    no single number in any convention (1.2.3, a list)."""
    convention = CONVENTIONS.get(language.split("_")[0].split("-")[0], ANY)
    found = _readings(written, convention) or _readings(written, ANY)
    return frozenset(found) if found else None


def spanish_style(written: str) -> str | None:
    """How ASALE would write `written`, when it is written otherwise; None when it is right."""
    groups, separators = _SEPARATOR.split(written), _SEPARATOR.findall(written)
    if not separators:
        return None
    kinds = {" " if s in SPACES else s for s in separators}
    digits = "".join(groups)
    if len(kinds) == 1 and _grouped(groups, separators):
        if len(digits) == 4:  # 5.289, 5,289, 5 289 -> 5289 (a decimal 5,289 is written alone, rarely)
            return digits
        if kinds != {" "}:  # 52.890 -> 52 890
            return NARROW_NO_BREAK_SPACE.join(groups)
        return None
    whole = groups[:-1]
    if separators[-1] in ".," and len(whole) > 1 and _grouped(whole, separators[:-1]):
        digits_before = "".join(whole)  # 52.890,5 -> 52 890,5 ; 5.289,5 -> 5289,5
        grouped = digits_before if len(digits_before) == 4 else NARROW_NO_BREAK_SPACE.join(whole)
        if grouped + separators[-1] + groups[-1] != written:
            return grouped + separators[-1] + groups[-1]
    return None


def percent_style(written: str, after: str) -> tuple[str, str] | None:
    """(the percentage as written, as Spanish writes it) when `written` (a number) followed by
    `after` (the rest of its line) is a percentage written otherwise: "70%", "70 %" with a space
    that may break; None when it is right ("70 %" with a no-break space, "70 por ciento") or no
    percentage."""
    found = _PERCENT.match(after)
    if found is None:
        return None
    space = (found.group("space") or "").lower()
    if space and (space in _NO_BREAK or space.startswith(("&#x", "\u00a0", "\u202f"))):
        return None
    return written + found.group(0), f"{written}\u00a0%"


def _lines(project: Project, file: str) -> list[str]:
    try:
        return (project.root / file).read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return []


def _after(lines: list[str], number: Number) -> str:
    """The rest of the number's line after it (empty when the number is not found there)."""
    line = number.where.line or 0
    if not 1 <= line <= len(lines):
        return ""
    text = lines[line - 1]
    column = (number.where.column or 1) - 1
    start = column if text.startswith(number.text, column) else text.find(number.text)
    return text[start + len(number.text):] if start >= 0 else ""


def check(project: Project, config: Config) -> Iterator[Finding]:
    for page in project.pages:
        language = page.language or project.default_language
        if language.split("_")[0].split("-")[0] != "es":
            continue
        seen = set()
        lines = None
        for number in page.facts.numbers:
            if (number.text, number.where) in seen:
                continue  # one written number can give several values (a list such as 1.2.3)
            seen.add((number.text, number.where))
            if lines is None:
                lines = _lines(project, page.file)
            percent = percent_style(number.text, _after(lines, number))
            if percent is not None:
                yield Finding.at(
                    NUMBER_STYLE, number.where,
                    _("“{number}” is not how Spanish writes a percentage (ASALE: the sign % after a no-break space, "
                      "which keeps the figure and the sign on one line): write “{better}”, with U+00A0 or U+202F "
                      "(or `&nbsp;`) between them").format(number=percent[0], better=percent[1].replace("\u00a0", " ")),
                )
            better = spanish_style(number.text)
            if better is None:
                continue
            if NARROW_NO_BREAK_SPACE in better:
                how = _("from five digits, group them in threes with a no-break thin space (U+202F), never a point or a comma")
            else:
                how = _("a number of four digits takes no separator")
            yield Finding.at(
                NUMBER_STYLE, number.where,
                _("“{number}” is not how Spanish writes this number (ASALE: {how}): write “{better}”").format(
                    number=number.text, how=how, better=better.replace(NARROW_NO_BREAK_SPACE, " ")),
            )
