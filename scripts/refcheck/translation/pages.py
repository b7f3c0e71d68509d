"""A translation project's pages and languages (from mkdocs.yml), front matter and content hashes."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from refcheck.uitext import _

ROOT = Path(__file__).resolve().parents[3]
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

    from refcheck.mdsource import (
        yamlsafe,  # the checker's reader: tags are data, `!ENV` is resolved
    )

    try:
        data, _marks = yamlsafe.load(path.read_text(encoding="utf-8-sig"))
    except OSError as error:
        raise TranslationError(_("cannot read {file}: {error}").format(file=path, error=error.strerror)) from None
    except yaml.YAMLError as error:
        raise TranslationError(_("{file} is not valid YAML: {error}").format(file=path, error=error).replace("\n", " ")) from None
    if not isinstance(data, dict):
        raise TranslationError(_("{file} holds no MkDocs configuration").format(file=path))
    return data


def i18n_config(config: dict) -> dict:
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
            raise TranslationError(_("{argument}: the {lang} pages are the originals, not a translation; name a "
                                     "translated page, e.g. {example}").format(
                argument=argument, lang=found_lang,
                example=f"docs/{self.translations[0] if self.translations else 'es'}/{page}"))
        if not self.path(self.default, page).is_file():
            raise TranslationError(_("{argument}: there is no {lang} page {file} to translate").format(
                argument=argument, lang=self.default, file=self.path(self.default, page).relative_to(self.root).as_posix()))
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
                first, _slash, rest = relative.partition("/")
                if first in self.languages and rest:
                    return first, rest
            else:
                parts = relative[: -len(".md")].rsplit(".", 1)
                if len(parts) == 2 and parts[1] in self.languages:
                    return parts[1], parts[0] + ".md"
        if lang:
            return lang, argument
        raise TranslationError(_("{argument}: name a translated page, e.g. {example}").format(
            argument=argument, example=f"docs/{self.translations[0] if self.translations else 'es'}/index.md"))


def _visible(path: Path, base: Path) -> bool:
    return not any(part.startswith(".") for part in path.relative_to(base).parts)


def load_project(root: Path = ROOT) -> Project:
    config_path = root / "mkdocs.yml"
    if not config_path.is_file():
        raise TranslationError(_("no mkdocs.yml in {folder}").format(folder=root))
    config = load_mkdocs_yml(config_path)
    i18n = i18n_config(config)
    entries = [entry for entry in i18n.get("languages") or [] if isinstance(entry, dict) and entry.get("locale")]
    if not entries:
        raise TranslationError(_("{file}: the i18n plugin lists no languages").format(file=config_path))
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


def relative(project: Project, path: Path) -> str:
    """`path` as the translator names it: relative to the project root."""
    try:
        return path.relative_to(project.root).as_posix()
    except ValueError:
        return str(path)
