#!/usr/bin/env python3
"""Check every reference of a multilingual MkDocs site; see README ("The reference checker").

    python scripts/check_references.py [--root DIR] [--site-dir DIR | --build] [--external]
                                       [--select GROUP,ID] [--ignore GROUP,ID] [--debug]
                                       [--format text|json|github|sarif] [--list-rules] [--clear-cache]
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

try:
    from refcheck.cli import main
except ModuleNotFoundError as missing:  # a library the checker needs: one line, exit status 2
    from refcheck import missing_package

    print("check_references: " + missing_package(missing), file=sys.stderr)
    sys.exit(2)

if __name__ == "__main__":
    sys.exit(main())
