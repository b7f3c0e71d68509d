"""The locked Python dependencies: every package, transitive ones included, pinned with its hashes.

People edit the `.in` files (top-level pins, with the reason for each); `python3 scripts/site.py
lock` compiles them with uv into the `.txt` files that every install reads with `--require-hashes`,
so a package that changed on the index after it was locked is refused instead of installed.

    python3 scripts/site.py lock             add what the .in files gained, keep every other pin
    python3 scripts/site.py lock --upgrade   move every transitive dependency to its newest release
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

# The oldest Python the pins support (pymdown-extensions 13 needs 3.11.5); resolved for every
# platform (`--universal`), so a contributor on macOS or Windows installs from the same lock.
PYTHON_VERSION = "3.11.5"
COMPILE_COMMAND = "python3 scripts/site.py lock"


@dataclass(frozen=True)
class Lock:
    source: str  # the .in file, relative to the repository
    target: str  # the compiled .txt file
    constraints: tuple[str, ...] = ()  # locks whose versions this one must agree with


TOOL = Lock("scripts/supplychain/uv.in", "scripts/supplychain/uv.txt")
# The tests' lock is installed together with the site's: constrained to the same versions.
LOCKS = (
    Lock("requirements.in", "requirements.txt"),
    Lock("tests/requirements.in", "tests/requirements.txt", constraints=("requirements.txt",)),
    # pre-commit for `install-hooks`, installed beside the site's pins.
    Lock("scripts/supplychain/pre-commit.in", "scripts/supplychain/pre-commit.txt", constraints=("requirements.txt",)),
    TOOL,
)

_REQUIREMENT = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?\s*==\s*([^\s;\\]+)")


class LockError(Exception):
    """A lock that cannot be used as it is: one line, with what to do."""


@dataclass(frozen=True)
class Pin:
    name: str  # normalized (PEP 503)
    version: str
    hashes: tuple[str, ...]
    line: int


def normalize(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def read_pins(path: Path) -> list[Pin]:
    """Each requirement of a pip requirements file (continuation lines joined) with its hashes."""
    pins: list[Pin] = []
    logical, start = "", 0
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        text = raw.split(" #", 1)[0].strip() if not raw.lstrip().startswith("#") else ""
        if not logical:
            start = number
        if text.endswith("\\"):
            logical += text[:-1] + " "
            continue
        logical += text
        if logical.strip() and not logical.lstrip().startswith("-"):
            match = _REQUIREMENT.match(logical.strip())
            if match is None:
                raise LockError(f"{path.name}:{start}: `{logical.strip()}` is not an exact pin (name==version)")
            hashes = tuple(re.findall(r"--hash=(\S+)", logical))
            pins.append(Pin(normalize(match.group(1)), match.group(3), hashes, start))
        logical = ""
    return pins


def unhashed(path: Path) -> list[Pin]:
    """The requirements of a compiled lock that carry no hash (a hand edit, or a merge)."""
    return [pin for pin in read_pins(path) if not pin.hashes]


def verify_installable(root: Path, relative: str) -> None:
    """Refuse, in one line, a lock pip would reject half-way with --require-hashes."""
    path = root / relative
    missing = unhashed(path)
    if missing:
        names = ", ".join(f"{pin.name}=={pin.version} (line {pin.line})" for pin in missing[:3])
        raise LockError(
            f"{relative} pins {names} without a hash: put top-level pins in the .in file "
            f"and run `{COMPILE_COMMAND}`"
        )


def stale(root: Path, lock: Lock) -> list[str]:
    """Top-level pins of the .in file that the compiled lock does not hold at that version."""
    wanted = {pin.name: pin.version for pin in read_pins(root / lock.source)}
    held = {pin.name: pin.version for pin in read_pins(root / lock.target)} if (root / lock.target).exists() else {}
    return sorted(f"{name}=={version}" for name, version in wanted.items() if held.get(name) != version)


def compile_command(uv: Path, lock: Lock, *, upgrade: bool) -> list[str]:
    command = [
        str(uv), "pip", "compile", lock.source, "--output-file", lock.target,
        "--generate-hashes", "--universal", "--python-version", PYTHON_VERSION,
        "--custom-compile-command", COMPILE_COMMAND, "--no-config", "--quiet",
    ]
    for constraint in lock.constraints:
        command += ["--constraint", constraint]
    if upgrade:
        command.append("--upgrade")
    return command


def compile_all(root: Path, uv: Path, *, upgrade: bool = False) -> None:
    """Compile every lock in order (the site's first: the tests' is constrained to it)."""
    for lock in LOCKS:
        done = subprocess.run(compile_command(uv, lock, upgrade=upgrade), cwd=root)
        if done.returncode != 0:
            raise LockError(f"uv could not compile {lock.source} (exit {done.returncode}); see above")
        verify_installable(root, lock.target)
