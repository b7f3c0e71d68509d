"""Which lines of a command's output are English: words hunspell's en_US dictionary knows and its
es_ES dictionary does not, two or more on a line, once code, addresses, options, file names, rule
ids and the names of commands are taken out (they are the same in every language)."""

from __future__ import annotations

import re
import subprocess

# Names that stay as they are in every language: sub-commands, formats, settings, tools.
NAMES = {"serve", "build", "check", "test", "lock", "status", "install", "hooks", "locale", "text", "json",
         "github", "sarif", "markdown", "severity", "off", "git", "python", "requirements", "pre", "commit",
         "hunspell", "apt", "Debian", "Babel", "Chromium", "MkDocs", "static", "pytest", "uv", "pip", "fr", "es",
         "en", "info"}
REMOVED = [
    r"`[^`]*`", r"“[^”]*”", r"«[^»]*»", r"https?://\S+", r"\S*[/\\]\S*", r"\S+\.(?:md|yml|yaml|py|txt|pdf|json|po|dic)\b",
    r"\b\w+(?:-\w+)+\b", r"\b\w*_\w*\b", r"--?\w+", r"\b[A-Z_]{2,}\b", r"\{[^}]*\}", r"%\(\w+\)\w", r"<[^>]*>", r"\S*@\S*",
]


def words_of(line: str) -> list[str]:
    for pattern in REMOVED:
        line = re.sub(pattern, " ", line)
    return [w for w in re.findall(r"[^\W\d_]{2,}", line) if w not in NAMES and w.lower() not in NAMES]


def _hunspell(args: list[str], words: list[str]) -> set[str]:
    done = subprocess.run(["hunspell", *args], input="\n".join(words), capture_output=True, text=True, check=True)
    return set(done.stdout.split())


def english_lines(text: str) -> list[str]:
    """The lines of `text` that read as English."""
    lines = [(line, words_of(line)) for line in text.splitlines()]
    every = sorted({word for _, words in lines for word in words})
    if not every:
        return []
    not_spanish = _hunspell(["-l", "-d", "es_ES"], every)
    english = _hunspell(["-G", "-d", "en_US"], sorted(not_spanish)) if not_spanish else set()
    return [line for line, words in lines if sum(word in english for word in words) >= 2]
