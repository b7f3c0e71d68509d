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
for decimals: 3,5 or 3.5). Years, pages and article numbers have no separator either.
These rules read the parsed pages only; they change nothing.
"""

from __future__ import annotations

from collections.abc import Iterator

from refcheck.config import Config
from refcheck.findings import Finding, Rule, Severity, TRANSLATION
from refcheck.project import Project
from refcheck.numerals import NARROW_NO_BREAK_SPACE, SEPARATOR, SPACES, is_grouped
from refcheck.uitext import _

NUMBER_STYLE = Rule(
    "number-style",
    "A number is written against its language's rules (Spanish: 5289 and 52 890, not 5.289 or 52.890).",
    Severity.WARNING,
    "A point or comma between thousands reads as a decimal sign in half of the Spanish-speaking "
    "world: \"5.289\" is 5289 in Madrid and 5.289 in Mexico City. ASALE's rule removes the doubt: "
    "no separator for four digits, a (no-break thin) space from five. Only Spanish has rules here.",
    "es: `registró 5.289 delitos`, `52.890 personas`",
    "es: `registró 5289 delitos`, `52 890 personas` (U+202F between the groups)",
    group=TRANSLATION,
)
RULES = [NUMBER_STYLE]
def spanish_style(written: str) -> str | None:
    """How ASALE would write `written`, when it is written otherwise; None when it is right."""
    groups, separators = SEPARATOR.split(written), SEPARATOR.findall(written)
    if not separators:
        return None
    kinds = {" " if s in SPACES else s for s in separators}
    digits = "".join(groups)
    if len(kinds) == 1 and is_grouped(groups, separators):
        if len(digits) == 4:  # 5.289, 5,289, 5 289 -> 5289 (a decimal 5,289 is written alone, rarely)
            return digits
        if kinds != {" "}:  # 52.890 -> 52 890
            return NARROW_NO_BREAK_SPACE.join(groups)
        return None
    whole = groups[:-1]
    if separators[-1] in ".," and len(whole) > 1 and is_grouped(whole, separators[:-1]):
        digits_before = "".join(whole)  # 52.890,5 -> 52 890,5 ; 5.289,5 -> 5289,5
        grouped = digits_before if len(digits_before) == 4 else NARROW_NO_BREAK_SPACE.join(whole)
        if grouped + separators[-1] + groups[-1] != written:
            return grouped + separators[-1] + groups[-1]
    return None


def check(project: Project, config: Config) -> Iterator[Finding]:
    for page in project.pages:
        language = page.language or project.default_language
        if language.split("_")[0].split("-")[0] != "es":
            continue
        seen = set()
        for number in page.facts.numbers:
            if (number.text, number.where) in seen:
                continue  # one written number can give several values (a list such as 1.2.3)
            seen.add((number.text, number.where))
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
