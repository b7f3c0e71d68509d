"""Keep each PDF made, under the hash of everything it is made of, and reuse it while that holds.

A build whose text, stylesheet, fonts, WeasyPrint version and edition date are those of an earlier
build copies that build's PDF instead of loading WeasyPrint (`.cache/publish/` in the project, which
git ignores). Only the entries the last build used are kept. PUBLISH_PDF_CACHE=off turns it off; the
tests do, so that they always check a PDF made in front of them.
"""

from __future__ import annotations

import hashlib
import shutil
from dataclasses import dataclass, field
from pathlib import Path


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

    def empty(self) -> bool:
        return not any(self.folder.glob("*.pdf"))

    def copy_to(self, key: str, target: Path) -> int | None:
        """Copy the PDF kept under `key` to `target`; its size, or None when none is kept."""
        self.used.add(key)
        source = self._path(key)
        if not source.is_file():
            return None
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        return target.stat().st_size

    def keep(self, key: str, made: Path) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(made, self._path(key))

    def forget_unused(self) -> None:
        for path in self.folder.glob("*.pdf"):
            if path.stem not in self.used:
                path.unlink(missing_ok=True)
