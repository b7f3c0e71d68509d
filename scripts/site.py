#!/usr/bin/env python3
"""One command per job on this site: `python3 scripts/site.py serve`, `... test`, `... build`.

Runs with any Python 3.11 and nothing installed: the first run creates `.venv/` in the repository
and installs the pinned requirements into it, then runs the job inside it.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import translations  # scripts/translations.py: the translator's sub-commands

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
VENV_PYTHON = VENV / "bin" / "python"
SITE_REQUIREMENTS = ROOT / "requirements.txt"
TEST_REQUIREMENTS = ROOT / "tests" / "requirements.txt"
# Debian packages `build` needs for the PDFs (scripts/publish/): WeasyPrint's Pango and HarfBuzz,
# and the fonts the PDFs embed.
_LIB = Path("/usr/lib") / getattr(sys.implementation, "_multiarch", "")
BUILD_DEBIAN_PACKAGES = {
    str(_LIB / "libpango-1.0.so.0"): "libpango-1.0-0",
    str(_LIB / "libpangoft2-1.0.so.0"): "libpangoft2-1.0-0",
    str(_LIB / "libharfbuzz-subset.so.0"): "libharfbuzz-subset0",
    "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf": "fonts-dejavu-core",
}
# Debian packages the tests need: the browser, the spelling dictionaries, what the build needs, and
# poppler-utils (pdftotext) for the PDF tests.
TEST_DEBIAN_PACKAGES = {
    **BUILD_DEBIAN_PACKAGES,
    "/usr/bin/pdftotext": "poppler-utils",
    "/usr/bin/chromium": "chromium",
    "/usr/bin/hunspell": "hunspell",
    "/usr/share/hunspell/en_US.dic": "hunspell-en-us",
    "/usr/share/hunspell/es_ES.dic": "hunspell-es",
}

# Material 9.7+ prints a notice about MkDocs 2.0 on every run; the README explains the way out.
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


class CannotRun(Exception):
    """A step that could not be done: reported in one line, exit status 2."""


def run(command: list[str], **kwargs) -> None:
    completed = subprocess.run(command, cwd=ROOT, **kwargs)
    if completed.returncode != 0:
        raise CannotRun(f"`{' '.join(command)}` exited {completed.returncode}")


def in_venv() -> bool:
    return Path(sys.prefix).resolve() == VENV.resolve()


def ensure_venv(requirements: list[Path]) -> None:
    """Create `.venv` and install the requirements when they changed since the last install."""
    if not VENV_PYTHON.exists():
        print(f"Creating {VENV.relative_to(ROOT)}/ ...", flush=True)
        if importlib.util.find_spec("ensurepip") is None:
            # Debian ships venv's pip bootstrap apart from Python itself.
            apt_install([f"python3.{sys.version_info.minor}-venv"])
        venv.EnvBuilder(with_pip=True).create(VENV)
    stamp = VENV / ".installed"
    wanted = "".join(path.read_text(encoding="utf-8") for path in requirements)
    if stamp.exists() and stamp.read_text(encoding="utf-8") == wanted:
        return
    print("Installing the pinned requirements ...", flush=True)
    command = [str(VENV_PYTHON), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    for path in requirements:
        command += ["-r", str(path)]
    run(command)
    stamp.write_text(wanted, encoding="utf-8")


def ensure_debian_packages(packages: dict[str, str]) -> None:
    missing = sorted({pkg for path, pkg in packages.items() if not Path(path).exists()})
    if missing:
        apt_install(missing)


def apt_install(missing: list[str]) -> None:
    apt = shutil.which("apt-get")
    if apt is None:
        raise CannotRun(f"this needs the Debian packages {', '.join(missing)} and there is no apt-get")
    prefix = [] if os.geteuid() == 0 else ["sudo"]
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    print(f"Installing Debian packages: {' '.join(missing)} ...", flush=True)
    run(prefix + [apt, "update", "-qq"], env=env)
    run(prefix + [apt, "install", "-y", "-qq", "--no-install-recommends", *missing], env=env)


def reexec_in_venv() -> None:
    os.execv(str(VENV_PYTHON), [str(VENV_PYTHON), str(Path(__file__).resolve()), *sys.argv[1:]])


def mkdocs(*args: str) -> list[str]:
    return [str(VENV_PYTHON), "-m", "mkdocs", *args]


def command_serve(args: argparse.Namespace) -> int:
    env = dict(os.environ)
    if args.lang:
        # static-i18n's build_only_locale (mkdocs.yml reads BUILD_ONLY_LOCALE): one language only.
        env["BUILD_ONLY_LOCALE"] = args.lang
    address = f"127.0.0.1:{args.port}"
    print(f"Serving the site at http://{address}/ (Ctrl+C stops)", flush=True)
    try:
        return subprocess.call(mkdocs("serve", "--strict", "--dev-addr", address), cwd=ROOT, env=env)
    except KeyboardInterrupt:
        return 0


def command_build(args: argparse.Namespace) -> int:
    return subprocess.call(mkdocs("build", "--strict", "--site-dir", str(args.site_dir)), cwd=ROOT)


def command_check(args: argparse.Namespace) -> int:
    return subprocess.call([str(VENV_PYTHON), str(ROOT / "scripts" / "check_references.py"), *args.checker_args], cwd=ROOT)


def command_test(args: argparse.Namespace) -> int:
    return subprocess.call([str(VENV_PYTHON), "-m", "pytest", *args.pytest_args], cwd=ROOT)


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="scripts/site.py", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)

    serve = commands.add_parser("serve", help="build the site and serve it on 127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--lang", help="preview one language only (for example: es)")
    serve.set_defaults(handler=command_serve, needs=[SITE_REQUIREMENTS])

    build = commands.add_parser("build", help="build the site strictly into a folder")
    build.add_argument("--site-dir", type=Path, default=ROOT / "site")
    build.set_defaults(handler=command_build, needs=[SITE_REQUIREMENTS], debian=BUILD_DEBIAN_PACKAGES)

    check = commands.add_parser(
        "check", help="check links, notes, translations, glossary and spelling (scripts/check_references.py)",
        prefix_chars="+",  # every option after `check` belongs to the checker
    )
    check.add_argument("checker_args", nargs="*", help="passed on to scripts/check_references.py")
    check.set_defaults(handler=command_check, needs=[SITE_REQUIREMENTS], debian=BUILD_DEBIAN_PACKAGES)

    test = commands.add_parser(
        "test", help="install what the tests need and run them all",
        prefix_chars="+",  # every option after `test` belongs to pytest (`test -k search`)
    )
    test.add_argument("pytest_args", nargs="*", help="passed on to pytest")
    test.set_defaults(handler=command_test, needs=[SITE_REQUIREMENTS, TEST_REQUIREMENTS], debian=TEST_DEBIAN_PACKAGES)

    # status, mark-translated, translation-diff, add-language
    translations.add_commands(commands, needs=[SITE_REQUIREMENTS])
    return parser.parse_args(argv)


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    try:
        if getattr(args, "debian", None):
            ensure_debian_packages(args.debian)
        ensure_venv(args.needs)
    except (CannotRun, OSError) as error:
        print(f"scripts/site.py: cannot run: {error}", file=sys.stderr)
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
