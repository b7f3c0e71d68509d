"""Every Python dependency, transitive ones included, is locked with hashes (issue 9, item 9)."""

from __future__ import annotations

from pathlib import Path

import pytest

from supplychain import lock as locks
from translation_support import ROOT

LOCKS = locks.LOCKS


@pytest.mark.parametrize("lock", LOCKS, ids=[lock.target for lock in LOCKS])
def test_every_locked_requirement_is_pinned_exactly_with_a_hash(lock):
    pins = locks.read_pins(ROOT / lock.target)
    assert pins
    for pin in pins:
        assert pin.hashes and all(h.startswith("sha256:") and len(h) == 7 + 64 for h in pin.hashes), pin


@pytest.mark.parametrize("lock", LOCKS, ids=[lock.target for lock in LOCKS])
def test_every_top_level_pin_is_in_its_lock(lock):
    assert locks.stale(ROOT, lock) == [], f"run `{locks.COMPILE_COMMAND}`"


def test_transitive_dependencies_are_locked_too():
    site = {pin.name for pin in locks.read_pins(ROOT / "requirements.txt")}
    wanted = {pin.name for pin in locks.read_pins(ROOT / "requirements.in")}
    assert {"jinja2", "markupsafe", "httpcore", "h11", "pygments"} <= site - wanted


def test_shared_dependencies_have_the_same_version_in_both_locks():
    site = {pin.name: pin.version for pin in locks.read_pins(ROOT / "requirements.txt")}
    tests = {pin.name: pin.version for pin in locks.read_pins(ROOT / "tests" / "requirements.txt")}
    assert {name for name in site.keys() & tests.keys() if site[name] != tests[name]} == set()


def test_the_lock_tool_is_pinned_and_hashed_in_its_own_lock():
    [uv] = locks.read_pins(ROOT / locks.TOOL.target)
    assert uv.name == "uv" and uv.hashes


def test_the_zizmor_that_tests_run_is_pinned():
    assert any(pin.name == "zizmor" for pin in locks.read_pins(ROOT / "tests" / "requirements.in"))


def test_installs_require_hashes():
    from supplychain import environment as site

    command = site.install_command([site.SITE_REQUIREMENTS, site.TEST_REQUIREMENTS])
    assert "--require-hashes" in command
    assert command[-4:] == ["-r", str(site.SITE_REQUIREMENTS), "-r", str(site.TEST_REQUIREMENTS)]


def test_a_hand_edited_lock_is_refused_in_one_line_before_pip_runs(tmp_path):
    (tmp_path / "requirements.txt").write_text(
        (ROOT / "requirements.txt").read_text(encoding="utf-8") + "nh3==0.3.2\n", encoding="utf-8")
    with pytest.raises(locks.LockError) as refused:
        locks.verify_installable(tmp_path, "requirements.txt")
    message = str(refused.value)
    assert "nh3==0.3.2" in message and locks.COMPILE_COMMAND in message and "\n" not in message


def test_a_new_top_level_pin_shows_the_lock_as_stale(tmp_path):
    for name in ("requirements.in", "requirements.txt"):
        (tmp_path / name).write_text((ROOT / name).read_text(encoding="utf-8"), encoding="utf-8")
    with (tmp_path / "requirements.in").open("a", encoding="utf-8") as source:
        source.write("nh3==0.3.2\n")
    assert locks.stale(tmp_path, locks.Lock("requirements.in", "requirements.txt")) == ["nh3==0.3.2"]


def test_the_lock_command_compiles_with_hashes_for_every_platform():
    command = locks.compile_command(Path("uv"), LOCKS[1], upgrade=False)
    for option in ("--generate-hashes", "--universal", "--no-config"):
        assert option in command
    assert command[command.index("--constraint") + 1] == "requirements.txt"
    assert "--upgrade" in locks.compile_command(Path("uv"), LOCKS[0], upgrade=True)
