"""`python3 scripts/citation cff`: print CITATION.cff as made from citation.yml.

    python3 scripts/citation cff > CITATION.cff

Exit 0 when printed, 2 when the facts cannot be read (one line on stderr).
"""

from __future__ import annotations

import sys
from pathlib import Path

if __package__ in (None, ""):  # run as a folder: make `citation` importable as a package
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    __package__ = "citation"

from citation.citation_data import CitationError, load_facts  # noqa: E402
from citation.formats import citation_cff  # noqa: E402


def main(argv: list[str]) -> int:
    if argv != ["cff"]:
        print("usage: python3 scripts/citation cff > CITATION.cff", file=sys.stderr)
        return 2
    try:
        facts = load_facts()
    except CitationError as error:
        print(f"scripts/citation: cannot run: {error}", file=sys.stderr)
        return 2
    sys.stdout.write(citation_cff(facts, english_publisher=facts.language("en").publisher))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
