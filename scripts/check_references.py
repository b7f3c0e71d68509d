#!/usr/bin/env python3
"""Check every reference of a multilingual MkDocs site; see README ("The reference checker").

    python scripts/check_references.py [--root DIR] [--site-dir DIR | --build] [--external]
                                       [--format text|json|github|sarif] [--list-rules]
"""

from __future__ import annotations

import atexit
import gc
import os
import sys
from pathlib import Path

# One run, then the process ends: Python's cycle collector would only walk, again and again, the
# objects the run keeps to its end (refcheck.pipeline.collection_paused says more). Off for good here,
# so that nothing collects the whole heap on the way out either.
gc.disable()
sys.path.insert(0, str(Path(__file__).resolve().parent))

try:
    from refcheck.cli import main
except ModuleNotFoundError as missing:  # a library the checker needs: one line, exit status 2
    from refcheck import missing_package

    print("check_references: " + missing_package(missing), file=sys.stderr)
    sys.exit(2)

if __name__ == "__main__":
    status = main()
    # Everything the run started has ended (its worker processes are joined, hunspell has
    # answered) and its caches are written. What is left is Python freeing the run's objects one
    # by one (0.03 s, a tenth of a check of this site), which the operating system does at once.
    atexit._run_exitfuncs()  # what the modules registered still runs (hunspell left waiting is stopped)
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except OSError:  # a reader that went away (`| head`): nothing more to tell it
            pass
    os._exit(status)
