#!/usr/bin/env python3
"""Turn `check_references.py --external --format json` findings into the weekly issue's Markdown.

    python3 scripts/refcheck/weekly_issue.py findings.json            # the issue body
    python3 scripts/refcheck/weekly_issue.py --count findings.json     # how many URLs are broken

Used by .github/workflows/external-links.yml; standard library only.

The messages carry what servers sent (a Location header, a reason phrase), so each is shown as
inert text: one line inside a code span, where GitHub turns no `@mention`, no `#123`, no URL and no
Markdown or HTML into anything active. The body is kept under GitHub's size limit.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

BROKEN = ("external-broken", "external-redirect-loop", "external-private-address")
TO_CHECK = ("external-unverified", "external-redirect")
TITLES = {
    "external-broken": "Broken",
    "external-redirect-loop": "Redirect loops",
    "external-private-address": "Lead into a private network (never checked)",
    "external-unverified": "Could not be verified (check by hand)",
    "external-redirect": "Moved permanently (link the new address)",
}


# GitHub refuses an issue body over 65,536 characters; one message never needs more than this.
MAX_BODY = 60_000
MAX_MESSAGE = 600


def inert(text: str) -> str:
    """`text` as a one-line code span: nothing in it is a link, a mention, markup or HTML."""
    # Line breaks would end the span (and the list item); control and invisible format characters
    # (bidirectional overrides among them) could make the text read differently than it is.
    cleaned = "".join(
        " " if ch in "\r\n\t" else "\ufffd" if unicodedata.category(ch) in ("Cc", "Cf", "Co", "Cs") else ch
        for ch in str(text)
    )
    cleaned = " ".join(cleaned.split())
    if len(cleaned) > MAX_MESSAGE:
        cleaned = cleaned[:MAX_MESSAGE] + " [...]"
    if not cleaned:
        return "(no message)"
    # The fence is one backtick longer than the longest run inside, so no backtick closes it early;
    # the spaces let a message start or end with a backtick.
    longest = max((len(run) for run in re.findall(r"`+", cleaned)), default=0)
    fence = "`" * (longest + 1)
    return f"{fence} {cleaned} {fence}"


def read(path: Path) -> list[dict]:
    data = json.loads(path.read_text(encoding="utf-8") or "[]")
    return [f for f in data if isinstance(f, dict) and str(f.get("rule", "")).startswith("external-")]


def report(findings: list[dict]) -> str:
    by_rule: dict[str, list[dict]] = defaultdict(list)
    for finding in findings:
        by_rule[finding["rule"]].append(finding)
    broken = sum(len(by_rule[rule]) for rule in BROKEN)
    lines = ["This issue is kept up to date by the weekly external link check "
             "(`.github/workflows/external-links.yml`); it closes itself when every URL works again.", ""]
    lines.append(f"**{broken} broken** reference{'s' if broken != 1 else ''} to external URLs." if broken
                 else "No external URL is broken.")
    for rule in (*BROKEN, *TO_CHECK):
        if not by_rule.get(rule):
            continue
        lines += ["", f"### {TITLES[rule]}", ""]
        for f in sorted(by_rule[rule], key=lambda f: (str(f.get("file") or ""), _line(f))):
            where = f"{f.get('file')}:{f['line']}" if _line(f) else str(f.get("file"))
            lines.append(f"- {inert(where)}: {inert(f.get('message', ''))}")
    ending = ["", "Fix each in the Markdown page named (both languages cite the same sources), and run "
              "`python3 scripts/check_references.py --external` to confirm."]
    return _fit(lines, ending)


def _line(finding: dict) -> int:
    line = finding.get("line")
    return line if isinstance(line, int) and not isinstance(line, bool) else 0


def _fit(lines: list[str], ending: list[str]) -> str:
    """The body, with as many list lines as fit under MAX_BODY and a count of those left out."""
    kept: list[str] = []
    size = sum(len(line) + 1 for line in ending) + 200
    for number, line in enumerate(lines):
        if size + len(line) + 1 > MAX_BODY:
            left = sum(1 for rest in lines[number:] if rest.startswith("- "))
            kept += ["", f"... and {left} more (the run's summary lists them all)."]
            break
        kept.append(line)
        size += len(line) + 1
    return "\n".join(kept + ending) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("findings", type=Path)
    parser.add_argument("--count", action="store_true", help="print the number of broken references only")
    args = parser.parse_args(argv)
    findings = read(args.findings)
    if args.count:
        print(sum(1 for f in findings if f["rule"] in BROKEN))
    else:
        sys.stdout.write(report(findings))
    return 0


if __name__ == "__main__":
    sys.exit(main())
