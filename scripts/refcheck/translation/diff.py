"""What changed in the English page since a translation was reviewed: by paragraph and by word."""

from __future__ import annotations

import difflib

from refcheck.translation.pages import normalize
from refcheck.uitext import _


def english_diff(original: str, current: str, page: str, context: int = 1) -> list[str]:
    """A unified diff of the English page; blank-line-only and wrapping changes are left out."""
    old = _reflowed(original)
    new = _reflowed(current)
    return list(
        difflib.unified_diff(old, new, _("English {page} (reviewed)").format(page=page),
                             _("English {page} (now)").format(page=page), n=context, lineterm="")
    )


def word_changes(original: str, current: str, context: int = 4, limit: int = 8) -> list[str]:
    """The English changes word by word, `[-removed-]{+added+}`, with a few words around each."""
    old_words = normalize(original).replace("\n\n", " ¶ ").split(" ")
    new_words = normalize(current).replace("\n\n", " ¶ ").split(" ")
    matcher = difflib.SequenceMatcher(None, old_words, new_words, autojunk=False)
    changes = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        before = old_words[max(0, i1 - context):i1]
        after = old_words[i2:i2 + context]
        removed = f"[-{' '.join(old_words[i1:i2])}-]" if i2 > i1 else ""
        added = f"{{+{' '.join(new_words[j1:j2])}+}}" if j2 > j1 else ""
        changes.append(" ".join(filter(None, ["…" if i1 > context else "", *before, removed + added, *after,
                                              "…" if i2 + context < len(old_words) else ""])))
    if len(changes) > limit:
        changes = changes[:limit] + [_("… and {n} more changes").format(n=len(changes) - limit)]
    return changes


def _reflowed(text: str) -> list[str]:
    """One line per paragraph, so that re-wrapping shows no change and a change shows whole."""
    return normalize(text).split("\n\n")


