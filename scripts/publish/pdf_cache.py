"""Keep each PDF made, under the hash of everything it is made of, and reuse it while that holds.

A build whose text, stylesheet, fonts, WeasyPrint version and edition date are those of an earlier
build copies that build's PDF instead of loading WeasyPrint (`.cache/publish/` in the project, which
git ignores). Only the entries the last build used are kept. PUBLISH_PDF_CACHE=off turns it off; the
tests do, so that they always check a PDF made in front of them.

The cache keeps only bytes the PDF worker wrote to its own private file (publish/background.py),
never a file read back from the site folder, where a file of docs/ at the PDF's address could have
landed; each entry is kept with the SHA-256 of its bytes, and an entry whose bytes no longer match
it (or that has none, as entries of earlier versions) is never copied.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass
class PdfCache:
    folder: Path
    used: set[str] = field(default_factory=set)

    @staticmethod
    def key(inputs: list[bytes]) -> str:
        digest = hashlib.sha256()
        for part in inputs:
            digest.update(len(part).to_bytes(8, "big"))  # so that no two input lists hash alike
            digest.update(part)
        return digest.hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / f"{key}.pdf"

    def _digest_path(self, key: str) -> Path:
        return self.folder / f"{key}.sha256"

    def empty(self) -> bool:
        return not any(self.folder.glob("*.sha256"))

    def _kept(self, key: str) -> bytes | None:
        """The bytes kept under `key`, if they are still those the worker made."""
        try:
            data, digest = self._path(key).read_bytes(), self._digest_path(key).read_text(encoding="ascii")
        except (OSError, UnicodeDecodeError):
            return None
        return data if digest.strip() == _sha256(data) else None

    def has(self, key: str) -> bool:
        self.used.add(key)
        return self._kept(key) is not None

    def copy_to(self, key: str, target: Path) -> int | None:
        """Write the PDF kept under `key` to `target`; its size, or None when none is kept."""
        self.used.add(key)
        data = self._kept(key)
        if data is None:
            return None
        _replace(target, data)
        return len(data)

    def keep(self, key: str, made: Path) -> None:
        """Keep the bytes of `made`, a file only the PDF worker wrote."""
        self.folder.mkdir(parents=True, exist_ok=True)
        data = made.read_bytes()
        _replace(self._path(key), data)
        _replace(self._digest_path(key), _sha256(data).encode("ascii"))

    def forget_unused(self) -> None:
        for path in [*self.folder.glob("*.pdf"), *self.folder.glob("*.sha256")]:
            if path.stem not in self.used:
                path.unlink(missing_ok=True)


def _replace(target: Path, data: bytes) -> None:
    """Write `data` at `target` as a new file (a link or file already there is replaced, not followed)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, target)
