#!/usr/bin/env python3
"""One command per job on this site: `python3 scripts/site.py serve`, `... test`, `... build`.

Runs with any Python 3.11 and nothing installed: the first run creates `.venv/` in the repository
and installs the pinned requirements into it, then runs the job inside it.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
from pathlib import Path

from supplychain import lock as locks  # the hashed dependency locks
from supplychain.environment import (  # .venv/, the locks, our own distributions, Debian packages
    BUILD_DEBIAN_PACKAGES,
    LOCK_TOOL_REQUIREMENTS,
    PRE_COMMIT_REQUIREMENTS,
    ROOT,
    SITE_REQUIREMENTS,
    TEST_DEBIAN_PACKAGES,
    TEST_REQUIREMENTS,
    VENV,
    VENV_PYTHON,
    CannotRun,
    ensure_debian_packages,
    ensure_own_distributions,
    ensure_venv,
    in_venv,
)
from refcheck.translation import commands as translator_commands  # status, mark-translated, ...
from refcheck import uitext
from refcheck.uitext import _

# Material 9.7+ prints a notice about MkDocs 2.0 on every run; the README explains the way out.
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def reexec_in_venv() -> None:
    os.execv(str(VENV_PYTHON), [str(VENV_PYTHON), str(Path(__file__).resolve()), *sys.argv[1:]])


def mkdocs(*args: str) -> list[str]:
    return [str(VENV_PYTHON), "-m", "mkdocs", *args]


def unsafe_sources() -> str | None:
    """Why MkDocs must not read mkdocs.yml (its loader runs `!!python/...` tags) or walk docs/
    (a link out of it), or None.

    The checker says the same with more words; this guard makes `build` and `serve` safe even when
    nobody ran it first. Names a maintainer reviewed (extra.refcheck.options.config-python-tag.allow)
    pass, as in the checker; the repository's own configuration has no Python tag and needs none."""
    import yaml

    from refcheck.mdsource import yamlsafe
    from refcheck.checks import config_code, outside_links  # the checker's own rules, same words

    config = ROOT / "mkdocs.yml"
    try:
        chain = yamlsafe.load_chain(config, ROOT)
    except yamlsafe.InheritError as error:
        return f"{error.file.relative_to(ROOT).as_posix()}:{error.line or 1}: {error}"
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        return f"mkdocs.yml:{mark.line + 1 if mark else 1}: {problem}"
    for tag in config_code.unreviewed_tags(chain):
        return (f"{tag.file.relative_to(ROOT).as_posix()}:{tag.line}: `{tag.tag}` would make MkDocs "
                "run Python code; refused (`python3 scripts/site.py check` lists every one)")
    # MkDocs walks into a linked folder before any plugin can stop it (a link to / reads the disk).
    docs = docs_folder(yamlsafe.merged(chain))
    for unsafe in outside_links.outside_links(docs) if docs.is_dir() else []:
        return (f"{Path(unsafe.link).relative_to(ROOT).as_posix()} {unsafe.message(docs.name)}; refused "
                "(`python3 scripts/site.py check` lists every one)")
    return None


def docs_folder(settings: dict) -> Path:
    return ROOT / str(settings.get("docs_dir") or "docs")


def refuse_unsafe_sources(command: str) -> bool:
    reason = unsafe_sources()
    if reason is not None:
        print(f"scripts/site.py {command}: {reason}", file=sys.stderr)
    return reason is not None


def _cannot_run(command: str, reason: object) -> None:
    print(f"scripts/site.py {command}: " + _("cannot run: {error}").format(error=reason), file=sys.stderr)


def _environment_or_say_why(command: str) -> dict[str, str] | None:
    """The build's environment (SOURCE_DATE_EPOCH from git ...), or None once the reason is said."""
    try:
        return build_environment()
    except CannotRun as error:
        _cannot_run(command, error)
        return None


def command_serve(args: argparse.Namespace) -> int:
    from refcheck import uitext
    from refcheck.uitext import _

    uitext.use(args.ui_lang)
    if refuse_unsafe_sources("serve"):
        return 2
    env = _environment_or_say_why("serve")
    if env is None:
        return 2
    if args.ui_lang:
        env[uitext.UI_LANG_VARIABLE] = args.ui_lang  # the terminal lines the preview prints
    address = f"127.0.0.1:{args.port}"
    if args.lang:
        # static-i18n's build_only_locale (mkdocs.yml reads BUILD_ONLY_LOCALE): one language only,
        # built at the site's root; the edition-per-language-outputs plugin serves it under /{lang}/ too.
        env["BUILD_ONLY_LOCALE"] = args.lang
        print(_("Serving the {lang} pages only at http://{address}/ (also at http://{address}/{lang}/); "
                "Ctrl+C stops").format(lang=args.lang, address=address), flush=True)
    else:
        print(_("Serving the site at http://{address}/ (Ctrl+C stops)").format(address=address), flush=True)
    # No --strict: the preview shows findings in the page rather than refusing to build (the
    # refcheck plugin, scripts/refcheck/plugin.py); `build` and CI stay strict.
    return run_until_stopped(mkdocs("serve", "--dev-addr", address), env)


def run_until_stopped(command: list[str], env: dict[str, str]) -> int:
    """Run a server; Ctrl+C, SIGTERM or SIGHUP to this process stop it too (no server left on the port)."""
    server = subprocess.Popen(command, cwd=ROOT, env=env)

    def stop(signum: int, frame) -> None:
        raise KeyboardInterrupt

    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, stop)
    try:
        return server.wait()
    except KeyboardInterrupt:
        # Ctrl+C in a terminal reaches the server too; a signal sent to this process alone does not.
        if server.poll() is None:
            server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        return 0


def publishing_problem() -> str | None:
    """Why this build cannot be published (one line), or None: SITE_URL and the edition's record
    (a record without a corrections address is only a warning: the edition may not have one yet)."""
    from citation.citation_data import CitationError, load_facts
    from edition.publishing import VARIABLE, site_url_problem
    from refcheck.uitext import _

    value = os.environ.get(VARIABLE, "")
    reasons = {
        "missing": _("SITE_URL is not set: give the published site's address (SITE_URL=https://example.org/) "
                     "or preview with `build --local`"),
        "not-an-address": _("SITE_URL is not an http(s) address: {value}"),
        "local": _("SITE_URL names this computer ({value}), not the published site: use `build --local` to preview"),
    }
    problem = site_url_problem(value)
    if problem:
        return reasons[problem].format(value=value)
    try:
        facts = load_facts(ROOT / "citation.yml")
    except CitationError as error:
        return str(error)
    if not facts.corrections:
        print("scripts/site.py build: " + _("warning: citation.yml: edition.corrections is empty: the pages "
                                            "give readers no address for corrections"), file=sys.stderr)
    return None


def build_environment() -> dict[str, str]:
    """The build's environment, dated by the last commit (SOURCE_DATE_EPOCH), never by the clock."""
    from citation.citation_data import CitationError, load_facts
    from edition.dates import VARIABLE, source_date_epoch

    env = dict(os.environ)
    if not env.get(VARIABLE, "").isdigit():
        try:
            edition_date = load_facts(ROOT / "citation.yml").edition_date
        except CitationError as error:
            raise CannotRun(str(error)) from None
        env[VARIABLE] = source_date_epoch(ROOT, edition_date)
    return env


def command_build(args: argparse.Namespace) -> int:
    if refuse_unsafe_sources("build"):
        return 2
    if not args.local:
        problem = publishing_problem()
        if problem:
            _cannot_run("build", problem)
            return 2
    env = _environment_or_say_why("build")
    if env is None:
        return 2
    return subprocess.call(mkdocs("build", "--strict", "--site-dir", str(args.site_dir)), cwd=ROOT, env=env)


def command_check(args: argparse.Namespace) -> int:
    return subprocess.call([str(VENV_PYTHON), str(ROOT / "scripts" / "check_references.py"), *args.checker_args], cwd=ROOT)


def command_install_hooks(args: argparse.Namespace) -> int:
    """pre-commit in .venv/, and its git hook: every commit that touches a page runs `check`."""
    if not (ROOT / ".git").exists():
        print("scripts/site.py install-hooks: " + _("cannot run: this folder is not a git clone"), file=sys.stderr)
        return 2
    # `-m pre_commit`, not .venv/bin/pre-commit: that script names the interpreter of whichever
    # path .venv/ was installed through (a moved or linked .venv/ breaks it).
    return subprocess.call([str(VENV_PYTHON), "-m", "pre_commit", "install"], cwd=ROOT)


def command_test(args: argparse.Namespace) -> int:
    return subprocess.call([str(VENV_PYTHON), "-m", "pytest", *args.pytest_args], cwd=ROOT)


def command_lock(args: argparse.Namespace) -> int:
    try:
        locks.compile_all(ROOT, VENV / "bin" / "uv", upgrade=args.upgrade)
    except locks.LockError as error:
        print(f"scripts/site.py lock: {error}", file=sys.stderr)
        return 2
    print(_("Locks written: {files}").format(files=", ".join(lock.target for lock in locks.LOCKS)), flush=True)
    return 0


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="scripts/site.py",
        description=_("One command per job on this site: serve, build, check, test, and the translator's tools."))
    commands = parser.add_subparsers(dest="command", required=True)

    serve = commands.add_parser("serve", help=_("build the site and serve it on 127.0.0.1"))
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--lang", help=_("preview one language only (for example: es), at / and at /es/"))
    serve.add_argument("--ui-lang", metavar="LANG", help=uitext.ui_lang_help())
    serve.set_defaults(handler=command_serve, needs=[SITE_REQUIREMENTS], debian=BUILD_DEBIAN_PACKAGES)

    build = commands.add_parser("build", help=_("build the site strictly into a folder"))
    build.add_argument("--site-dir", type=Path, default=ROOT / "site")
    build.add_argument("--local", action="store_true",
                       help=_("build for looking at on this computer: SITE_URL may be unset (the preview's address)"))
    build.set_defaults(handler=command_build, needs=[SITE_REQUIREMENTS], debian=BUILD_DEBIAN_PACKAGES)

    check = commands.add_parser(
        "check", help=_("check links, notes, translations, glossary and spelling (scripts/check_references.py)"),
        prefix_chars="+",  # every option after `check` belongs to the checker
    )
    check.add_argument("checker_args", nargs="*", help=_("passed on to scripts/check_references.py"))
    check.set_defaults(handler=command_check, needs=[SITE_REQUIREMENTS], debian=BUILD_DEBIAN_PACKAGES)

    hooks = commands.add_parser("install-hooks", help=_("install pre-commit into .venv/ and its git hook (runs `check`)"))
    hooks.set_defaults(handler=command_install_hooks, needs=[SITE_REQUIREMENTS, PRE_COMMIT_REQUIREMENTS])

    test = commands.add_parser(
        "test", help=_("install what the tests need and run them all"),
        prefix_chars="+",  # every option after `test` belongs to pytest (`test -k search`)
    )
    test.add_argument("pytest_args", nargs="*", help=_("passed on to pytest"))
    test.set_defaults(handler=command_test, needs=[SITE_REQUIREMENTS, TEST_REQUIREMENTS], debian=TEST_DEBIAN_PACKAGES)

    lock = commands.add_parser(
        "lock", help=_("compile requirements.in and tests/requirements.in into the hashed .txt locks (uv)"),
    )
    lock.add_argument("--upgrade", action="store_true", help=_("move every pin to its newest release, not only new ones"))
    lock.set_defaults(handler=command_lock, needs=[LOCK_TOOL_REQUIREMENTS])

    # status, mark-translated, translation-diff, add-language
    translator_commands.add_commands(commands, needs=[SITE_REQUIREMENTS])
    return parser.parse_args(argv)


def main(argv: list[str]) -> int:
    uitext.use_from_argv(argv)  # the help, argparse's words and every message below speak it
    args = parse_args(argv)
    try:
        if getattr(args, "debian", None):
            ensure_debian_packages(args.debian)
        ensure_venv(args.needs)
        if SITE_REQUIREMENTS in args.needs:
            ensure_own_distributions()
    except (CannotRun, OSError) as error:
        print("scripts/site.py: " + _("cannot run: {error}").format(error=error), file=sys.stderr)
        return 2
    if not in_venv():
        reexec_in_venv()
    try:
        return args.handler(args)
    except OSError as error:  # a file that cannot be read or written: one line, not a traceback
        print(f"scripts/site.py {args.command}: {error.strerror or error}: {error.filename or ''}".rstrip(": "),
              file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
