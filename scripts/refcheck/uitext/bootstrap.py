"""The catalogs read without Babel, for the few messages `scripts/site.py` prints before `.venv/`
(and Babel in it) exists: "Creating .venv/ ...", "Installing the pinned requirements ...".

It reads the subset of the .po format that Babel writes for these catalogs (comments, flags,
`msgid`, `msgid_plural`, `msgstr`, `msgstr[n]`, strings continued on the next lines); fuzzy
entries are left out, as Babel's compiler leaves them out. Once `.venv/` exists, Babel reads them.
"""

from __future__ import annotations

import ast
import gettext
from pathlib import Path


class PoTranslations(gettext.NullTranslations):
    def __init__(self, singular: dict[str, str], plural: dict[str, list[str]], plural_rule) -> None:
        super().__init__()
        self._singular, self._plural, self._rule = singular, plural, plural_rule

    def gettext(self, message: str) -> str:
        return self._singular.get(message) or message

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        forms = self._plural.get(singular)
        if not forms:
            return singular if n == 1 else plural
        index = self._rule(n)
        return forms[index] if index < len(forms) and forms[index] else (singular if n == 1 else plural)


def _entries(text: str):
    entry: dict[str, str] = {}
    key = None
    fuzzy = False
    for line in [*text.splitlines(), ""]:
        line = line.strip()
        # An entry ends at a blank line, or where the next one starts (a merge may leave no blank line).
        starts_next = line.startswith(("#", "msgid ", "msgctxt ")) and any(k.startswith("msgstr") for k in entry)
        if not line or starts_next:
            if entry:
                yield entry, fuzzy
            entry, key, fuzzy = {}, None, False
            if not line:
                continue
        if line.startswith("#,"):
            fuzzy = "fuzzy" in line
        elif line.startswith("#"):
            continue
        elif line.startswith('"') and key is not None:
            entry[key] += ast.literal_eval(line)
        else:
            key, _, value = line.partition(" ")
            entry[key] = ast.literal_eval(value)


def read(path: Path) -> PoTranslations:
    singular: dict[str, str] = {}
    plural: dict[str, list[str]] = {}
    rule = lambda n: int(n != 1)  # noqa: E731  (English and Spanish: two forms)
    for entry, fuzzy in _entries(path.read_text(encoding="utf-8")):
        msgid = entry.get("msgid", "")
        if msgid == "":
            for header in entry.get("msgstr", "").splitlines():
                if header.lower().startswith("plural-forms:") and "plural=" in header:
                    rule = gettext.c2py(header.split("plural=", 1)[1].strip().rstrip(";"))
            continue
        if fuzzy:
            continue
        if "msgid_plural" in entry:
            plural[msgid] = [entry.get(f"msgstr[{i}]", "") for i in range(10) if f"msgstr[{i}]" in entry]
        elif entry.get("msgstr"):
            singular[msgid] = entry["msgstr"]
    return PoTranslations(singular, plural, rule)
