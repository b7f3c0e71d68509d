"""Extract the tools' messages and update the catalogs, with Babel (the commands are in README).

    .venv/bin/python scripts/refcheck/uitext/catalogs.py            # update every .po from the code
    .venv/bin/python scripts/refcheck/uitext/catalogs.py --check    # exit 1 if a message is untranslated

Babel's own command line does the same (`pybabel extract -F babel.cfg -k ngettext:1,2 -o
messages.pot .` then `pybabel update -i messages.pot -d scripts/refcheck/uitext/locale`); this script keeps
the options in one place for the test that fails when a message lacks a translation.
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[3]
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
# N_: a message marked where gettext cannot be imported (refcheck/safehtml/), translated where printed.
KEYWORDS = {"_": None, "N_": None, "gettext": None, "ngettext": (1, 2)}


def extracted() -> Catalog:
    """Every message the code wraps, as `pybabel extract -F babel.cfg` finds them."""
    with (ROOT / "babel.cfg").open(encoding="utf-8") as config:
        method_map, options_map = parse_mapping_cfg(config)
    template = Catalog(project="remain-in-mexico-edition", charset="utf-8")
    for filename, lineno, message, comments, context in extract_from_dir(
            ROOT, method_map, options_map, keywords=KEYWORDS, strip_comment_tags=True):
        if "/.venv/" in f"/{filename}" or filename.startswith(("tests/", ".")):
            continue
        template.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return template


def catalog_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / "messages.po"


def languages() -> list[str]:
    return sorted(p.name for p in LOCALE_DIR.iterdir() if catalog_path(p.name).is_file())


def untranslated(lang: str, template: Catalog | None = None) -> list[str]:
    """The messages of the code with no translation (or only a fuzzy one) in `lang`'s catalog."""
    template = template or extracted()
    with catalog_path(lang).open("rb") as source:
        catalog = read_po(source, locale=lang)
    missing = []
    for message in template:
        if not message.id:
            continue
        found = catalog.get(message.id)
        strings = (found.string if isinstance(found.string, (list, tuple)) else [found.string]) if found else []
        if found is None or found.fuzzy or not all(strings):
            missing.append(message.id if isinstance(message.id, str) else message.id[0])
    return missing


def update(lang: str, template: Catalog) -> None:
    path = catalog_path(lang)
    with path.open("rb") as source:
        catalog = read_po(source, locale=lang)
    if len(template) < len(catalog) // 2:  # an extraction that failed would drop every translation
        raise SystemExit(f"catalogs.py: only {len(template)} messages found for {len(catalog)} in {path.name}: "
                         "check babel.cfg; nothing written")
    catalog.update(template, no_fuzzy_matching=True)
    buffer = io.BytesIO()
    write_po(buffer, catalog, omit_header=False, sort_output=True, width=100, ignore_obsolete=True, include_lineno=False)
    path.write_bytes(buffer.getvalue())


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if a message is untranslated")
    args = parser.parse_args(argv)
    template = extracted()
    status = 0
    for lang in languages():
        if not args.check:
            update(lang, template)
        for message in untranslated(lang, template):
            print(f"{catalog_path(lang).relative_to(ROOT)}: untranslated: {message!r}")
            status = 1
    return status


if __name__ == "__main__":
    # Run as a script from a checkout: babel.cfg names an extraction method of refcheck.uitext.
    sys.path.insert(0, str(ROOT / "scripts"))
    sys.exit(main(sys.argv[1:]))
