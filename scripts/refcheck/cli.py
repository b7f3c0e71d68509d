"""The command line: `python scripts/check_references.py [--root DIR] [--site-dir DIR | --build] ...`."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from refcheck import uitext
from refcheck import missing_package
from refcheck.findings import Severity
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
                        help=_("the checker's cache folder (default: ~/.cache/refcheck/<hash of the project's path>, "
                        "outside the project)"))
    parser.add_argument("--cache", type=Path, help=_("external URL cache file (default: in the cache folder)"))
    parser.add_argument("--no-cache", action="store_true", help=_("read and write no cache at all"))
    parser.add_argument("--format", default="text", help=_("text, json, github, sarif; with --list-rules: text, markdown, json"))
    parser.add_argument("--list-rules", action="store_true", help=_("print the rule reference (RULES.md: --format markdown)"))
    parser.add_argument("--ignore-rules", default="", metavar="ID,ID",
                        help=_("turn these rules off for this run (as severity: off in extra.refcheck)"))
    parser.add_argument("--ui-lang", metavar="LANG", help=uitext.ui_lang_help())
    parser.add_argument("--jobs", type=int, help=_("processes for parsing pages (default: one per CPU on large sites)"))
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
    uitext.use(args.ui_lang)
    if args.list_rules:
        if args.format not in report.RULE_FORMATS:
            raise CannotRun(f"--list-rules --format must be one of {', '.join(report.RULE_FORMATS)}")
        rules = registry.all_rules()
        render = {"text": report.rules_text, "markdown": report.rules_markdown, "json": report.rules_json}[args.format]
        sys.stdout.write(render(rules))
        return EXIT_CLEAN
    if args.format not in report.FORMATS:
        raise CannotRun(f"--format must be one of {', '.join(report.FORMATS)}")
    from refcheck import headstart
    from refcheck.cache import choose_cache_dir

    root = args.root
    if not root.is_dir():
        raise CannotRun(f"--root {root} is not a folder")
    cache_dir = choose_cache_dir(root, args.cache_dir, args.no_cache)
    cache = None
    if args.external and cache_dir is not None:
        cache = args.cache if args.cache is not None else cache_dir / "external-urls.json"
    disabled = [rule.strip() for rule in args.ignore_rules.split(",") if rule.strip()]
    started = None
    if not args.build:
        if args.site_dir is not None and not args.site_dir.is_dir():
            raise CannotRun(f"--site-dir {args.site_dir} is not a folder")
        # Before the rules and the page reader are imported: the second core starts on them now.
        started = headstart.start(root, args.site_dir, cache_dir, disabled)
    from refcheck import pipeline

    options = dict(external=args.external, timeout=args.timeout, cache_path=cache, jobs=args.jobs, disabled=disabled,
                   cache_dir=cache_dir)
    if args.build:
        import tempfile  # only to build the site

        with tempfile.TemporaryDirectory(prefix="refcheck-site-") as temporary:
            pipeline.read(root)  # a clear message for a bad mkdocs.yml before building
            _build(root.resolve(), Path(temporary))
            result = pipeline.run(root, site_dir=Path(temporary), **options)
    else:
        result = pipeline.run(root, site_dir=args.site_dir, started=started, **options)
    sys.stdout.write(report.render(result.findings, args.format, registry.all_rules))
    errors = sum(1 for f in result.findings if f.severity is Severity.ERROR)
    if args.format == "text":
        pages = len(result.project.pages)
        checked = ngettext("{n} page checked", "{n} pages checked", pages).format(n=pages)
        print(f"{checked}: {report.counts(result.findings)}", file=sys.stderr)
    return EXIT_FINDINGS if errors else EXIT_CLEAN


def main(argv: Sequence[str] | None = None) -> int:
    """Exit status 0, 1 or 2; a reason in one line on stderr, never a traceback."""
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
        print("check_references: " + _("internal error: {error}").format(error=f"{type(error).__name__}: {error}"),
              file=sys.stderr)
    return EXIT_CANNOT_RUN
