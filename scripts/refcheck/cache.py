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
from collections.abc import Callable
from typing import Any, TypeVar

FACTS_FILE = "page-facts.pickle"
SITE_FILE = "site-html.pickle"  # the ids and links of each built HTML file, by its content
# The modules whose code decides a page's facts: a change to any of them empties the cache.
READER_MODULES = ("refcheck/extract.py", "refcheck/facts.py", "refcheck/templates.py", "refcheck/mdsource/prose.py",
                  "refcheck/mdsource/markup.py",
                  "refcheck/mdsource/mdparser.py")


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


@lru_cache(maxsize=None)
def code_digest(*modules: str, extra: str = "") -> str:
    """A digest of the code that made a cached answer: source files (paths under scripts/) and
    `extra` (a library's version). Keys that include it start afresh after any change to that code."""
    scripts = Path(__file__).resolve().parents[1]
    digest = hashlib.blake2b(digest_size=16)
    for module in modules:
        digest.update((scripts / module).read_bytes())
    digest.update(extra.encode("utf-8"))
    return digest.hexdigest()


def reader_version() -> str:
    return code_digest(*READER_MODULES)


def bytes_digest(data: bytes) -> str:
    """A digest of a file's bytes, for keys of answers that depend on its content alone."""
    return hashlib.blake2b(data, digest_size=20).hexdigest()


def content_key(data: bytes, file: str, options: Any) -> str:
    digest = hashlib.blake2b(data, digest_size=20)
    digest.update(file.encode("utf-8"))
    digest.update(repr(options).encode("utf-8"))
    return digest.hexdigest()


class FactsCache:
    """Entries by content key, kept in one file of signed records.

    Each record is a batch of entries: its length (4 bytes), an HMAC-SHA256 of its body under this
    user's key (32 bytes), and the body (a pickle). A record whose signature does not match is never
    unpickled, and ends the reading (a write cut short loses only what came after it). A run that
    adds entries appends one record, so a re-check after editing one page writes that page's
    entries, not the whole cache; the file is written anew, with only the entries that run used,
    when the entries no run uses any more (edited or deleted pages) pass a quarter of it.
    """

    _HEADER = 4 + 32

    def __init__(self, folder: Path | None, name: str = FACTS_FILE) -> None:
        self.path = folder / name if folder is not None else None
        self.entries: dict[str, Any] = {}
        self.used: set[str] = set()
        self.added: dict[str, Any] = {}
        self.records = 0
        self.key = _signing_key() if self.path is not None else None
        if self.path is None or self.key is None or not self.path.is_file():
            return
        try:
            blob = self.path.read_bytes()
        except OSError:
            return
        self._read(blob)

    def _read(self, blob: bytes) -> None:
        assert self.key is not None
        offset = 0
        while offset + self._HEADER <= len(blob):
            length = int.from_bytes(blob[offset:offset + 4], "big")
            signature = blob[offset + 4:offset + self._HEADER]
            body = blob[offset + self._HEADER:offset + self._HEADER + length]
            if len(body) != length or not hmac.compare_digest(signature, hmac.new(self.key, body, hashlib.sha256).digest()):
                return  # not written by this user's checker (never unpickled), or cut short
            try:
                stored = pickle.loads(body)
            except Exception:  # a record from another version of the code
                return
            if not (isinstance(stored, dict) and stored.get("version") == reader_version()):
                self.entries.clear()  # another version of the reader: start afresh
                return
            self.entries.update(stored.get("entries", {}))
            self.records += 1
            offset += self._HEADER + length

    def get(self, key: str) -> Any | None:
        found = self.entries.get(key)
        if found is not None:
            self.used.add(key)
        return found

    def put(self, key: str, facts: Any) -> None:
        self.entries[key] = facts
        self.added[key] = facts
        self.used.add(key)

    def _record(self, entries: dict[str, Any]) -> bytes:
        assert self.key is not None
        body = pickle.dumps({"version": reader_version(), "entries": entries}, protocol=pickle.HIGHEST_PROTOCOL)
        return len(body).to_bytes(4, "big") + hmac.new(self.key, body, hashlib.sha256).digest() + body

    def save(self) -> None:
        """Append what this run added, or write anew what it used once most of the file is unused."""
        if self.path is None or self.key is None:
            return
        unused = len(self.entries) - len(self.used)
        if not self.added and unused == 0:
            return
        try:
            if self.records and unused <= len(self.entries) // 4:
                if self.added:
                    with open(self.path, "ab") as stream:
                        stream.write(self._record(self.added))
                return
            import tempfile  # only when the file is written anew

            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".facts-")
            with os.fdopen(handle, "wb") as stream:
                stream.write(self._record({key: self.entries[key] for key in self.used}))
            os.replace(temporary, self.path)
        except OSError:
            pass  # a cache that cannot be written only makes the next run slower


T = TypeVar("T")


def remembered(cache: FactsCache | None, key: tuple[bytes, str, Any], make: Callable[..., T], *args: Any) -> T:
    """`make(*args)`, or what the cache holds under `content_key(*key)` from an earlier run (kept
    for the next one). Without a cache (`--no-cache`) nothing is hashed. `make` must not return
    None, which the cache cannot tell from a missing entry."""
    if cache is None:
        return make(*args)
    wanted = content_key(*key)
    found = cache.get(wanted)
    if found is None:
        found = make(*args)
        cache.put(wanted, found)
    return found
