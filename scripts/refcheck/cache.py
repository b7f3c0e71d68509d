"""The checker's one cache: an SQLite file of JSON records, so that a re-check reads again only
what changed.

Where: `$XDG_CACHE_HOME/refcheck/cache.sqlite` (`~/.cache/...` without XDG), outside the checked
project, so that checking someone else's project writes nothing into it; `--cache-dir DIR` puts
the file in DIR; `--no-cache` reads and writes nothing; `--clear-cache` deletes it.

What: each record is an answer (a page's facts, a built HTML file's ids and links, a page's
sanitizer judgement, where a page's links lead, a page's untranslated passages) under a key made
of the bytes it was computed from. Every record of a run also belongs to a *scope*: a digest of
every file of the checker's package (scripts/refcheck/), of the libraries that read pages, and of
the project's settings (mkdocs.yml as read), so a change to any of them starts afresh without a
list of modules to keep up to date. Records are JSON (refcheck/jsondata.py), readable with
`sqlite3`; nothing in the file can make the checker run code. The file is kept under
`MAX_BYTES`: past it, what the last run did not use is deleted. A file cut short, corrupt or
written by something else is set aside (deleted and started afresh), never an error.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import time
from collections.abc import Callable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

from refcheck import jsondata

FILE = "cache.sqlite"
MAX_BYTES = 200 * 1024 * 1024
PACKAGE = Path(__file__).resolve().parent
# The libraries whose versions decide what a page reads as (a new version starts afresh).
LIBRARIES = ("Markdown", "markdown-it-py", "pymdown-extensions", "mkdocs", "nh3", "lingua-language-detector")
SCHEMA = """
CREATE TABLE IF NOT EXISTS records (scope TEXT, kind TEXT, key TEXT, value TEXT, used REAL,
                                    PRIMARY KEY (scope, kind, key)) WITHOUT ROWID;
"""


def _user_cache_base() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")) / "refcheck"


def default_cache_dir(root: Path | None = None) -> Path:
    """The folder of the one cache file (the same for every project: records are scoped)."""
    return _user_cache_base()


def choose_cache_dir(root: Path, chosen: Path | None, disabled: bool) -> Path | None:
    """Where this run keeps its cache (None: --no-cache)."""
    if disabled:
        return None
    return chosen if chosen is not None else default_cache_dir(root)


def clear(folder: Path) -> list[Path]:
    """Delete the cache in `folder` (and the external-URL answers kept beside it); what was deleted."""
    deleted = []
    for name in (FILE, FILE + "-journal", "external-urls.json", "spelling.json"):
        path = folder / name
        try:
            path.unlink()
        except FileNotFoundError:
            continue
        deleted.append(path)
    return deleted


@lru_cache(maxsize=1)
def code_digest() -> str:
    """A digest of every file of the checker's package and of the reading libraries' versions."""
    from importlib.metadata import PackageNotFoundError, version

    digest = hashlib.blake2b(digest_size=16)
    for path in sorted(PACKAGE.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix not in (".pyc", ".mo"):
            digest.update(path.relative_to(PACKAGE).as_posix().encode("utf-8") + b"\0")
            digest.update(path.read_bytes())
    for library in LIBRARIES:
        try:
            digest.update(f"{library}={version(library)}\0".encode("utf-8"))
        except PackageNotFoundError:
            digest.update(f"{library}=\0".encode("utf-8"))
    return digest.hexdigest()


def bytes_digest(data: bytes) -> str:
    """A digest of a file's bytes, for keys of answers that depend on its content alone."""
    return hashlib.blake2b(data, digest_size=20).hexdigest()


def content_key(data: bytes, file: str, options: Any) -> str:
    digest = hashlib.blake2b(data, digest_size=20)
    digest.update(file.encode("utf-8"))
    digest.update(repr(options).encode("utf-8"))
    return digest.hexdigest()


class Cache:
    """One run's view of the cache file: records of this scope, by kind (`table`)."""

    def __init__(self, path: Path, scope: str, connection: sqlite3.Connection) -> None:
        self.path = path
        self.scope = scope
        self.connection = connection
        self.started = time.time()
        self.tables: dict[str, Table] = {}
        self.broken = False

    @classmethod
    def open(cls, folder: Path, settings: Mapping[str, Any]) -> Cache | None:
        """The cache in `folder` for a project with these settings; None if it cannot be used
        (a folder that cannot be written only makes runs slower)."""
        path = folder / FILE
        scope = hashlib.blake2b((code_digest() + json.dumps(settings, sort_keys=True, default=repr)).encode("utf-8"),
                                digest_size=16).hexdigest()
        for _attempt in range(2):
            connection = None
            try:
                folder.mkdir(parents=True, exist_ok=True)
                connection = sqlite3.connect(path, timeout=10, isolation_level=None)
                connection.execute("PRAGMA synchronous=OFF")
                connection.executescript(SCHEMA)
                connection.execute("SELECT count(*) FROM records WHERE scope = ?", (scope,)).fetchone()
                return cls(path, scope, connection)
            except sqlite3.OperationalError:  # locked by another run for too long, or cannot be written
                return None
            except sqlite3.DatabaseError:  # cut short, corrupt, or not a cache: start afresh
                if connection is not None:
                    connection.close()
                clear(folder)
            except OSError:
                return None
        return None

    def _set_aside(self) -> None:
        """A file found damaged while in use: deleted, and nothing more read or written this run."""
        self.connection.close()
        self.broken = True
        clear(self.path.parent)

    def table(self, kind: str, value_type: Any) -> Table:
        """The records of one kind (values of `value_type`), read once per run."""
        if kind not in self.tables:
            self.tables[kind] = Table(self, kind, value_type)
        return self.tables[kind]

    def _rows(self, kind: str) -> dict[str, str]:
        if self.broken:
            return {}
        try:
            return dict(self.connection.execute("SELECT key, value FROM records WHERE scope = ? AND kind = ?",
                                                (self.scope, kind)))
        except sqlite3.OperationalError:
            return {}
        except sqlite3.DatabaseError:
            self._set_aside()
            return {}

    def _write(self, kind: str, added: dict[str, str], used: set[str]) -> None:
        if self.broken:
            return
        try:
            with self.connection:
                self.connection.execute("BEGIN")
                self.connection.executemany(
                    "INSERT OR REPLACE INTO records VALUES (?, ?, ?, ?, ?)",
                    [(self.scope, kind, key, value, self.started) for key, value in added.items()])
                self.connection.executemany(
                    "UPDATE records SET used = ? WHERE scope = ? AND kind = ? AND key = ?",
                    [(self.started, self.scope, kind, key) for key in used - set(added)])
            if self.path.stat().st_size > MAX_BYTES:
                self.shrink()
        except (sqlite3.DatabaseError, OSError):
            pass  # a cache that cannot be written only makes the next run slower

    def shrink(self) -> None:
        """Keep only what the latest run used."""
        with self.connection:
            self.connection.execute("DELETE FROM records WHERE used < ?", (self.started,))
        self.connection.execute("VACUUM")


class Table:
    """Records of one kind: `get` and `put` by key; `save` writes what this run added and marks
    what it used."""

    def __init__(self, cache: Cache, kind: str, value_type: Any) -> None:
        self.cache = cache
        self.kind = kind
        self.value_type = value_type
        self.stored = cache._rows(kind)
        self.used: set[str] = set()
        self.added: dict[str, str] = {}

    def get(self, key: str) -> Any | None:
        text = self.stored.get(key)
        if text is None:
            return None
        try:
            value = jsondata.load(self.value_type, json.loads(text))
        except (ValueError, jsondata.Unreadable, RecursionError):
            return None  # written by other code: as if missing
        self.used.add(key)
        return value

    def put(self, key: str, value: Any) -> None:
        try:
            text = json.dumps(jsondata.dump(self.value_type, value), ensure_ascii=False, separators=(",", ":"))
        except (jsondata.Unwritable, ValueError, RecursionError):
            return
        self.stored[key] = self.added[key] = text
        self.used.add(key)

    def save(self) -> None:
        if self.added or self.used:
            self.cache._write(self.kind, self.added, self.used)
            self.added = {}
            self.used = set()


T = TypeVar("T")


def remembered(table: Table | None, key: tuple[bytes, str, Any], make: Callable[..., T], *args: Any) -> T:
    """`make(*args)`, or what the cache holds under `content_key(*key)` from an earlier run (kept
    for the next one). Without a cache (`--no-cache`) nothing is hashed. `make` must not return
    None, which the cache cannot tell from a missing entry."""
    if table is None:
        return make(*args)
    wanted = content_key(*key)
    found = table.get(wanted)
    if found is None:
        found = make(*args)
        table.put(wanted, found)
    return found
