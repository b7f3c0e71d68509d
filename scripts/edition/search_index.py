"""One search index per language, from the one static-i18n merges for all of them.

static-i18n merges every language into `search/search_index.json`, so a search on a Spanish page
would return English pages too, with English and Spanish stemming mixed. `split_search_index`
rewrites it as one index per language (`search/search_index.json` for the default language,
`<lang>/search/search_index.json` for the others), each with only its own lunr language.
"""

from __future__ import annotations

import json
from pathlib import Path

SEARCH_INDEX = Path("search") / "search_index.json"
# Each language's lunr stemmer (Spanish: Snowball, which also drops accents, so "detencion" finds
# "detención" and "niñas" finds "niña"). Material removes the stemmer by default because it appends
# `*` to every word typed, and lunr skips the pipeline for such terms; the on-demand worker
# (overrides/assets/javascripts/workers/search-on-demand.js) stems the typed word before the prefix
# match instead.
SEARCH_PIPELINE = ["stemmer", "stopWordFilter", "trimmer"]


def language_prefix(language: str, default: str) -> str:
    """The folder of a language's pages: none for the default language."""
    return "" if language == default else f"{language}/"


def split_search_index(site_dir: Path, default: str, languages: list[str]) -> None:
    """Rewrite the merged index as one index per language."""
    merged_path = site_dir / SEARCH_INDEX
    if not merged_path.is_file():
        return
    merged = json.loads(merged_path.read_text(encoding="utf-8"))
    others = [language for language in languages if language != default]
    per_language: dict[str, list[dict]] = {language: [] for language in languages}
    for doc in merged.get("docs", []):
        location = doc.get("location", "")
        owner = next((lang for lang in others if location.startswith(f"{lang}/")), default)
        if owner != default:
            doc = {**doc, "location": location[len(owner) + 1 :]}
        per_language.setdefault(owner, []).append(doc)
    config = merged.get("config", {})
    for language, docs in per_language.items():
        index = {**merged, "config": {**config, "lang": [language], "pipeline": SEARCH_PIPELINE}, "docs": docs}
        path = site_dir / language_prefix(language, default) / SEARCH_INDEX
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
