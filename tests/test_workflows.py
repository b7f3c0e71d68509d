"""The repository's contributor workflows: GitHub Actions, pre-commit, CODEOWNERS, the PR template."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from translation_support import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
WORKFLOW_FILES = sorted(WORKFLOWS.glob("*.yml"))


def load(name: str) -> dict:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def actionlint() -> str | None:
    local = Path(sys.executable).parent / "actionlint"
    return str(local) if local.exists() else shutil.which("actionlint")


def test_actionlint_finds_nothing_in_the_workflows():
    binary = actionlint()
    assert binary is not None, "actionlint is missing: `python3 scripts/site.py test` installs it"
    done = subprocess.run([binary, "-no-color", *map(str, WORKFLOW_FILES)], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_there_are_the_three_workflows():
    assert {path.name for path in WORKFLOW_FILES} == {"pull-request.yml", "deploy.yml", "external-links.yml"}


@pytest.mark.parametrize("path", WORKFLOW_FILES, ids=lambda p: p.name)
def test_every_workflow_is_read_only_by_default_and_never_uses_pull_request_target(path: Path):
    data = load(path.name)
    assert data["permissions"] == {"contents": "read"}
    assert "pull_request_target" not in json.dumps(data["on"])
    assert "pull_request_target" not in path.read_text(encoding="utf-8")


@pytest.mark.parametrize("path", WORKFLOW_FILES, ids=lambda p: p.name)
def test_write_permissions_only_where_needed(path: Path):
    allowed = {("deploy.yml", "deploy"): {"pages", "id-token"}, ("external-links.yml", "report"): {"issues"}}
    for name, job in load(path.name)["jobs"].items():
        writes = {scope for scope, level in (job.get("permissions") or {}).items() if level == "write"}
        assert writes == allowed.get((path.name, name), set()), f"{path.name}: job {name} writes {writes}"


def runs_repository_code(job: dict) -> bool:
    return any(str(step.get("uses", "")).startswith("actions/checkout@") for step in job["steps"])


@pytest.mark.parametrize("path", WORKFLOW_FILES, ids=lambda p: p.name)
def test_every_job_that_runs_our_code_uses_python_311_and_no_dependency_cache(path: Path):
    for name, job in load(path.name)["jobs"].items():
        setup = [step for step in job["steps"] if str(step.get("uses", "")).startswith("actions/setup-python@")]
        if not runs_repository_code(job):
            assert not setup, f"{path.name}: {name} runs none of our code and needs no Python"
            continue
        if str(job.get("container", "")).startswith("python:3.11-"):
            assert not setup, f"{path.name}: {name} runs in a Python 3.11 container already"
            continue
        assert len(setup) == 1, f"{path.name}: {name}"
        assert setup[0]["with"]["python-version"] == "3.11"
        # A cache that a pull request's run could have written must not feed a publishing job.
        assert "cache" not in setup[0]["with"], f"{path.name}: {name}"


def runs(job: dict) -> str:
    return "\n".join(step.get("run", "") for step in job["steps"])


def test_pull_requests_build_strictly_check_with_github_annotations_and_test():
    data = load("pull-request.yml")
    assert "pull_request" in data["on"]
    commands = runs(data["jobs"]["check"])
    assert "python3 scripts/site.py build" in commands  # mkdocs build --strict
    assert "python3 scripts/site.py check --format github" in commands
    assert "python3 scripts/site.py test" in commands
    assert "status --markdown >> \"$GITHUB_STEP_SUMMARY\"" in commands


def step_index(job: dict, command: str) -> int:
    return next(n for n, step in enumerate(job["steps"]) if command in step.get("run", ""))


@pytest.mark.parametrize(("name", "job"), [("pull-request.yml", "check"), ("deploy.yml", "build")])
def test_the_checker_runs_before_anything_builds(name: str, job: str):
    """mkdocs.yml is code: MkDocs' loader runs `!!python/...`; the checker refuses it first."""
    steps = load(name)["jobs"][job]
    check = step_index(steps, "scripts/site.py check")
    later = [n for n, step in enumerate(steps["steps"]) if any(
        command in step.get("run", "") for command in ("site.py build", "site.py test", "site.py serve", "mkdocs"))]
    assert later and all(check < n for n in later)
    # A failed check stops the job: nothing after it runs "even on failure" except the status.
    for step in steps["steps"][check + 1:]:
        if any(command in step.get("run", "") for command in ("site.py build", "site.py test")):
            assert "if" not in step, step


def test_pushes_to_main_deploy_to_pages_with_the_site_url_from_configure_pages():
    data = load("deploy.yml")
    assert data["on"]["push"]["branches"] == ["main"]
    build, deploy = data["jobs"]["build"], data["jobs"]["deploy"]
    uses = [step.get("uses", "") for step in build["steps"]]
    assert any(u.startswith("actions/configure-pages@") for u in uses)
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    site_step = next(step for step in build["steps"] if "site.py build" in step.get("run", ""))
    assert "steps.pages.outputs.base_url" in site_step["env"]["SITE_URL"]
    assert deploy["needs"] == "build"
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages@")
    assert deploy["environment"]["name"] == "github-pages"


def test_every_week_external_urls_are_checked_and_an_issue_kept():
    data = load("external-links.yml")
    assert data["on"]["schedule"][0]["cron"].split()[4] in {"0", "1", "2", "3", "4", "5", "6"}
    assert "site.py check --external" in runs(data["jobs"]["check"])
    assert "gh issue create" in runs(data["jobs"]["report"]) and "gh issue edit" in runs(data["jobs"]["report"])


def test_the_job_that_may_write_issues_runs_no_repository_code():
    jobs = load("external-links.yml")["jobs"]
    writers = [name for name, job in jobs.items() if "write" in (job.get("permissions") or {}).values()]
    assert writers == ["report"]
    report = jobs["report"]
    assert not runs_repository_code(report)
    assert [str(step.get("uses", "")).split("@")[0] for step in report["steps"] if "uses" in step] == [
        "actions/download-artifact"]
    commands = runs(report)
    assert "python" not in commands and "scripts/" not in commands and ".venv" not in commands
    assert jobs["check"]["permissions"] == {"contents": "read"}
    assert report["needs"] == "check"


def test_the_external_report_lists_broken_urls(tmp_path: Path):
    findings = [
        {"rule": "external-broken", "severity": "error", "file": "docs/en/index.md", "line": 3, "column": 1,
         "message": "https://example.org/x answered 404 Not Found"},
        {"rule": "external-unverified", "severity": "warning", "file": "docs/es/index.md", "line": 4, "column": 1,
         "message": "https://example.org/y answered 429"},
        {"rule": "footnote-undefined", "severity": "error", "file": "docs/es/index.md", "line": 5, "column": 1,
         "message": "not an external finding"},
    ]
    path = tmp_path / "findings.json"
    path.write_text(json.dumps(findings), encoding="utf-8")
    script = ROOT / "scripts" / "refcheck" / "weekly_issue.py"
    count = subprocess.run([sys.executable, str(script), "--count", str(path)], capture_output=True, text=True)
    assert count.stdout.strip() == "1"
    body = subprocess.run([sys.executable, str(script), str(path)], capture_output=True, text=True).stdout
    assert "**1 broken** reference" in body
    assert "- ` docs/en/index.md:3 `: ` https://example.org/x answered 404 Not Found `" in body
    assert "Could not be verified" in body and "not an external finding" not in body
    path.write_text("[]", encoding="utf-8")
    assert subprocess.run([sys.executable, str(script), "--count", str(path)], capture_output=True, text=True).stdout.strip() == "0"


FULL_SHA = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}$")


def uses_lines() -> list[tuple[str, int, str]]:
    found = []
    for path in WORKFLOW_FILES:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            stripped = line.strip().removeprefix("- ")
            if stripped.startswith("uses:"):
                found.append((path.name, number, stripped.removeprefix("uses:").strip()))
    return found


def test_every_action_is_pinned_to_a_full_commit_sha_with_its_version_in_a_comment():
    lines = uses_lines()
    assert len(lines) >= 8
    for name, number, value in lines:
        reference, _, comment = value.partition(" # ")
        assert FULL_SHA.match(reference), f"{name}:{number}: {value} is not pinned to a commit"
        assert re.fullmatch(r"v\d+\.\d+\.\d+", comment.strip()), f"{name}:{number}: no version comment"


def test_the_same_action_is_pinned_to_the_same_commit_everywhere():
    pins: dict[str, set[str]] = {}
    for _name, _number, value in uses_lines():
        action, _, rest = value.partition("@")
        pins.setdefault(action, set()).add(rest)
    assert all(len(refs) == 1 for refs in pins.values()), pins


def test_the_container_image_is_pinned_by_digest():
    image = load("pull-request.yml")["jobs"]["check"]["container"]
    assert re.fullmatch(r"python:3\.11-bookworm@sha256:[0-9a-f]{64}", image)


def zizmor() -> str | None:
    local = Path(sys.executable).parent / "zizmor"
    return str(local) if local.exists() else shutil.which("zizmor")


@pytest.mark.parametrize("persona", ["regular", "auditor"])
def test_zizmor_finds_nothing_in_the_workflows(persona: str):
    binary = zizmor()
    assert binary is not None, "zizmor is missing: `python3 scripts/site.py test` installs it"
    done = subprocess.run(
        [binary, "--offline", "--persona", persona, "--format", "plain", "--color", "never", "."],
        cwd=ROOT, capture_output=True, text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "No findings to report" in done.stdout + done.stderr


def test_pre_commit_runs_the_checker_on_changed_pages():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    [repo] = config["repos"]
    [hook] = repo["hooks"]
    assert repo["repo"] == "local"
    assert hook["entry"] == "python3 scripts/site.py check"  # site.py creates .venv/ when it is missing
    assert hook["pass_filenames"] is False
    import re

    pattern = re.compile(hook["files"])
    assert pattern.search("docs/es/due-process.md") and pattern.search("mkdocs.yml")
    assert pattern.search("translations/glossary.yml") and not pattern.search("tests/test_workflows.py")


def test_codeowners_names_an_owner_for_each_language_folder():
    from refcheck.translation import pages

    owners = (ROOT / ".github" / "CODEOWNERS").read_text(encoding="utf-8")
    rules = [line.split() for line in owners.splitlines() if line.strip() and not line.startswith("#")]
    patterns = {rule[0] for rule in rules if len(rule) > 1}
    for language in pages.load_project(ROOT).languages:
        assert f"/docs/{language}/" in patterns
    assert "PLACEHOLDERS" in owners


def codeowners_rules() -> list[tuple[str, list[str]]]:
    owners = (ROOT / ".github" / "CODEOWNERS").read_text(encoding="utf-8")
    return [(rule[0], rule[1:]) for rule in (line.split() for line in owners.splitlines())
            if rule and not rule[0].startswith("#")]


def owners_of(path: str) -> list[str]:
    """GitHub's reading: the last pattern that matches wins (folders match what is under them)."""
    found: list[str] = []
    for pattern, owners in codeowners_rules():
        anchored = pattern.lstrip("/")
        if pattern == "*" or path == anchored or (anchored.endswith("/") and path.startswith(anchored)):
            found = owners
    return found


@pytest.mark.parametrize("path", ["mkdocs.yml", "overrides/main.html", "scripts/edition_plugins/safe_html.py",
                                  "scripts/site.py", "scripts/refcheck/plugin.py", "pyproject.toml", "tests/test_workflows.py", ".github/workflows/deploy.yml",
                                  ".github/CODEOWNERS", "requirements.txt"])
def test_code_and_configuration_belong_to_the_maintainers_only(path: str):
    assert owners_of(path) == ["@org/site-maintainers"]


def test_each_language_folder_belongs_to_its_reviewers():
    assert owners_of("docs/es/due-process.md") == ["@org/spanish-translators"]
    assert owners_of("docs/en/due-process.md") == ["@org/english-editors"]


def test_the_pull_request_template_has_the_contributor_checklist():
    template = (ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    for command in ("serve --lang es", "site.py check", "mark-translated", "glossary"):
        assert command in template
    assert template.count("- [ ]") >= 6
    # Volunteers are not asked to run the whole test suite (Chromium, minutes) for a translation.
    test_line = next(line for line in template.splitlines() if "site.py test" in line)
    assert "does not need it" in test_line


@pytest.mark.parametrize("name", ["CONTRIBUTING.md", "CONTRIBUTING.es.md"])
def test_the_contributor_guide_exists_in_both_languages(name: str):
    guide = (ROOT / name).read_text(encoding="utf-8")
    for command in ("python3 scripts/site.py serve --lang es", "python3 scripts/site.py check",
                    "python3 scripts/site.py mark-translated", "python3 scripts/site.py status",
                    "python3 scripts/site.py test", "translations/glossary.yml"):
        assert command in guide, f"{name} lacks {command}"
