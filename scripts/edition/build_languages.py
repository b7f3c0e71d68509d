"""Which language the build is on: static-i18n builds each language in turn inside one build.

The hooks ask this between static-i18n's events (it switches `config` to the language being built);
a site without the plugin has one language, the theme's.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from edition.search_index import language_prefix


@dataclass(frozen=True)
class BuildLanguages:
    """The language being built, the default one and all that are built (static-i18n's, or the theme's)."""

    current: str
    default: str
    built: tuple[str, ...]

    @classmethod
    def of(cls, config: Any) -> "BuildLanguages":
        i18n = config.plugins.get("i18n")
        only = config.theme.get("language") or "en"
        current = getattr(i18n, "current_language", None) or only
        return cls(current, getattr(i18n, "default_language", None) or current,
                   tuple(getattr(i18n, "build_languages", None) or (current,)))

    def folder(self, language: str | None = None) -> str:
        """A language's folder in the site: "" for the default language, "es/" for Spanish."""
        return language_prefix(language or self.current, self.default)
