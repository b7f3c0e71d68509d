"""The translator's workflow: which English version each translation follows, and what is left.

Sub-commands of `python3 scripts/site.py` (each runs inside `.venv/`):

    status [--lang es] [--markdown | --json]   pages translated, stale, missing; words to translate
    mark-translated PAGE... | --lang es --all  record that a translation follows the English page now
    translation-diff PAGE                      the English changes since the translation was reviewed
    add-language LOCALE [--name NAME]          a new language: mkdocs.yml, pages marked untranslated

How a translation records its English version
---------------------------------------------

A translated page names the English text it translates in its front matter:

    ---
    translation_of: 3f2a9c1b7d4e5a60
    ---

The value is the first 16 hex digits of the SHA-256 of the English page's *normalized* source
(`english_hash`): the whole file, front matter included (the page description is translated too),
with line ends, trailing spaces and the wrapping of paragraphs ignored, so re-wrapping an English
paragraph does not make its translations stale while any change of words does. A hash survives
shallow clones, rebases and squashes, unlike git dates.

The English text itself is kept too, so that a translator can see *what* changed ("the English
diff since that version") without git history: `mark-translated` stores it, once per version and
shared by all languages, as `translations/originals/<page>.<hash>.md` (content-addressed: the name
is the hash of the content, which is verified when read). When that file is missing (a hash written
by hand, a pruned file), the diff is looked up in git history when there is some; otherwise the
command says it cannot show the diff and the translator reviews the whole page.

A page created by `add-language` is a copy of the English page with `translation_state:
untranslated` in its front matter: the site shows it with the "not translated yet" notice until a
translator translates it and runs `mark-translated`, which removes the mark.

This module reads mkdocs.yml as text and data (never executing its tags) and changes it as text,
so that comments, `!ENV` tags and layout stay as they were. It imports only the standard library
at module level: `scripts/site.py` imports it before `.venv/` exists.
"""

from __future__ import annotations

import argparse
import difflib
import hashlib
import json
import os
import re
import subprocess
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TRANSLATION_OF = "translation_of"
TRANSLATION_STATE = "translation_state"
UNTRANSLATED = "untranslated"
HASH_LENGTH = 16
# Project files of the translator's workflow (relative to the project root).
ORIGINALS_DIR = Path("translations") / "originals"
NEW_LANGUAGE_TEMPLATE = Path("translations") / "new-language.yml"

# Page states, in the order status lists them.
TRANSLATED = "translated"  # translation_of names the current English text
STALE = "stale"  # the English page changed since
UNRECORDED = "unrecorded"  # a translation that does not say which English version it follows
MISSING = "missing"  # no file: readers get the English page (static-i18n's fallback)
STATES = (TRANSLATED, STALE, UNRECORDED, UNTRANSLATED, MISSING)


class TranslationError(Exception):
    """Something the user asked for that cannot be done: reported in one line, exit status 2."""


# --------------------------------------------------------------------------------------------
# Hashing and front matter


def normalize(text: str) -> str:
    """The English text as far as translators care: no BOM, no line-end or wrapping differences."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    blocks = re.split(r"\n[ \t]*\n", text.strip())
    return "\n\n".join(" ".join(block.split()) for block in blocks if block.strip())


def english_hash(text: str) -> str:
    return hashlib.sha256(normalize(text).encode("utf-8")).hexdigest()[:HASH_LENGTH]


_FRONT_MATTER = re.compile(r"\A(\ufeff?---[ \t]*\r?\n)(.*?)(^---[ \t]*$\r?\n?)", re.S | re.M)


@dataclass(frozen=True)
class FrontMatter:
    """The simple `key: value` lines of a page's front matter, with the line each stands on."""

    values: dict[str, str]
    lines: dict[str, int]  # 1-based line in the file
    end_line: int  # the line of the closing `---`; 0 when the page has no front matter


def read_front_matter(text: str) -> FrontMatter:
    match = _FRONT_MATTER.match(text)
    if not match:
        return FrontMatter({}, {}, 0)
    values: dict[str, str] = {}
    lines: dict[str, int] = {}
    for number, line in enumerate(match.group(2).splitlines(), start=2):
        key_value = re.match(r"^([A-Za-z_][\w-]*):[ \t]*(.*?)[ \t]*$", line)
        if key_value:
            values[key_value.group(1)] = key_value.group(2).strip("'\"")
            lines[key_value.group(1)] = number
    return FrontMatter(values, lines, match.group(2).count("\n") + 2)


def set_front_matter(text: str, updates: dict[str, str | None]) -> str:
    """Set (or, with None, remove) top-level `key: value` lines; everything else stays as written."""
    newline = "\r\n" if "\r\n" in text else "\n"
    match = _FRONT_MATTER.match(text)
    if not match and all(value is None for value in updates.values()):
        return text
    if match:
        opening, body, closing = match.group(1), match.group(2), match.group(3)
        rest = text[match.end():]
    else:
        opening, body, closing = "---" + newline, "", "---" + newline
        rest = newline + text.lstrip("\ufeff") if text.strip() else text
    lines = body.splitlines(keepends=True)
    for key, value in updates.items():
        pattern = re.compile(rf"^{re.escape(key)}:")
        index = next((i for i, line in enumerate(lines) if pattern.match(line)), None)
        if value is None:
            if index is not None:
                del lines[index]
            continue
        line = f"{key}: {value}{newline}"
        if index is None:
            lines.append(line)
        else:
            lines[index] = line
    if not lines:  # nothing left: no front matter at all
        return rest.lstrip("\r\n")
    if not lines[-1].endswith("\n"):
        lines[-1] += newline
    return opening + "".join(lines) + closing + rest


def body_of(text: str) -> str:
    match = _FRONT_MATTER.match(text)
    return text[match.end():] if match else text


# --------------------------------------------------------------------------------------------
# The project: languages and pages, read from mkdocs.yml


def load_mkdocs_yml(path: Path) -> dict:
    """mkdocs.yml as data; tags such as `!ENV` or `!!python/name:` are read as data, never run."""
    import yaml

    if str(Path(__file__).resolve().parent) not in sys.path:  # loaded by file from an MkDocs hook
        sys.path.insert(0, str(Path(__file__).resolve().parent))
    from refcheck import yamlsafe  # the checker's reader: tags are data, `!ENV` is resolved

    try:
        data, _ = yamlsafe.load(path.read_text(encoding="utf-8-sig"))
    except OSError as error:
        raise TranslationError(f"cannot read {path}: {error.strerror}") from None
    except yaml.YAMLError as error:
        raise TranslationError(f"{path} is not valid YAML: {error}".replace("\n", " ")) from None
    if not isinstance(data, dict):
        raise TranslationError(f"{path} holds no MkDocs configuration")
    return data


def _i18n_config(config: dict) -> dict:
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and "i18n" in plugin:
            return plugin["i18n"] or {}
    if isinstance(config.get("plugins"), dict):
        return config["plugins"].get("i18n") or {}
    return {}


@dataclass(frozen=True)
class Project:
    """An MkDocs + static-i18n project: where its pages are, and in which languages."""

    root: Path
    docs_dir: Path
    structure: str  # "folder" (docs/es/page.md) or "suffix" (docs/page.es.md)
    default: str
    languages: tuple[str, ...]  # every locale, the default first
    names: dict[str, str] = field(default_factory=dict)

    @property
    def translations(self) -> tuple[str, ...]:
        return tuple(lang for lang in self.languages if lang != self.default)

    def path(self, lang: str, page: str) -> Path:
        """The source file of `page` (a language-neutral path such as `due-process.md`)."""
        if self.structure == "folder":
            return self.docs_dir / lang / page
        stem = page[: -len(".md")]
        if lang == self.default and not (self.docs_dir / f"{stem}.{lang}.md").exists():
            return self.docs_dir / page
        return self.docs_dir / f"{stem}.{lang}.md"

    def pages(self) -> list[str]:
        """The default language's pages, as language-neutral paths, sorted."""
        found: set[str] = set()
        if self.structure == "folder":
            base = self.docs_dir / self.default
            if base.is_dir():
                found = {p.relative_to(base).as_posix() for p in base.rglob("*.md") if _visible(p, base)}
        else:
            others = {lang for lang in self.languages if lang != self.default}
            for path in self.docs_dir.rglob("*.md"):
                if not _visible(path, self.docs_dir):
                    continue
                relative = path.relative_to(self.docs_dir).as_posix()
                parts = relative[: -len(".md")].rsplit(".", 1)
                if len(parts) == 2 and parts[1] in others:
                    continue
                if len(parts) == 2 and parts[1] == self.default:
                    relative = parts[0] + ".md"
                found.add(relative)
        return sorted(found)

    def locate(self, argument: str, lang: str | None = None) -> tuple[str, str]:
        """(language, page) of a translated page named on the command line: `docs/es/x.md`,
        `es/x.md`, or `x.md` + --lang. Its English original must exist."""
        found_lang, page = self._locate(argument, lang)
        if found_lang not in self.translations:
            raise TranslationError(f"{argument}: the {found_lang} pages are the originals, not a translation; "
                                   f"name a translated page, e.g. docs/{self.translations[0] if self.translations else 'es'}/{page}")
        if not self.path(self.default, page).is_file():
            raise TranslationError(f"{argument}: there is no {self.default} page "
                                   f"{self.path(self.default, page).relative_to(self.root).as_posix()} to translate")
        return found_lang, page

    def _locate(self, argument: str, lang: str | None) -> tuple[str, str]:
        candidate = Path(argument)
        absolute = candidate if candidate.is_absolute() else (Path.cwd() / candidate)
        for base in (absolute, self.root / candidate, self.docs_dir / candidate):
            try:
                relative = base.resolve().relative_to(self.docs_dir.resolve()).as_posix()
            except (ValueError, OSError):
                continue
            if self.structure == "folder":
                first, _, rest = relative.partition("/")
                if first in self.languages and rest:
                    return first, rest
            else:
                parts = relative[: -len(".md")].rsplit(".", 1)
                if len(parts) == 2 and parts[1] in self.languages:
                    return parts[1], parts[0] + ".md"
        if lang:
            return lang, argument
        raise TranslationError(
            f"{argument}: name a translated page, e.g. docs/{self.translations[0] if self.translations else 'es'}/index.md"
        )


def _visible(path: Path, base: Path) -> bool:
    return not any(part.startswith(".") for part in path.relative_to(base).parts)


def load_project(root: Path = ROOT) -> Project:
    config_path = root / "mkdocs.yml"
    if not config_path.is_file():
        raise TranslationError(f"no mkdocs.yml in {root}")
    config = load_mkdocs_yml(config_path)
    i18n = _i18n_config(config)
    entries = [entry for entry in i18n.get("languages") or [] if isinstance(entry, dict) and entry.get("locale")]
    if not entries:
        raise TranslationError(f"{config_path}: the i18n plugin lists no languages")
    default = next((str(e["locale"]) for e in entries if e.get("default")), str(entries[0]["locale"]))
    languages = [default] + [str(e["locale"]) for e in entries if str(e["locale"]) != default]
    names = {str(e["locale"]): str(e.get("name") or e["locale"]) for e in entries}
    structure = str(i18n.get("docs_structure") or "suffix")
    return Project(
        root=root,
        docs_dir=root / str(config.get("docs_dir") or "docs"),
        structure=structure,
        default=default,
        languages=tuple(languages),
        names=names,
    )


# --------------------------------------------------------------------------------------------
# The English versions a translation was reviewed against


def original_path(root: Path, page: str, digest: str) -> Path:
    return root / ORIGINALS_DIR / f"{page[: -len('.md')]}.{digest}.md"


def store_original(root: Path, page: str, text: str) -> Path:
    path = original_path(root, page, english_hash(text))
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return path


@dataclass(frozen=True)
class Original:
    """The English text a translation was reviewed against, and where it was found."""

    text: str
    origin: str  # "translations/originals/x.<hash>.md" or "git commit 1a2b3c4d"


def find_original(project: Project, page: str, digest: str) -> Original | None:
    """The English text whose hash is `digest`: from translations/originals/, else from git history."""
    path = original_path(project.root, page, digest)
    if path.is_file():
        text = path.read_text(encoding="utf-8")
        if english_hash(text) == digest:
            return Original(text, path.relative_to(project.root).as_posix())
    return _original_from_git(project, page, digest)


def _original_from_git(project: Project, page: str, digest: str, limit: int = 200) -> Original | None:
    source = project.path(project.default, page)
    try:
        relative = source.relative_to(project.root).as_posix()
        commits = subprocess.run(
            ["git", "log", f"--max-count={limit}", "--format=%H", "--", relative],
            cwd=project.root, capture_output=True, text=True, timeout=30,
        )
        if commits.returncode != 0:
            return None
        for commit in commits.stdout.split():
            shown = subprocess.run(
                ["git", "show", f"{commit}:{relative}"], cwd=project.root, capture_output=True, timeout=30
            )
            if shown.returncode == 0:
                text = shown.stdout.decode("utf-8", errors="replace")
                if english_hash(text) == digest:
                    return Original(text, f"git commit {commit[:12]}")
    except (OSError, ValueError, subprocess.TimeoutExpired):
        return None
    return None


def english_diff(original: str, current: str, page: str, context: int = 1) -> list[str]:
    """A unified diff of the English page; blank-line-only and wrapping changes are left out."""
    old = _reflowed(original)
    new = _reflowed(current)
    return list(
        difflib.unified_diff(old, new, f"English {page} (reviewed)", f"English {page} (now)", n=context, lineterm="")
    )


def word_changes(original: str, current: str, context: int = 4, limit: int = 8) -> list[str]:
    """The English changes word by word, `[-removed-]{+added+}`, with a few words around each."""
    old_words = normalize(original).replace("\n\n", " ¶ ").split(" ")
    new_words = normalize(current).replace("\n\n", " ¶ ").split(" ")
    matcher = difflib.SequenceMatcher(None, old_words, new_words, autojunk=False)
    changes = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        before = old_words[max(0, i1 - context):i1]
        after = old_words[i2:i2 + context]
        removed = f"[-{' '.join(old_words[i1:i2])}-]" if i2 > i1 else ""
        added = f"{{+{' '.join(new_words[j1:j2])}+}}" if j2 > j1 else ""
        changes.append(" ".join(filter(None, ["…" if i1 > context else "", *before, removed + added, *after,
                                              "…" if i2 + context < len(old_words) else ""])))
    if len(changes) > limit:
        changes = changes[:limit] + [f"… and {len(changes) - limit} more changes"]
    return changes


def _reflowed(text: str) -> list[str]:
    """One line per paragraph, so that re-wrapping shows no change and a change shows whole."""
    return normalize(text).split("\n\n")


# --------------------------------------------------------------------------------------------
# Status


def _count_words(markdown: str) -> int:
    """Words a translator translates: prose, not code or addresses."""
    try:
        from refcheck.prose import words_of  # markdown-it-py, inside .venv/
    except ImportError:
        text = re.sub(r"https?://\S+|`[^`]*`", " ", markdown)
        return len(re.findall(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", text))
    return len(words_of(markdown))


@dataclass(frozen=True)
class PageStatus:
    lang: str
    page: str
    path: Path
    state: str
    recorded: str | None  # the hash in translation_of
    current: str  # the hash of the English page now
    words: int  # words left to translate: the page, or the changed paragraphs of a stale page
    line: int | None  # the line of translation_of (or 1)
    original: Original | None = None


def page_status(project: Project, lang: str, page: str, details: bool = True) -> PageStatus:
    """The state of one translated page; without `details`, no word counts and no English diff."""
    english_text = project.path(project.default, page).read_text(encoding="utf-8-sig")
    current = english_hash(english_text)
    path = project.path(lang, page)

    def count_words(markdown: str) -> int:
        return _count_words(markdown) if details else 0

    if not path.is_file():
        return PageStatus(lang, page, path, MISSING, None, current, count_words(english_text), None)
    front = read_front_matter(path.read_text(encoding="utf-8-sig"))
    recorded = front.values.get(TRANSLATION_OF) or None
    line = front.lines.get(TRANSLATION_OF, 1)
    if front.values.get(TRANSLATION_STATE) == UNTRANSLATED:
        return PageStatus(lang, page, path, UNTRANSLATED, recorded, current, count_words(english_text), line)
    if recorded is None:
        return PageStatus(lang, page, path, UNRECORDED, None, current, 0, 1)
    if recorded == current:
        return PageStatus(lang, page, path, TRANSLATED, recorded, current, 0, line)
    original = find_original(project, page, recorded) if details else None
    if original is None:
        words = count_words(english_text)
    else:
        changed = [line[1:] for line in english_diff(original.text, english_text, page, 0)
                   if line.startswith("+") and not line.startswith("+++")]
        words = count_words("\n\n".join(changed))
    return PageStatus(lang, page, path, STALE, recorded, current, words, line, original)


def project_status(project: Project, languages: Iterable[str] | None = None) -> dict[str, list[PageStatus]]:
    pages = project.pages()
    wanted = list(languages) if languages else list(project.translations)
    for lang in wanted:
        if lang not in project.translations:
            raise TranslationError(
                f"{lang!r} is not a translation of this site (languages: {', '.join(project.languages)})"
            )
    return {lang: [page_status(project, lang, page) for page in pages] for lang in wanted}


def _relative(project: Project, path: Path) -> str:
    try:
        return path.relative_to(project.root).as_posix()
    except ValueError:
        return str(path)


def _advice(project: Project, status: PageStatus) -> str:
    where = _relative(project, status.path)
    if status.state == STALE:
        return (f"the English page changed since this translation: update it (see `python3 scripts/site.py "
                f"translation-diff {where}`), then run `python3 scripts/site.py mark-translated {where}`")
    if status.state == UNRECORDED:
        return (f"does not record which English version it translates: compare it with the English page, "
                f"then run `python3 scripts/site.py mark-translated {where}`")
    if status.state == UNTRANSLATED:
        return f"still the English text: translate it, then run `python3 scripts/site.py mark-translated {where}`"
    if status.state == MISSING:
        return f"no translation: readers get the English page (`python3 scripts/site.py add-language {status.lang}` creates it)"
    return "up to date"


def _summary(statuses: list[PageStatus]) -> dict[str, int]:
    counts = {state: sum(1 for s in statuses if s.state == state) for state in STATES}
    counts["pages"] = len(statuses)
    counts["words"] = sum(s.words for s in statuses)
    return counts


def format_status_text(project: Project, report: dict[str, list[PageStatus]]) -> str:
    pages = project.pages()
    total_words = sum(_count_words(project.path(project.default, p).read_text(encoding="utf-8-sig")) for p in pages)
    out = [f"Translations of the {len(pages)} {project.names.get(project.default, project.default)} pages "
           f"({total_words:,} words)", ""]
    header = ("language", "translated", "stale", "unrecorded", "untranslated", "missing", "words to translate")
    rows = [header]
    for lang, statuses in report.items():
        c = _summary(statuses)
        rows.append((f"{lang} ({project.names.get(lang, lang)})", *(f"{c[s]}" for s in STATES), f"{c['words']:,}"))
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    for row in rows:
        out.append("  ".join(cell.ljust(width) if i == 0 else cell.rjust(width) for i, (cell, width) in enumerate(zip(row, widths))).rstrip())
    for lang, statuses in report.items():
        left = [s for s in statuses if s.state != TRANSLATED]
        if left:
            out += ["", f"{lang}: what is left"]
            for s in left:
                words = f" ({s.words:,} words)" if s.words else ""
                out.append(f"  {_relative(project, s.path)}: {s.state}{words}: {_advice(project, s)}")
    if all(s.state == TRANSLATED for statuses in report.values() for s in statuses):
        out += ["", "Every translation is up to date."]
    return "\n".join(out) + "\n"


def format_status_markdown(project: Project, report: dict[str, list[PageStatus]]) -> str:
    pages = project.pages()
    out = ["### Translation status", "",
           f"{len(pages)} pages in {project.names.get(project.default, project.default)}.", "",
           "| language | translated | stale | unrecorded | untranslated | missing | words to translate |",
           "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for lang, statuses in report.items():
        c = _summary(statuses)
        out.append(f"| {project.names.get(lang, lang)} (`{lang}`) | " + " | ".join(str(c[s]) for s in STATES)
                   + f" | {c['words']:,} |")
    for lang, statuses in report.items():
        left = [s for s in statuses if s.state != TRANSLATED]
        if not left:
            continue
        out += ["", f"<details><summary>{project.names.get(lang, lang)}: {len(left)} "
                    f"page{'s' if len(left) != 1 else ''} to do</summary>", ""]
        for s in left:
            words = f", {s.words:,} words" if s.words else ""
            advice = _advice(project, s)
            out.append(f"- `{_relative(project, s.path)}`: **{s.state}**{words}. {advice[:1].upper()}{advice[1:]}.")
        out += ["", "</details>"]
    return "\n".join(out) + "\n"


def format_status_json(project: Project, report: dict[str, list[PageStatus]]) -> str:
    data = {
        lang: {
            "summary": _summary(statuses),
            "pages": [{"page": s.page, "file": _relative(project, s.path), "state": s.state,
                       "translation_of": s.recorded, "english": s.current, "words": s.words}
                      for s in statuses],
        }
        for lang, statuses in report.items()
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


# --------------------------------------------------------------------------------------------
# Marking pages as up to date


def mark_translated(project: Project, lang: str, page: str) -> tuple[Path, str, str | None]:
    """Record that the translation of `page` follows the English page as it is now.

    Returns (path, new hash, previous hash). Also stores that English text in translations/originals/.
    """
    if lang == project.default:
        raise TranslationError(f"{page}: the {lang} pages are the originals; name a translation")
    english = project.path(project.default, page)
    if not english.is_file():
        raise TranslationError(f"{_relative(project, english)} does not exist: {page} has no English page")
    path = project.path(lang, page)
    if not path.is_file():
        raise TranslationError(f"{_relative(project, path)} does not exist: translate the page first")
    english_text = english.read_text(encoding="utf-8-sig")
    digest = english_hash(english_text)
    text = path.read_text(encoding="utf-8")
    previous = read_front_matter(text).values.get(TRANSLATION_OF)
    updated = set_front_matter(text, {TRANSLATION_OF: digest, TRANSLATION_STATE: None})
    if updated != text:
        path.write_text(updated, encoding="utf-8")
    store_original(project.root, page, english_text)
    return path, digest, previous


def prune_originals(project: Project) -> list[Path]:
    """Remove stored English versions that no translation names any more."""
    folder = project.root / ORIGINALS_DIR
    if not folder.is_dir():
        return []
    wanted = set()
    for lang in project.translations:
        for page in project.pages():
            path = project.path(lang, page)
            if path.is_file():
                digest = read_front_matter(path.read_text(encoding="utf-8-sig")).values.get(TRANSLATION_OF)
                if digest:
                    wanted.add(original_path(project.root, page, digest).resolve())
    removed = []
    for path in sorted(folder.rglob("*.md")):
        if path.resolve() not in wanted:
            path.unlink()
            removed.append(path)
    return removed


# --------------------------------------------------------------------------------------------
# Adding a language


LOCALE = re.compile(r"^[a-z]{2,3}(?:[_-][A-Za-z0-9]{2,8})?$")


def language_name(locale: str) -> str:
    """The language's own name for itself (`fr` -> `Français`), from Babel when it knows it."""
    try:
        from babel import Locale

        name = Locale.parse(locale.replace("-", "_")).get_display_name(locale.replace("-", "_"))
        return name[:1].upper() + name[1:] if name else locale
    except Exception:  # Babel missing, or a locale it does not know: the code is a fine name
        return locale


def _languages_block(lines: list[str]) -> tuple[int, int, str]:
    """(index of the i18n `languages:` line, index after the list's last line, item indentation)."""
    plugin = next((i for i, line in enumerate(lines) if re.match(r"^\s*-\s*i18n:\s*(#.*)?$", line)), None)
    if plugin is None:
        raise TranslationError("mkdocs.yml has no `- i18n:` plugin entry")
    plugin_indent = len(lines[plugin]) - len(lines[plugin].lstrip())
    start = None
    for i in range(plugin + 1, len(lines)):
        stripped = lines[i].strip()
        indent = len(lines[i]) - len(lines[i].lstrip())
        if stripped and not stripped.startswith("#") and indent <= plugin_indent:
            break
        if re.match(r"^\s*languages:\s*(#.*)?$", lines[i]):
            start = i
            break
    if start is None:
        raise TranslationError("the i18n plugin in mkdocs.yml has no `languages:` list written as a block")
    key_indent = len(lines[start]) - len(lines[start].lstrip())
    item_indent = None
    end = start + 1
    for i in range(start + 1, len(lines)):
        stripped = lines[i].strip()
        if not stripped or stripped.startswith("#"):
            continue
        indent = len(lines[i]) - len(lines[i].lstrip())
        if item_indent is None:
            if not stripped.startswith("- "):
                raise TranslationError("the i18n `languages:` list in mkdocs.yml is not a block list")
            item_indent = indent
        if indent < item_indent or (indent <= key_indent and not stripped.startswith("- ")):
            break
        end = i + 1
    if item_indent is None:
        raise TranslationError("the i18n `languages:` list in mkdocs.yml is empty")
    return start, end, " " * item_indent


def _yaml_string(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def language_entry(project: Project, config: dict, locale: str, name: str, template: str) -> str:
    """The new language's entry, from translations/new-language.yml, unindented."""
    i18n = _i18n_config(config)
    nav_keys: list[str] = []
    for entry in i18n.get("languages") or []:
        for key in (entry or {}).get("nav_translations") or {}:
            if key not in nav_keys:
                nav_keys.append(str(key))
    nav = "".join(f"\n    {_yaml_string(key)}: {_yaml_string(key)}" for key in nav_keys) or " {}"
    entry = (template.replace("{locale}", locale).replace("{name}", _yaml_string(name))
             .replace(" {nav_translations}", nav))
    # Interface strings added to mkdocs.yml after the template was written: the English text.
    english = (config.get("extra") or {}).get("edition") or {}
    lines = entry.splitlines(keepends=True)
    edition = next((i for i, line in enumerate(lines) if re.match(r"^    edition:\s*$", line)), None)
    if edition is None:
        return entry
    end = edition + 1
    while end < len(lines) and (lines[end].startswith("      ") or not lines[end].strip()):
        end += 1
    present = {m.group(1) for line in lines[edition + 1:end] if (m := re.match(r"^      (\w+):", line))}
    missing = [f"      {key}: {_yaml_string(str(value))}\n" for key, value in english.items()
               if key not in present and value]
    return "".join(lines[:end] + missing + lines[end:])


def _old_locales(config: dict) -> list[str]:
    return [str(e.get("locale")) for e in _i18n_config(config).get("languages") or [] if isinstance(e, dict)]


def add_language(project: Project, locale: str, name: str | None = None) -> list[Path]:
    """Add `locale` to mkdocs.yml's i18n languages and create its pages, marked untranslated."""
    if not LOCALE.match(locale):
        raise TranslationError(f"{locale!r} is not a language code such as fr or pt_BR")
    if locale in project.languages:
        raise TranslationError(f"{locale} is already a language of this site")
    config_path = project.root / "mkdocs.yml"
    template_path = project.root / NEW_LANGUAGE_TEMPLATE
    if not template_path.is_file():
        raise TranslationError(f"{NEW_LANGUAGE_TEMPLATE} is missing: it holds the new language's mkdocs.yml entry")
    text = config_path.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    _, end, indent = _languages_block(lines)
    config = load_mkdocs_yml(config_path)
    template = "".join(
        line for line in template_path.read_text(encoding="utf-8").splitlines(keepends=True)
        if not line.startswith("#!")  # the template's own documentation
    )
    entry = language_entry(project, config, locale, name or language_name(locale), template)
    newline = "\r\n" if "\r\n" in text else "\n"
    block = "".join(indent + line if line.strip() else line for line in entry.strip("\n").splitlines(keepends=True))
    block = block.replace("\r\n", "\n").replace("\n", newline) + newline
    if end > 0 and not lines[end - 1].endswith(("\n", "\r")):
        lines[end - 1] += newline
    updated = "".join(lines[:end]) + block + "".join(lines[end:])
    # Check the result before writing it: valid YAML, and the new language where static-i18n reads it.
    scratch = config_path.with_name(f".{config_path.name}.{locale}.tmp")
    scratch.write_text(updated, encoding="utf-8")
    try:
        locales = [str(e.get("locale")) for e in _i18n_config(load_mkdocs_yml(scratch)).get("languages") or []]
    finally:
        scratch.unlink()
    if locales != [*(str(e) for e in _old_locales(config)), locale]:
        raise TranslationError("could not add the language to mkdocs.yml's i18n list: edit it by hand")
    config_path.write_text(updated, encoding="utf-8")

    created = []
    new_project = load_project(project.root)
    for page in project.pages():
        english_text = project.path(project.default, page).read_text(encoding="utf-8-sig")
        path = new_project.path(locale, page)
        if path.exists():
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        marked = set_front_matter(english_text, {TRANSLATION_OF: english_hash(english_text), TRANSLATION_STATE: UNTRANSLATED})
        path.write_text(marked, encoding="utf-8")
        store_original(project.root, page, english_text)
        created.append(path)
    return created


# --------------------------------------------------------------------------------------------
# Command line


def _project(args: argparse.Namespace) -> Project:
    return load_project(Path(args.root).resolve() if getattr(args, "root", None) else ROOT)


def run_status(args: argparse.Namespace) -> int:
    project = _project(args)
    report = project_status(project, args.lang or None)
    if args.json:
        sys.stdout.write(format_status_json(project, report))
    elif args.markdown:
        sys.stdout.write(format_status_markdown(project, report))
    else:
        sys.stdout.write(format_status_text(project, report))
    return 0


def _targets(project: Project, args: argparse.Namespace) -> list[tuple[str, str]]:
    if args.all:
        languages = [args.lang] if args.lang else list(project.translations)
        return [(lang, page) for lang in languages for page in project.pages() if project.path(lang, page).is_file()]
    if not args.pages:
        raise TranslationError("name the pages (docs/es/index.md ...) or use --all [--lang es]")
    return [project.locate(page, args.lang) for page in args.pages]


def run_mark_translated(args: argparse.Namespace) -> int:
    project = _project(args)
    for lang, page in _targets(project, args):
        if lang not in project.translations:
            raise TranslationError(f"{lang}/{page}: the {lang} pages are the originals, not a translation; name a translated page")
        status = page_status(project, lang, page)
        # Naming a page is the translator's word that it is translated now; --all is not.
        if status.state == UNTRANSLATED and args.all and not args.force:
            print(f"{_relative(project, status.path)}: still marked untranslated; left as it is "
                  f"(name it, or add --force, to mark it translated)")
            continue
        path, digest, previous = mark_translated(project, lang, page)
        if previous == digest and status.state == TRANSLATED:
            print(f"{_relative(project, path)}: already up to date ({TRANSLATION_OF}: {digest})")
        else:
            print(f"{_relative(project, path)}: {TRANSLATION_OF}: {digest}"
                  + (f" (was {previous})" if previous and previous != digest else ""))
    for path in prune_originals(project):
        print(f"removed {_relative(project, path)} (no translation follows that version any more)")
    return 0


def run_translation_diff(args: argparse.Namespace) -> int:
    project = _project(args)
    lang, page = project.locate(args.page, args.lang)
    status = page_status(project, lang, page)
    where = _relative(project, status.path)
    if status.state == TRANSLATED:
        print(f"{where} follows the current English page: nothing changed.")
        return 0
    if status.state in (MISSING, UNTRANSLATED, UNRECORDED):
        print(f"{where}: {status.state}: {_advice(project, status)}")
        return 0
    if status.original is None:
        print(f"{where} was reviewed against English version {status.recorded}, which is neither in "
              f"{ORIGINALS_DIR.as_posix()}/ nor in this clone's git history: review the whole English page "
              f"{_relative(project, project.path(project.default, page))}.")
        return 1
    english_text = project.path(project.default, page).read_text(encoding="utf-8-sig")
    print(f"# {where}: English changes since version {status.recorded} (from {status.original.origin})")
    print("# one line per paragraph; - reviewed text, + current text")
    for line in english_diff(status.original.text, english_text, page, context=args.context):
        print(line)
    return 0


def run_add_language(args: argparse.Namespace) -> int:
    project = _project(args)
    created = add_language(project, args.locale, args.name)
    print(f"mkdocs.yml: added {args.locale} to the i18n plugin's languages")
    for path in created:
        print(f"created {_relative(project, path)} (marked untranslated)")
    print(f"""
Next steps:
  - translate the interface text of the new entry in mkdocs.yml (extra.edition, nav_translations);
  - translate each page of {_relative(project, project.docs_dir)}/{args.locale}/ and run
    `python3 scripts/site.py mark-translated <page>` when it is done;
  - add the language's terms to translations/glossary.yml, and a word list
    translations/spelling/{args.locale}.txt (needs the Debian package hunspell-{args.locale.split('_')[0]});
  - add `/docs/{args.locale}/ @your-org/your-team` to .github/CODEOWNERS;
  - `python3 scripts/site.py status` shows what is left.""")
    return 0


def add_commands(commands: argparse._SubParsersAction, **defaults) -> None:
    """Add the translator's sub-commands to a parser (scripts/site.py's, or this module's own)."""
    status = commands.add_parser("status", help="what is translated, stale or missing, per language")
    status.add_argument("--lang", action="append", help="only this language (repeatable)")
    form = status.add_mutually_exclusive_group()
    form.add_argument("--markdown", action="store_true", help="Markdown, for a pull request comment")
    form.add_argument("--json", action="store_true", help="JSON, for other tools")
    status.set_defaults(handler=_reporting(run_status), **defaults)

    mark = commands.add_parser("mark-translated", help="record that translations follow the current English pages")
    mark.add_argument("pages", nargs="*", help="translated pages, e.g. docs/es/due-process.md")
    mark.add_argument("--lang", help="the language of the pages named (with --all: only this language)")
    mark.add_argument("--all", action="store_true", help="every existing translation (untranslated copies excepted)")
    mark.add_argument("--force", action="store_true", help="with --all: mark untranslated copies too")
    mark.set_defaults(handler=_reporting(run_mark_translated), **defaults)

    diff = commands.add_parser("translation-diff", help="the English changes since a translation was reviewed")
    diff.add_argument("page", help="a translated page, e.g. docs/es/due-process.md")
    diff.add_argument("--lang", help="the language, when the page is named without it")
    diff.add_argument("--context", type=int, default=1, help="unchanged paragraphs shown around a change")
    diff.set_defaults(handler=_reporting(run_translation_diff), **defaults)

    add = commands.add_parser("add-language", help="add a language: mkdocs.yml entry and untranslated pages")
    add.add_argument("locale", help="the language code, e.g. fr")
    add.add_argument("--name", help="the language's name in itself (default: from Babel, e.g. Français)")
    add.set_defaults(handler=_reporting(run_add_language), **defaults)

    for parser in (status, mark, diff, add):
        parser.add_argument("--root", help=argparse.SUPPRESS)


def _reporting(command):
    """The command, with a TranslationError turned into one line on stderr and exit status 2."""

    def run(args: argparse.Namespace) -> int:
        try:
            return command(args)
        except TranslationError as error:
            print(f"{args.command}: {error}", file=sys.stderr)
            return 2

    return run


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="scripts/translations.py", description=__doc__.splitlines()[0])
    add_commands(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return args.handler(args)


if __name__ == "__main__":
    sys.exit(main())
