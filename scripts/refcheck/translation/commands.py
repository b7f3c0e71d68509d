"""The translator's sub-commands of `python3 scripts/site.py`: argument parsing and output."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from refcheck import uitext
from refcheck.translation.diff import english_diff, word_changes
from refcheck.translation.languages import add_language, language_files, remove_language
from refcheck.translation.marking import mark_translated, prune_originals
from refcheck.translation.pages import (
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
from refcheck.translation.status import (
    advice,
    format_status_json,
    format_status_markdown,
    format_status_text,
    page_status,
    project_status,
)
from refcheck.uitext import _, state_name

# translation-diff shows every changed word: it is the full list that `check` abridges.
WORD_CHANGES_SHOWN = 1_000_000

# --------------------------------------------------------------------------------------------
# Command line
from refcheck.uitext.shown import visible_lines


def _say(text: str = "", file=None) -> None:
    """print, with the control characters of file names and page text made visible."""
    print(visible_lines(str(text)), file=file)


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
        sys.stdout.write(visible_lines(format_status_text(project, report)))
    return 0


def _targets(project: Project, args: argparse.Namespace) -> list[tuple[str, str]]:
    if args.all:
        languages = [args.lang] if args.lang else list(project.translations)
        return [(lang, page) for lang in languages for page in project.pages() if project.path(lang, page).is_file()]
    if not args.pages:
        raise TranslationError(_("name the pages (docs/es/index.md ...) or use --all [--lang es]"))
    return [project.locate(page, args.lang) for page in args.pages]


def run_mark_translated(args: argparse.Namespace) -> int:
    project = _project(args)
    for lang, page in _targets(project, args):
        if lang not in project.translations:
            raise TranslationError(_("{lang}/{page}: the {lang} pages are the originals, not a translation; "
                                     "name a translated page").format(lang=lang, page=page))
        status = page_status(project, lang, page)
        # Naming a page is the translator's word that it is translated now; --all is not.
        if status.state == UNTRANSLATED and args.all and not args.force:
            _say(_("{file}: still marked untranslated; left as it is (name it, or add --force, to mark it "
                    "translated)").format(file=relative(project, status.path)))
            continue
        path, digest, previous = mark_translated(project, lang, page)
        if previous == digest and status.state == TRANSLATED:
            _say(_("{file}: already up to date ({key}: {digest})").format(
                file=relative(project, path), key=TRANSLATION_OF, digest=digest))
        elif previous and previous != digest:
            _say(_("{file}: {key}: {digest} (was {previous})").format(
                file=relative(project, path), key=TRANSLATION_OF, digest=digest, previous=previous))
        else:
            _say(f"{relative(project, path)}: {TRANSLATION_OF}: {digest}")
    for path in prune_originals(project):
        _say(_("removed {file} (no translation follows that version any more)").format(file=relative(project, path)))
    return 0


def run_translation_diff(args: argparse.Namespace) -> int:
    project = _project(args)
    lang, page = project.locate(args.page, args.lang)
    if args.side_by_side:
        return _side_by_side(project, lang, page, args.changed_only)
    status = page_status(project, lang, page)
    where = relative(project, status.path)
    if status.state == TRANSLATED:
        _say(_("{file} follows the current English page: nothing changed.").format(file=where))
        return 0
    if status.state in (MISSING, UNTRANSLATED, UNRECORDED):
        _say(f"{where}: {state_name(status.state)}: {advice(project, status)}")
        return 0
    if status.original is None:
        _say(_("{file} was reviewed against English version {version}, which is neither in {originals}/ nor in "
                "this clone's git history: review the whole English page {english}.").format(
            file=where, version=status.recorded, originals=ORIGINALS_DIR.as_posix(),
            english=relative(project, project.path(project.default, page))))
        return 1
    english_text = project.path(project.default, page).read_text(encoding="utf-8-sig")
    _say("# " + _("{file}: English changes since version {version} (from {origin})").format(
        file=where, version=status.recorded, origin=status.original.origin))
    _say("# " + _("changed words, [-removed-]{+added+}, with the words around them:"))
    for change in word_changes(status.original.text, english_text, limit=WORD_CHANGES_SHOWN):
        _say(f"  {change}")
    _say("# " + _("whole paragraphs, one line each; - reviewed text, + current text:"))
    for line in english_diff(status.original.text, english_text, page, context=args.context):
        _say(line)
    return 0


def _side_by_side(project: Project, lang: str, page: str, changed_only: bool) -> int:
    from refcheck.translation import compare, sidebyside

    rows = compare.page_rows(project, lang, page, compare.glossary_terms(project))
    translated_file = relative(project, project.path(lang, page))
    if rows is None:
        print(_("{file} does not exist yet: translate {english} first.").format(
            file=translated_file, english=relative(project, project.path(project.default, page))))
        return 1
    sys.stdout.write(sidebyside.as_text(rows, relative(project, project.path(project.default, page)),
                                        translated_file, only_changed=changed_only))
    return 0


def run_add_language(args: argparse.Namespace) -> int:
    project = _project(args)
    created = add_language(project, args.locale, args.name)
    _say(_("mkdocs.yml: added {locale} to the i18n plugin's languages").format(locale=args.locale))
    for path in created:
        _say(_("created {file} (marked untranslated)").format(file=relative(project, path)))
    _say()
    _say(_("""Next steps:
  - translate the interface text of the new entry in mkdocs.yml (site_name, site_description,
    copyright, theme.palette names, extra.edition, nav_translations);
  - translate each page of {folder}/ and run
    `python3 scripts/site.py mark-translated <page>` when it is done;
  - add the language's terms to translations/glossary.yml, and a word list
    translations/spelling/{locale}.txt (needs the Debian package hunspell-{base});
  - add `/docs/{locale}/ @your-org/your-team` to .github/CODEOWNERS;
  - `python3 scripts/site.py status` shows what is left;
  - `python3 scripts/site.py remove-language {locale} --yes` takes it all back out.""").format(
        folder=f"{relative(project, project.docs_dir)}/{args.locale}", locale=args.locale, base=args.locale.split("_")[0]))
    return 0


def run_remove_language(args: argparse.Namespace) -> int:
    project = _project(args)
    folder = language_files(project, args.locale)
    if args.locale not in project.languages and not folder.is_dir():
        raise TranslationError(_("{locale} is not a language of this site (languages: {languages})").format(
            locale=args.locale, languages=", ".join(project.languages)))
    if not args.yes:
        pages = sorted(folder.rglob("*")) if folder.is_dir() else []
        _say(_("remove-language {locale} would remove its entry from mkdocs.yml and delete {folder}/ "
                "({n} files). Run it again with --yes to do it.").format(
            locale=args.locale, folder=relative(project, folder), n=sum(1 for p in pages if p.is_file())),
            file=sys.stderr)
        return 2
    removed = remove_language(project, args.locale)
    _say(_("mkdocs.yml: removed {locale} from the i18n plugin's languages").format(locale=args.locale))
    if removed is not None:
        _say(_("deleted {folder}/").format(folder=relative(project, removed)))
    _say(_("Kept: translations/glossary.yml, translations/spelling/ and translations/originals/ (git has the rest)."))
    return 0


def add_commands(commands: argparse._SubParsersAction, **defaults) -> None:
    """Add the translator's sub-commands to a parser (scripts/site.py's, or this module's own)."""
    status = commands.add_parser("status", help=_("what is translated, stale or missing, per language"))
    status.add_argument("--lang", action="append", help=_("only this language (repeatable)"))
    form = status.add_mutually_exclusive_group()
    form.add_argument("--markdown", action="store_true", help=_("Markdown, for a pull request comment"))
    form.add_argument("--json", action="store_true", help=_("JSON, for other tools"))
    status.set_defaults(handler=_reporting(run_status), **defaults)

    mark = commands.add_parser("mark-translated", help=_("record that translations follow the current English pages"))
    mark.add_argument("pages", nargs="*", help=_("translated pages, e.g. docs/es/due-process.md"))
    mark.add_argument("--lang", help=_("the language of the pages named (with --all: only this language)"))
    mark.add_argument("--all", action="store_true", help=_("every existing translation (untranslated copies excepted)"))
    mark.add_argument("--force", action="store_true", help=_("with --all: mark untranslated copies too"))
    mark.set_defaults(handler=_reporting(run_mark_translated), **defaults)

    diff = commands.add_parser("translation-diff", help=_("the English changes since a translation was reviewed"))
    diff.add_argument("page", help=_("a translated page, e.g. docs/es/due-process.md"))
    diff.add_argument("--lang", help=_("the language, when the page is named without it"))
    diff.add_argument("--context", type=int, default=1, help=_("unchanged paragraphs shown around a change"))
    diff.add_argument("--side-by-side", action="store_true",
                      help=_("each English block beside the translation's, changed words marked, glossary hints"))
    diff.add_argument("--changed-only", action="store_true", help=_("with --side-by-side: only the changed blocks"))
    diff.set_defaults(handler=_reporting(run_translation_diff), **defaults)

    add = commands.add_parser("add-language", help=_("add a language: mkdocs.yml entry and untranslated pages"))
    add.add_argument("locale", help=_("the language code, e.g. fr"))
    add.add_argument("--name", help=_("the language's name in itself (default: from Babel, e.g. Français)"))
    add.set_defaults(handler=_reporting(run_add_language), **defaults)

    remove = commands.add_parser("remove-language", help=_("remove a language: its mkdocs.yml entry and its pages"))
    remove.add_argument("locale", help=_("the language code, e.g. fr"))
    remove.add_argument("--yes", action="store_true", help=_("do it (without --yes: say what would be removed)"))
    remove.set_defaults(handler=_reporting(run_remove_language), **defaults)

    for parser in (status, mark, diff, add, remove):
        parser.add_argument("--ui-lang", metavar="LANG", help=uitext.ui_lang_help())
        parser.add_argument("--root", help=argparse.SUPPRESS)


def _reporting(command):
    """The command, with a TranslationError turned into one line on stderr and exit status 2."""

    def run(args: argparse.Namespace) -> int:
        uitext.use(getattr(args, "ui_lang", None))
        try:
            return command(args)
        except TranslationError as error:
            _say(f"{args.command}: {error}", file=sys.stderr)
            return 2

    return run
