#!/usr/bin/env python3
"""Turn `check_references.py --external --format json` findings into the weekly issue's Markdown.

    python3 scripts/refcheck/weekly_issue.py findings.json            # the issue body
    python3 scripts/refcheck/weekly_issue.py --count findings.json     # how many URLs are broken

Used by .github/workflows/external-links.yml; standard library only.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

BROKEN = ("external-broken", "external-redirect-loop")
TO_CHECK = ("external-unverified", "external-redirect")
TITLES = {
    "external-broken": "Broken",
    "external-redirect-loop": "Redirect loops",
    "external-unverified": "Could not be verified (check by hand)",
    "external-redirect": "Moved permanently (link the new address)",
}


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
        for f in sorted(by_rule[rule], key=lambda f: (f.get("file") or "", f.get("line") or 0)):
            where = f"{f.get('file')}:{f['line']}" if f.get("line") else str(f.get("file"))
            lines.append(f"- `{where}`: {f.get('message', '').strip()}")
    lines += ["", "Fix each in the Markdown page named (both languages cite the same sources), and run "
              "`python3 scripts/check_references.py --external` to confirm."]
    return "\n".join(lines) + "\n"


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
