"""The translator's sub-commands of `python3 scripts/site.py`: argument parsing and output."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from translation.diff import english_diff
from translation.languages import add_language
from translation.marking import mark_translated, prune_originals
from translation.pages import (
    MISSING,
    ORIGINALS_DIR,
    ROOT,
    TRANSLATED,
    TRANSLATION_OF,
    UNRECORDED,
    UNTRANSLATED,
    Project,
    TranslationError,
    load_project,
    relative,
)
from translation.status import (
    advice,
    format_status_json,
    format_status_markdown,
    format_status_text,
    page_status,
    project_status,
)

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
            print(f"{relative(project, status.path)}: still marked untranslated; left as it is "
                  f"(name it, or add --force, to mark it translated)")
            continue
        path, digest, previous = mark_translated(project, lang, page)
        if previous == digest and status.state == TRANSLATED:
            print(f"{relative(project, path)}: already up to date ({TRANSLATION_OF}: {digest})")
        else:
            print(f"{relative(project, path)}: {TRANSLATION_OF}: {digest}"
                  + (f" (was {previous})" if previous and previous != digest else ""))
    for path in prune_originals(project):
        print(f"removed {relative(project, path)} (no translation follows that version any more)")
    return 0


def run_translation_diff(args: argparse.Namespace) -> int:
    project = _project(args)
    lang, page = project.locate(args.page, args.lang)
    status = page_status(project, lang, page)
    where = relative(project, status.path)
    if status.state == TRANSLATED:
        print(f"{where} follows the current English page: nothing changed.")
        return 0
    if status.state in (MISSING, UNTRANSLATED, UNRECORDED):
        print(f"{where}: {status.state}: {advice(project, status)}")
        return 0
    if status.original is None:
        print(f"{where} was reviewed against English version {status.recorded}, which is neither in "
              f"{ORIGINALS_DIR.as_posix()}/ nor in this clone's git history: review the whole English page "
              f"{relative(project, project.path(project.default, page))}.")
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
        print(f"created {relative(project, path)} (marked untranslated)")
    print(f"""
Next steps:
  - translate the interface text of the new entry in mkdocs.yml (extra.edition, nav_translations);
  - translate each page of {relative(project, project.docs_dir)}/{args.locale}/ and run
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
