"""The environment every command of `scripts/site.py` runs in: `.venv/` with the hashed locks, this
repository's own distributions (editable), and the Debian packages a job needs.

Runs under any Python 3.11 before `.venv/` exists: the standard library and `refcheck.uitext`
(itself standard library only until `.venv/` has Babel) are all it imports.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

from refcheck.uitext import _
from supplychain import lock as locks  # the hashed dependency locks

ROOT = Path(__file__).resolve().parents[2]
VENV = ROOT / ".venv"
VENV_PYTHON = VENV / "bin" / "python"
SITE_REQUIREMENTS = ROOT / "requirements.txt"
TEST_REQUIREMENTS = ROOT / "tests" / "requirements.txt"
PRE_COMMIT_REQUIREMENTS = ROOT / "scripts" / "supplychain" / "pre-commit.txt"
LOCK_TOOL_REQUIREMENTS = ROOT / locks.TOOL.target  # uv, for `lock`
# This repository's own distributions, installed after the locks: the reference checker
# (pyproject.toml, the `refcheck` command and MkDocs plugin) and the edition's MkDocs plugins
# (scripts/pyproject.toml). MkDocs finds both plugins by their entry points.
OWN_DISTRIBUTIONS = [ROOT, ROOT / "scripts"]
# Debian packages `build` needs for the PDFs (scripts/publish/): WeasyPrint's Pango and HarfBuzz,
# and the fonts the PDFs embed.
_LIB = Path("/usr/lib") / getattr(sys.implementation, "_multiarch", "")
BUILD_DEBIAN_PACKAGES = {
    str(_LIB / "libpango-1.0.so.0"): "libpango-1.0-0",
    str(_LIB / "libpangoft2-1.0.so.0"): "libpangoft2-1.0-0",
    str(_LIB / "libharfbuzz-subset.so.0"): "libharfbuzz-subset0",
    "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf": "fonts-dejavu-core",
    # and the link-preview images' font (scripts/citation/).
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf": "fonts-dejavu-core",
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

class CannotRun(Exception):
    """A step that could not be done: reported in one line, exit status 2."""


def run(command: list[str], **kwargs) -> None:
    # Installers talk on stderr: stdout belongs to the job (`check --format json > findings.json`).
    completed = subprocess.run(command, cwd=ROOT, stdout=sys.stderr, **kwargs)
    if completed.returncode != 0:
        raise CannotRun(_("`{command}` exited {status}").format(command=" ".join(command), status=completed.returncode))


def in_venv() -> bool:
    return Path(sys.prefix).resolve() == VENV.resolve()


def ensure_venv(requirements: list[Path]) -> None:
    """Create `.venv` and install the requirements when they changed since the last install."""
    if not VENV_PYTHON.exists():
        print(_("Creating {folder}/ ...").format(folder=VENV.relative_to(ROOT)), file=sys.stderr, flush=True)
        if importlib.util.find_spec("ensurepip") is None:
            # Debian ships venv's pip bootstrap apart from Python itself.
            apt_install([f"python3.{sys.version_info.minor}-venv"])
        venv.EnvBuilder(with_pip=True).create(VENV)
    # One stamp per requirements file: `status` after `test` needs no second install.
    stamps = {path: VENV / f".installed-{path.relative_to(ROOT).as_posix().replace('/', '-')}" for path in requirements}
    wanted = {path: path.read_text(encoding="utf-8") for path in requirements}
    if all(stamps[path].exists() and stamps[path].read_text(encoding="utf-8") == wanted[path] for path in requirements):
        return
    for path in requirements:
        try:
            locks.verify_installable(ROOT, path.relative_to(ROOT).as_posix())
        except locks.LockError as error:
            raise CannotRun(str(error)) from None
    print(_("Installing the pinned requirements ..."), file=sys.stderr, flush=True)
    run(install_command(requirements))
    for path in requirements:
        stamps[path].write_text(wanted[path], encoding="utf-8")


def ensure_own_distributions() -> None:
    """Install this repository's distributions into `.venv` when their metadata or place changed.

    Editable, so that an edit under scripts/ takes effect at once; `--no-deps`: every dependency
    comes from the hashed locks, and `--no-build-isolation`: the build backend too (setuptools,
    pinned in requirements.txt), so nothing is fetched that no lock names. An environment that is a
    link to another checkout's is left as that checkout installed it."""
    if VENV.is_symlink():
        return  # another checkout's environment (a test's copy of this one): its own install stands
    stamp = VENV / ".installed-own-distributions"
    wanted = "\n".join(f"{folder}\n{(folder / 'pyproject.toml').read_text(encoding='utf-8')}" for folder in OWN_DISTRIBUTIONS)
    if stamp.exists() and stamp.read_text(encoding="utf-8") == wanted:
        return
    command = [str(VENV_PYTHON), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--no-deps",
               "--no-build-isolation", "--no-index"]
    for folder in OWN_DISTRIBUTIONS:
        command += ["--editable", str(folder)]
    run(command)
    stamp.write_text(wanted, encoding="utf-8")


def install_command(requirements: list[Path]) -> list[str]:
    # Every package, transitive ones included, must match a hash of its lock: a release replaced
    # on the index after it was locked is refused, not installed.
    command = [str(VENV_PYTHON), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--require-hashes"]
    for path in requirements:
        command += ["-r", str(path)]
    return command


def ensure_debian_packages(packages: dict[str, str]) -> None:
    missing = sorted({pkg for path, pkg in packages.items() if not Path(path).exists()})
    if missing:
        apt_install(missing)


def apt_install(missing: list[str]) -> None:
    apt = shutil.which("apt-get")
    if apt is None:
        raise CannotRun(_("this needs the Debian packages {packages} and there is no apt-get").format(
            packages=", ".join(missing)))
    prefix = [] if os.geteuid() == 0 else ["sudo"]
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    print(_("Installing Debian packages: {packages} ...").format(packages=" ".join(missing)), file=sys.stderr, flush=True)
    run(prefix + [apt, "update", "-qq"], env=env)
    run(prefix + [apt, "install", "-y", "-qq", "--no-install-recommends", *missing], env=env)
