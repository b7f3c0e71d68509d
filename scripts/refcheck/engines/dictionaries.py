"""Which Debian package installs the hunspell dictionary of a language (for install hints).

Taken from Debian 12's package lists (`apt-cache search hunspell`, November 2026): only names that
exist there. A language with no entry (Japanese, Chinese ...) has no hunspell dictionary in Debian,
and the hint says so instead of naming a package that does not exist.
"""

from __future__ import annotations

from refcheck.uitext import _

# Language (or language_REGION, lower case, `_` or `-`) -> Debian package.
DEBIAN_PACKAGES = {
    "af": "hunspell-af", "an": "hunspell-an", "ar": "hunspell-ar", "be": "hunspell-be", "bg": "hunspell-bg",
    "bn": "hunspell-bn", "bo": "hunspell-bo", "br": "hunspell-br", "bs": "hunspell-bs", "ca": "hunspell-ca",
    "cs": "hunspell-cs", "da": "hunspell-da",
    "de": "hunspell-de-de", "de_de": "hunspell-de-de", "de_at": "hunspell-de-at", "de_ch": "hunspell-de-ch",
    "dz": "hunspell-dz", "el": "hunspell-el",
    "en": "hunspell-en-us", "en_us": "hunspell-en-us", "en_gb": "hunspell-en-gb", "en_au": "hunspell-en-au",
    "en_ca": "hunspell-en-ca", "en_za": "hunspell-en-za",
    "eo": "myspell-eo", "es": "hunspell-es", "et": "myspell-et", "eu": "hunspell-eu", "fo": "myspell-fo",
    "fr": "hunspell-fr", "gd": "hunspell-gd", "gl": "hunspell-gl", "gu": "hunspell-gu", "gug": "hunspell-gug",
    "he": "hunspell-he", "hi": "hunspell-hi", "hr": "hunspell-hr", "hu": "hunspell-hu", "id": "hunspell-id",
    "is": "hunspell-is", "it": "hunspell-it", "kk": "hunspell-kk", "kmr": "hunspell-kmr", "ko": "hunspell-ko",
    "lo": "hunspell-lo", "lt": "hunspell-lt", "lv": "hunspell-lv", "ml": "hunspell-ml", "mn": "hunspell-mn",
    "ne": "hunspell-ne", "nl": "hunspell-nl", "no": "hunspell-no", "nb": "hunspell-no", "nn": "hunspell-no",
    "oc": "hunspell-oc", "pl": "hunspell-pl",
    "pt": "hunspell-pt-pt", "pt_pt": "hunspell-pt-pt", "pt_br": "hunspell-pt-br",
    "ro": "hunspell-ro", "ru": "hunspell-ru", "si": "hunspell-si", "sk": "hunspell-sk", "sl": "hunspell-sl",
    "sr": "hunspell-sr", "sv": "hunspell-sv", "sw": "hunspell-sw", "te": "hunspell-te", "th": "hunspell-th",
    "tl": "myspell-tl", "tr": "hunspell-tr", "uk": "hunspell-uk", "uz": "hunspell-uz", "vi": "hunspell-vi",
}


def debian_package(language: str) -> str | None:
    """The package for `pt-BR`, `pt_BR`, `pt` ...; None: Debian has no hunspell dictionary for it."""
    code = language.replace("-", "_").lower()
    return DEBIAN_PACKAGES.get(code) or DEBIAN_PACKAGES.get(code.split("_")[0])


def install_hint(language: str) -> str:
    package = debian_package(language)
    if package is None:
        return _("Debian has no hunspell dictionary for {language}").format(language=repr(language))
    return _("Debian: apt install hunspell {package}").format(package=package)
