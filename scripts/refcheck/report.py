"""Stage 4: findings in, text out (text, JSON, GitHub annotations, SARIF 2.1.0, rule tables)."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence

from refcheck.findings import Finding, Rule, Severity
from refcheck.uitext import _, ngettext
from refcheck.uitext.shown import visible, visible_lines

FORMATS = ("text", "json", "github", "sarif")
RULE_FORMATS = ("text", "markdown", "json")
SARIF_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
GITHUB_COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
INFORMATION_URI = "https://github.com/mkdocs/mkdocs"  # no home page of its own: the tool it serves


def severity_word(severity: Severity) -> str:
    """The severity in the reader's language (JSON, SARIF and annotations keep the English value)."""
    return {Severity.ERROR: _("error"), Severity.WARNING: _("warning"), Severity.INFO: _("info")}[severity]


def place(f: Finding) -> str:
    return visible(f.file) + "".join(f":{n}" for n in (f.line, f.column) if n is not None)


def line(f: Finding) -> str:
    """`file:line:column: severity rule: message`; the rule id is the same in every language.
    File names and messages carry a page's text: their control characters are printed visible."""
    return f"{place(f)}: {severity_word(f.severity)} {f.rule}: {visible_lines(f.message)}"


def as_text(findings: Sequence[Finding]) -> str:
    return "".join(line(f) + "\n" for f in findings)


def counts(findings: Sequence[Finding]) -> str:
    """`2 errors, 1 warning` in the reader's language."""
    errors = sum(1 for f in findings if f.severity is Severity.ERROR)
    warnings = sum(1 for f in findings if f.severity is Severity.WARNING)
    return ", ".join([ngettext("{n} error", "{n} errors", errors).format(n=errors),
                      ngettext("{n} warning", "{n} warnings", warnings).format(n=warnings)])


def summary(findings: Sequence[Finding], command: str) -> str:
    return _("reference check: {counts} (`{command}` prints the full report)").format(
        counts=counts(findings), command=command)


def as_json(findings: Sequence[Finding]) -> str:
    data = [
        {"rule": f.rule, "severity": f.severity.value, "file": f.file, "line": f.line, "column": f.column, "message": f.message}
        for f in findings
    ]
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _escape_data(text: str) -> str:
    return visible(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def as_github(findings: Sequence[Finding]) -> str:
    lines = []
    for f in findings:
        properties = [f"file={_escape_property(f.file)}"]
        if f.line is not None:
            properties.append(f"line={f.line}")
        if f.column is not None:
            properties.append(f"col={f.column}")
        properties.append(f"title={_escape_property(f.rule)}")
        lines.append(f"::{GITHUB_COMMANDS[f.severity]} {','.join(properties)}::{_escape_data(f.message)}")
    return "".join(line + "\n" for line in lines)


def as_sarif(findings: Sequence[Finding], rules: Sequence[Rule]) -> str:
    index = {rule.id: n for n, rule in enumerate(rules)}
    results = []
    for f in findings:
        region = {}
        if f.line is not None:
            region["startLine"] = f.line
            if f.column is not None:
                region["startColumn"] = f.column
        location = {"physicalLocation": {"artifactLocation": {"uri": f.file, "uriBaseId": "SRCROOT"}}}
        if region:
            location["physicalLocation"]["region"] = region
        result = {"ruleId": f.rule, "level": SARIF_LEVELS[f.severity], "message": {"text": f.message}, "locations": [location]}
        if f.rule in index:
            result["ruleIndex"] = index[f.rule]
        results.append(result)
    driver = {
        "name": "check_references",
        "informationUri": INFORMATION_URI,
        "rules": [
            {
                "id": rule.id,
                "shortDescription": {"text": rule.summary},
                "fullDescription": {"text": rule.why},
                "help": {"text": f"Fails: {rule.failing_example}\nPasses: {rule.passing_example}"},
                "defaultConfiguration": {"level": SARIF_LEVELS[rule.severity]},
            }
            for rule in rules
        ],
    }
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{"tool": {"driver": driver}, "results": results}],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"


def render(findings: Sequence[Finding], fmt: str, rules: Callable[[], Sequence[Rule]]) -> str:
    """`rules` is called only for SARIF, which describes every rule."""
    if fmt == "json":
        return as_json(findings)
    if fmt == "github":
        return as_github(findings)
    if fmt == "sarif":
        return as_sarif(findings, rules())
    return as_text(findings)


# -- the rule reference (RULES.md is this output) ----------------------------------------------
def _rules_header() -> str:
    return _("""# The reference checker's rules

*En español: [RULES.es.md](RULES.es.md).*

Every rule of the reference checker (`scripts/check_references.py`), with why it matters and an
example that fails and one that passes. Severities are the defaults; a project changes them under
`extra.refcheck.severity` in its mkdocs.yml. This file is generated from the rule registry:
`{command}`.
""").format(command=_("python3 scripts/site.py check --list-rules --format markdown > RULES.md")) + "\n" + _(
        "Rules come in groups: `reference` runs on every project; `translation` (a translation workflow) "
        "and `policy` (a publishing policy for pull requests) run where a project selects them "
        "(`extra.refcheck.select`, or `--select` and `--ignore` on the command line, which take groups "
        "and rule ids).") + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _fence(text: str) -> str:
    return f"```markdown\n{text}\n```"


def _severity_word(severity: Severity) -> str:
    return {Severity.ERROR: _("error"), Severity.WARNING: _("warning"), Severity.INFO: _("info")}[severity]


def rules_markdown(rules: Sequence[Rule]) -> str:
    """The rule reference in the current language (RULES.md; RULES.es.md with --ui-lang es)."""
    lines = [_rules_header(), "| " + " | ".join((_("Rule"), _("Default"), _("Group"), _("What it finds"))) + " |",
             "| --- | --- | --- | --- |"]
    lines += [f"| [`{r.id}`](#rule-{r.id}) | {_severity_word(r.severity)} | {r.group} | {_cell(_(r.summary))} |"
              for r in rules]
    for rule in rules:
        lines += [
            "",
            f'<a id="rule-{rule.id}"></a>',
            "",
            f"**`{rule.id}`** ({_severity_word(rule.severity)}, `{rule.group}`): {_(rule.summary)}",
            "",
            _("Why: {reason}").format(reason=_(rule.why)),
            "",
            _("Fails:"),
            "",
            _fence(rule.failing_example),
            "",
            _("Passes:"),
            "",
            _fence(rule.passing_example),
        ]
    return "\n".join(lines) + "\n"


def rules_text(rules: Sequence[Rule]) -> str:
    width = max((len(r.id) for r in rules), default=0)
    words = {r.id: _severity_word(r.severity) for r in rules}
    severity_width = max((len(word) for word in words.values()), default=0)
    return "".join(f"{r.id:<{width}}  {words[r.id]:<{severity_width}}  {r.group:<11}  {_(r.summary)}\n" for r in rules)


def rules_json(rules: Sequence[Rule]) -> str:
    data = [
        {"id": r.id, "severity": r.severity.value, "group": r.group, "needs_text": r.needs_text, "summary": r.summary,
         "why": r.why,
         "failing_example": r.failing_example, "passing_example": r.passing_example}
        for r in rules
    ]
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
