"""The checker's on-disk cache: where it lives, and the facts of every page keyed by its content.

By default the cache is outside the checked project, in the user's cache folder
(`$XDG_CACHE_HOME/refcheck/<hash of the project's path>/`, `~/.cache/...` without XDG), so that
checking someone else's project writes nothing into it. `--cache-dir DIR` chooses the folder;
`--no-cache` reads and writes nothing.

`FactsCache` keeps what stage 2 (refcheck/extract.py) found in each page, under the hash of the
page's bytes and of the settings and code that read it: a re-check after editing one page parses
that page only. A page that includes other files through templates is always read again (its
facts depend on more than its own bytes).
"""

from __future__ import annotations

import hashlib
import hmac
import os
import pickle
import secrets
from functools import lru_cache
from pathlib import Path
from typing import Any

FACTS_FILE = "page-facts.pickle"
SITE_FILE = "site-html.pickle"  # the ids and links of each built HTML file, by its content
# The modules whose code decides a page's facts: a change to any of them empties the cache.
READER_MODULES = ("refcheck/extract.py", "refcheck/templates.py", "mdsource/prose.py", "mdsource/mdparser.py")


def _user_cache_base() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")) / "refcheck"


def default_cache_dir(root: Path) -> Path:
    digest = hashlib.sha256(str(root.resolve()).encode("utf-8")).hexdigest()[:16]
    return _user_cache_base() / digest


def _signing_key() -> bytes | None:
    """This user's key for signing cache files (made on first use; None if it cannot be kept)."""
    path = _user_cache_base() / "signing.key"
    try:
        data = path.read_bytes()
        if len(data) == 32:
            return data
    except FileNotFoundError:
        pass
    except OSError:
        return None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fresh = secrets.token_bytes(32)
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(handle, "wb") as stream:
            stream.write(fresh)
        return fresh
    except OSError:
        return None


def choose_cache_dir(root: Path, chosen: Path | None, disabled: bool) -> Path | None:
    """Where this run keeps its cache (None: --no-cache)."""
    if disabled:
        return None
    return chosen if chosen is not None else default_cache_dir(root)


@lru_cache(maxsize=1)
def reader_version() -> str:
    scripts = Path(__file__).resolve().parents[1]
    digest = hashlib.blake2b(digest_size=16)
    for module in READER_MODULES:
        digest.update((scripts / module).read_bytes())
    return digest.hexdigest()


def content_key(data: bytes, file: str, options: Any) -> str:
    digest = hashlib.blake2b(data, digest_size=20)
    digest.update(file.encode("utf-8"))
    digest.update(repr(options).encode("utf-8"))
    return digest.hexdigest()


class FactsCache:
    """Page facts by content key, loaded once and written back (atomically) if anything changed."""

    def __init__(self, folder: Path | None, name: str = FACTS_FILE) -> None:
        self.path = folder / name if folder is not None else None
        self.entries: dict[str, Any] = {}
        self.used: set[str] = set()
        self.changed = False
        self.key = _signing_key() if self.path is not None else None
        if self.path is None or self.key is None or not self.path.is_file():
            return
        try:
            blob = self.path.read_bytes()
            signature, body = blob[:32], blob[32:]
            if not hmac.compare_digest(signature, hmac.new(self.key, body, hashlib.sha256).digest()):
                return  # not written by this user's checker: never unpickled
            stored = pickle.loads(body)
        except Exception:  # a cache from another version, or cut short: start afresh
            return
        if isinstance(stored, dict) and stored.get("version") == reader_version():
            self.entries = stored.get("entries", {})

    def get(self, key: str) -> Any | None:
        found = self.entries.get(key)
        if found is not None:
            self.used.add(key)
        return found

    def put(self, key: str, facts: Any) -> None:
        self.entries[key] = facts
        self.used.add(key)
        self.changed = True

    def save(self) -> None:
        """Keep the entries this run used (pages deleted or edited since drop out)."""
        if self.path is None or self.key is None or (not self.changed and len(self.used) == len(self.entries)):
            return
        kept = {key: self.entries[key] for key in self.used}
        try:
            import tempfile  # only when there is something to write

            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".facts-")
            body = pickle.dumps({"version": reader_version(), "entries": kept}, protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(handle, "wb") as stream:
                stream.write(hmac.new(self.key, body, hashlib.sha256).digest() + body)
            os.replace(temporary, self.path)
        except OSError:
            pass  # a cache that cannot be written only makes the next run slower
