"""The pages themselves: readable as UTF-8, and no folder that loops back on itself."""

from __future__ import annotations

from collections.abc import Iterator

from refcheck.config import Config
from refcheck.findings import Finding, Rule, Severity
from refcheck.project import Project
from refcheck.uitext import _

SOURCE_NOT_UTF8 = Rule(
    "source-not-utf8",
    "A page is not valid UTF-8.",
    Severity.ERROR,
    "MkDocs stops on it, or shows replacement characters; usually a file saved in a legacy encoding.",
    "a page saved as Latin-1: `Matías` as the byte 0xED",
    "the same page saved as UTF-8",
    needs_text=False,
)
SOURCE_SYMLINK_LOOP = Rule(
    "source-symlink-loop",
    "A symbolic link in the docs folder leads back to a folder already read, or to nothing.",
    Severity.ERROR,
    "MkDocs follows symbolic links: a loop makes it read the same files forever, or fail.",
    "docs/en/again -> ../en",
    "no symbolic link, or one to a file outside the loop",
    needs_text=False,
)
RULES = [SOURCE_NOT_UTF8, SOURCE_SYMLINK_LOOP]


def check(project: Project, config: Config) -> Iterator[Finding]:
    for page in project.pages:
        if page.facts.decode_error is not None:
            yield Finding.at(
                SOURCE_NOT_UTF8, page.facts.decode_error,
                _("this byte is not UTF-8; save the file as UTF-8 (the rest of the page was checked as read)"),
            )
    for kind, where, message in project.problems:
        yield Finding.at(SOURCE_SYMLINK_LOOP, where, message + _("; remove the link"))
