"""The glossary file (translations/glossary.yml) as data: its terms, their renderings per language,
and how a term is found in a text. The checker's terminology rules (refcheck/engines/glossary.py)
and the translator's side-by-side view both read it; the format is documented in the file itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from refcheck.uitext import _

GLOSSARY = Path("translations") / "glossary.yml"
RESERVED = {"term", "also", "case_sensitive", "note"}


class GlossaryError(Exception):
    """The glossary cannot be read: a one-line reason with the file (and entry) to fix."""


@dataclass(frozen=True)
class Rendering:
    use: tuple[str, ...]
    avoid: tuple[str, ...]
    note: str


@dataclass(frozen=True)
class Term:
    term: str
    also: tuple[str, ...]
    case_sensitive: bool
    note: str
    renderings: dict[str, Rendering]

    @property
    def forms(self) -> tuple[str, ...]:
        return (self.term, *self.also)


def _strings(value, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value):
        return tuple(value)
    raise GlossaryError(_("{where}: expected a text or a list of texts").format(where=where))


def parse(data, source: str = str(GLOSSARY)) -> list[Term]:
    if not isinstance(data, dict) or not isinstance(data.get("terms"), list):
        raise GlossaryError(_("{file}: expected a `terms:` list").format(file=source))
    terms = []
    for number, entry in enumerate(data["terms"], start=1):
        where = _("{file}: term {number}").format(file=source, number=number)
        if not isinstance(entry, dict) or not isinstance(entry.get("term"), str) or not entry["term"].strip():
            raise GlossaryError(_("{where}: every entry needs `term:` (the English term)").format(where=where))
        where = _("{file}: term {term}").format(file=source, term=repr(entry['term']))
        renderings = {}
        for key, value in entry.items():
            if key in RESERVED:
                continue
            if not isinstance(value, dict):
                raise GlossaryError(_("{where}: `{key}:` should hold `use:`, `avoid:` and `note:`").format(where=where, key=key))
            unknown = set(value) - {"use", "avoid", "note"}
            if unknown:
                raise GlossaryError(_("{where}: `{key}:` has unknown keys {keys}").format(
                    where=where, key=key, keys=", ".join(sorted(map(str, unknown)))))
            renderings[str(key)] = Rendering(
                _strings(value.get("use"), f"{where}, {key}.use"),
                _strings(value.get("avoid"), f"{where}, {key}.avoid"),
                str(value.get("note") or "").strip(),
            )
        terms.append(Term(entry["term"], _strings(entry.get("also"), f"{where}, also"),
                          bool(entry.get("case_sensitive")), str(entry.get("note") or "").strip(), renderings))
    return terms


def load(path: Path) -> list[Term]:
    import yaml

    from refcheck.mdsource import yamlsafe

    try:
        data = yamlsafe.load_plain(path.read_text(encoding="utf-8-sig"))  # limits on nesting and aliases
    except OSError as error:
        raise GlossaryError(_("cannot read {file}: {error}").format(file=path, error=error.strerror)) from None
    except yaml.YAMLError as error:
        raise GlossaryError(_("{file} is not valid YAML: {error}").format(file=path, error=error).replace("\n", " ")) from None
    return parse(data, str(path))


@lru_cache(maxsize=1024)
def pattern(text: str, case_sensitive: bool) -> re.Pattern[str]:
    """Whole words; any run of spaces, line breaks or hyphens between them; ’ and ' alike."""
    parts = []
    for piece in re.split(r"([\s\-‐‑–]+)", text.strip()):
        if not piece:
            continue
        if re.fullmatch(r"[\s\-‐‑–]+", piece):
            parts.append(r"[\s\-‐‑–]+")
        else:
            parts.append("".join("['’]" if c in "'’" else re.escape(c) for c in piece))
    flags = 0 if case_sensitive else re.IGNORECASE
    return re.compile(r"(?<!\w)" + "".join(parts) + r"(?!\w)", flags)
