"""The command line: `python scripts/check_references.py [--root DIR] [--site-dir DIR | --build] ...`."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from refcheck import uitext
from refcheck import missing_package
from refcheck.findings import TRANSLATION, Severity
from refcheck.mkdocsconfig import CannotRun
from refcheck.uitext import _, ngettext

EXIT_CLEAN, EXIT_FINDINGS, EXIT_CANNOT_RUN = 0, 1, 2


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="check_references.py",
        description=_("Check every reference of a multilingual MkDocs (static-i18n) site: links, anchors, "
        "footnotes, nav, translation parity, risky content; optionally the built site and external URLs."),
        epilog=_("Exit status: 0 nothing at error severity, 1 some error found, 2 could not run."),
    )
    parser.add_argument("--root", type=Path, default=Path("."), help=_("the MkDocs project folder (default: .)"))
    site = parser.add_mutually_exclusive_group()
    site.add_argument("--site-dir", type=Path, help=_("also check this built site"))
    site.add_argument("--build", action="store_true", help=_("build the site into a temporary folder and check it too"))
    parser.add_argument("--external", action="store_true", help=_("also check external URLs (network)"))
    parser.add_argument("--timeout", type=float, default=10.0, help=_("seconds per external request (default 10)"))
    parser.add_argument("--cache-dir", type=Path,
                        help=_("the checker's cache folder (default: ~/.cache/refcheck, outside the project)"))
    parser.add_argument("--cache", type=Path, help=_("external URL cache file (default: in the cache folder)"))
    parser.add_argument("--no-cache", action="store_true", help=_("read and write no cache at all"))
    parser.add_argument("--clear-cache", action="store_true", help=_("delete the checker's cache, then exit"))
    parser.add_argument("--format", default="text", help=_("text, json, github, sarif; with --list-rules: text, markdown, json"))
    parser.add_argument("--list-rules", action="store_true", help=_("print the rule reference (RULES.md: --format markdown)"))
    parser.add_argument("--select", metavar="GROUP,ID",
                        help=_("run these rule groups and rules instead of the project's selection "
                               "(the groups: --list-rules)"))
    parser.add_argument("--ignore", "--ignore-rules", dest="ignore", default="", metavar="GROUP,ID",
                        help=_("never run these rule groups and rules in this run"))
    parser.add_argument("--debug", action="store_true", help=_("show an internal error's whole traceback"))
    parser.add_argument("--ui-lang", metavar="LANG", help=_(
        "language of the messages: en, es, or page (each finding in the language of the page it is about, as "
        "a pull request's annotations want; default: from LANG / LC_ALL / LC_MESSAGES)"))
    return parser.parse_args(argv)


def _build(root: Path, into: Path) -> None:
    import subprocess  # only to build the site

    command = [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(into), "--quiet"]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "REFCHECK_HOOK": "off"}
    done = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        raise CannotRun(f"mkdocs build failed: {last}")


def run(argv: Sequence[str] | None = None) -> int:
    from refcheck import registry, report

    uitext.use_from_argv(sys.argv[1:] if argv is None else list(argv))
    args = parse_args(argv)
    uitext.use(None if args.ui_lang == PAGE_LANGUAGE else args.ui_lang)
    if args.list_rules:
        if args.format not in report.RULE_FORMATS:
            raise CannotRun(_("--list-rules --format must be one of {formats}").format(formats=", ".join(report.RULE_FORMATS)))
        rules = registry.all_rules()
        render = {"text": report.rules_text, "markdown": report.rules_markdown, "json": report.rules_json}[args.format]
        sys.stdout.write(render(rules))
        return EXIT_CLEAN
    if args.format not in report.FORMATS:
        raise CannotRun(_("--format must be one of {formats}").format(formats=", ".join(report.FORMATS)))
    from refcheck import pipeline
    from refcheck.cache import choose_cache_dir, clear, default_cache_dir

    root = args.root
    if args.clear_cache:
        for path in clear(args.cache_dir or default_cache_dir(root)):
            print(_("deleted {path}").format(path=path), file=sys.stderr)
        return EXIT_CLEAN
    if not root.is_dir():
        raise CannotRun(_("--root {folder} is not a folder").format(folder=root))
    if args.site_dir is not None and not args.site_dir.is_dir():
        raise CannotRun(_("--site-dir {folder} is not a folder").format(folder=args.site_dir))
    cache_dir = choose_cache_dir(root, args.cache_dir, args.no_cache)
    cache = None
    if args.external and cache_dir is not None:
        cache = args.cache if args.cache is not None else cache_dir / "external-urls.json"
    options = dict(external=args.external, timeout=args.timeout, cache_path=cache,
                   disabled=_names(args.ignore), select=_names(args.select) if args.select is not None else None,
                   cache_dir=cache_dir)
    if args.build:
        import tempfile  # only to build the site

        with tempfile.TemporaryDirectory(prefix="refcheck-site-") as temporary:
            pipeline.read_config(root, select=options["select"], ignore=options["disabled"])  # a bad mkdocs.yml: said before building
            _build(root.resolve(), Path(temporary))
            result = pipeline.run(root, site_dir=Path(temporary), **options)
    else:
        result = pipeline.run(root, site_dir=args.site_dir, **options)
    findings = result.findings
    if args.ui_lang == PAGE_LANGUAGE:
        findings = _in_each_pages_language(result, lambda: pipeline.run(root, site_dir=args.site_dir, **{
            **options, "external": False}))
    sys.stdout.write(report.render(findings, args.format, registry.all_rules))
    errors = sum(1 for f in result.findings if f.severity is Severity.ERROR)
    if args.format == "text":
        pages = len(result.project.pages)
        checked = ngettext("{n} page checked", "{n} pages checked", pages).format(n=pages)
        print(f"{checked}: {report.counts(result.findings)}", file=sys.stderr)
    if len(result.project.built_locales) > 1 and not result.config.selected(TRANSLATION):
        print(_("hint: {n} languages, but the translation rules are off: turn them on with --select "
                "reference,translation, or `select: [reference, translation]` under extra.refcheck in mkdocs.yml"
                ).format(n=len(result.project.built_locales)), file=sys.stderr)
    return EXIT_FINDINGS if errors else EXIT_CLEAN


# `--ui-lang page`: each finding in the language of the page it is about (a pull request's
# annotations: Spanish on Spanish pages, English on the others).
PAGE_LANGUAGE = "page"


def _in_each_pages_language(result, check_again) -> list:
    """The findings of `result` (checked in the current language), those about a page of another
    language that has a catalog replaced by the same check's findings in that language. The checks
    read the cache the first run wrote, so each further language costs little."""
    languages = {page.source.file: page.language for page in result.project.pages}
    wanted = sorted({lang for lang in languages.values() if lang and lang != uitext.current()
                     and uitext.supported(lang) == lang})
    kept = [f for f in result.findings if languages.get(f.file) not in wanted]
    for lang in wanted:
        uitext.use(lang)
        kept += [f for f in check_again().findings if languages.get(f.file) == lang]
    uitext.use(None)
    return kept


def _names(option: str) -> list[str]:
    return [name.strip() for name in option.split(",") if name.strip()]


def main(argv: Sequence[str] | None = None) -> int:
    """Exit status 0, 1 or 2; a reason in one line on stderr, never a traceback (but with --debug,
    an internal error's)."""
    try:
        return run(argv)
    except CannotRun as error:
        print(f"check_references: {error}", file=sys.stderr)
    except KeyboardInterrupt:
        print("check_references: " + _("interrupted"), file=sys.stderr)
    except ModuleNotFoundError as error:
        print("check_references: " + missing_package(error), file=sys.stderr)
    except RecursionError:
        print("check_references: " + _("a page nests too deeply to parse"), file=sys.stderr)
    except MemoryError:
        print("check_references: " + _("out of memory"), file=sys.stderr)
    except OSError as error:
        print(f"check_references: {error.filename or ''} {error.strerror or error}".strip(), file=sys.stderr)
    except Exception as error:  # a bug: still one line, and the exit status says "could not run"
        if "--debug" in (sys.argv[1:] if argv is None else argv):
            import traceback

            traceback.print_exc()
        print("check_references: " + _("internal error: {error}").format(error=f"{type(error).__name__}: {error}"),
              file=sys.stderr)
        print("check_references: " + _("rerun with --debug to see where it happened, and report it"), file=sys.stderr)
    return EXIT_CANNOT_RUN
