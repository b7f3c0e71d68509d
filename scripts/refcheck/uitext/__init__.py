"""The tools' own messages in the translator's language (gettext catalogs managed with Babel).

Every message a tool prints is written in English in the code, wrapped in `_()` (or `ngettext()`),
and translated in `scripts/refcheck/uitext/locale/<lang>/LC_MESSAGES/messages.po`. The language is chosen,
in order: an explicit `--ui-lang` option (`use()`), then the locale of the environment as gettext
reads it (`LC_ALL`, then `LC_MESSAGES`, then `LANG`): `LANG=es_ES.UTF-8` gives Spanish. A language
without a catalog gives English. Rule ids, file names and commands are never translated.

The `.po` files are the only source kept in git; they are compiled with Babel when first needed
and the result kept in `.cache/uitext/` of the checkout (installed from a wheel: the user's cache
folder, `$XDG_CACHE_HOME/refcheck/uitext/`) under the hash of the `.po`, so a compiled catalog can
never be out of date with its source and no generated binary is committed or installed. See `scripts/refcheck/uitext/README.md` for
extracting and updating catalogs (`pybabel extract -F babel.cfg`).

May import only the standard library at module level: `scripts/site.py` imports the translator
commands before `.venv/` (and Babel) exists; without Babel, messages stay in English.
"""

from __future__ import annotations

import gettext
import hashlib
import io
import os
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

DOMAIN = "messages"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DEFAULT = "en"


def _cache_dir() -> Path:
    """Where compiled catalogs (.mo) are kept: the checkout's cache folder (ignored by git) when
    the checker runs from this repository, the user's cache folder when it is installed (nothing
    is ever written into site-packages)."""
    package = Path(__file__).resolve().parents[1]
    if package.parent.name in ("site-packages", "dist-packages"):
        return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "refcheck" / "uitext"
    return package.parents[1] / ".cache" / "uitext"


CACHE_DIR = _cache_dir()
# The environment variables gettext consults for messages, strongest first (LANGUAGE is a GNU
# list of fallbacks, which a translator rarely sets: LANG is what Debian's installer writes).
LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")


def available() -> list[str]:
    """The languages with a catalog, and English (the messages as written)."""
    return [DEFAULT, *sorted(p.name for p in LOCALE_DIR.iterdir() if (p / "LC_MESSAGES" / f"{DOMAIN}.po").is_file())]


def language_code(value: str | None) -> str | None:
    """`es_MX.UTF-8` -> `es`; `C`, `POSIX` and empty values name no language."""
    if not value:
        return None
    code = value.split(".", 1)[0].split("@", 1)[0].replace("-", "_").split("_", 1)[0].lower()
    return None if code in ("c", "posix", "") else code


# Set by `site.py serve --ui-lang` for the MkDocs process it starts (the preview's terminal lines).
UI_LANG_VARIABLE = "SITE_UI_LANG"


def from_environment(environ: Mapping[str, str] | None = None) -> str:
    environ = os.environ if environ is None else environ
    if language_code(environ.get(UI_LANG_VARIABLE)):
        return language_code(environ[UI_LANG_VARIABLE]) or DEFAULT
    for variable in LOCALE_VARIABLES:
        value = environ.get(variable)
        if value:  # the first one set decides, as in gettext (LC_ALL=C means English)
            return language_code(value) or DEFAULT
    return DEFAULT


def supported(lang: str | None) -> str:
    """The language itself when it has a catalog, else English."""
    code = language_code(lang) or DEFAULT
    return code if code in available() else DEFAULT


@lru_cache(maxsize=None)
def catalog(lang: str) -> gettext.NullTranslations:
    """The compiled catalog of a language (English: the messages as written)."""
    po = LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    if lang == DEFAULT or not po.is_file():
        return gettext.NullTranslations()
    source = po.read_bytes()
    # Compiled once per version of the .po (named by its hash, so never stale): importing Babel
    # costs more than the rest of a `check` run.
    compiled_path = CACHE_DIR / f"{lang}-{hashlib.sha256(source).hexdigest()[:16]}.mo"
    try:
        return gettext.GNUTranslations(io.BytesIO(compiled_path.read_bytes()))
    except OSError:
        pass
    try:
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po
    except ImportError:  # before .venv/ exists (`scripts/site.py` creating it): read without Babel
        from refcheck.uitext import bootstrap

        return bootstrap.read(po)
    messages = read_po(io.BytesIO(source), locale=lang)
    compiled = io.BytesIO()
    write_mo(compiled, messages, use_fuzzy=False)  # a fuzzy entry is not a translation yet
    try:
        CACHE_DIR.mkdir(parents=True, exist_ok=True)
        temporary = compiled_path.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_bytes(compiled.getvalue())
        temporary.replace(compiled_path)  # atomic: a parallel run never reads half a file
    except OSError:
        pass  # a read-only checkout: compiled again next time
    return gettext.GNUTranslations(io.BytesIO(compiled.getvalue()))


_current: list[str] = [supported(from_environment())]


def use(lang: str | None) -> str:
    """Speak `lang` from now on (None: the environment's locale); returns the language used."""
    _current[0] = supported(lang) if lang else supported(from_environment())
    return _current[0]


def current() -> str:
    return _current[0]


def _(message: str) -> str:
    return catalog(_current[0]).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return catalog(_current[0]).ngettext(singular, plural, n)


def in_language(lang: str):
    """A `_` bound to one language, whatever the current one (the preview banner of a page)."""
    translations = catalog(supported(lang))
    return translations.gettext, translations.ngettext


def ui_lang_help() -> str:
    return _("language of the messages: en or es (default: from LANG / LC_ALL / LC_MESSAGES)")


def use_from_argv(argv) -> str:
    """Speak the language `--ui-lang X` in `argv` names (else the environment's) before argparse
    reads `argv`, so that the help and argparse's own words and errors speak it too."""
    wanted = None
    for index, argument in enumerate(argv):
        if argument == "--ui-lang" and index + 1 < len(argv):
            wanted = argv[index + 1]
        elif argument.startswith("--ui-lang="):
            wanted = argument.split("=", 1)[1]
    language = use(wanted)
    import argparse

    # argparse looks its words up at each call ("usage: ", "options", its errors): ours answer.
    argparse._ = _
    argparse.ngettext = ngettext
    return language


def language_name(code: str, fallback: str) -> str:
    """A language's name in the current language (`en` -> `inglés` in Spanish), from Babel."""
    if current() == DEFAULT:
        return fallback
    try:
        from babel import Locale

        return Locale.parse(code.replace("-", "_")).get_display_name(current()) or fallback
    except Exception:  # Babel missing, or a code it does not know: the site's own name for it
        return fallback


def number(n: int) -> str:
    """A count written the current language's way: English 5,289; Spanish 5289 and 12 345.

    Spanish groups digits by threes with a (no-break) space from five digits on, never with a
    point or comma (RAE/ASALE, Ortografía 2010); Babel's `es` data writes 5.289, so not Babel here.
    """
    if current() == "es":
        return str(n) if abs(n) < 10_000 else f"{n:,}".replace(",", "\u00a0")
    return f"{n:,}"


def state_name(state: str) -> str:
    """A translation state (`stale`, ...) as the translator reads it; the data formats keep the id."""
    names = {"translated": _("translated"), "stale": _("stale"), "unrecorded": _("unrecorded"),
             "untranslated": _("untranslated"), "missing": _("missing")}
    return names.get(state, state)
