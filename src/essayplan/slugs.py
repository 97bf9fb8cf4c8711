"""Readable ids: lower-case ASCII words joined by '-', unique within a pack.

Plans refer to factors and cards by id, so an id should say what it is
("lenins-testament-1924"), never be a number a teacher cannot place.
"""

from __future__ import annotations

import re
import unicodedata

# Words that say little about a card, skipped when its id is made from its text.
STOP_WORDS = frozenset(
    """a an the and or but nor of to in on at by for from with into onto as than then that this these
    those which who whom whose what when where why how it its he she they him her them his hers their
    theirs we us our you your i me my was were is are be been being had has have having do does did
    would could should will shall may might must can not no so very also there here about after before
    over under up down out off all any some many much more most such only own same too just""".split()
)


def words(text: str) -> list[str]:
    """The text's words as lower-case ASCII; "Stalin's" becomes "stalins"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.findall(r"[a-z0-9]+", re.sub(r"['`]", "", ascii_text.lower()))


def slug(text: str, fallback: str, *, max_words: int | None = None, max_len: int = 40) -> str:
    """Words joined by '-', cut at a word boundary; `fallback` when no word is left."""
    parts = words(text)
    if max_words is not None:
        parts = [w for w in parts if w not in STOP_WORDS][:max_words] or parts[:max_words]
    out = ""
    for word in parts:
        candidate = f"{out}-{word}" if out else word
        if len(candidate) > max_len:
            break
        out = candidate
    return out or (parts[0][:max_len] if parts else fallback)


class UniqueIds:
    """Hands out ids, adding -2, -3 … to one already taken."""

    def __init__(self) -> None:
        self.taken: set[str] = set()
        # The last number tried for each base: every one below it is taken for good, so a
        # card with a thousand "point-on-…" cards does not count up from 2 each time.
        self._last: dict[str, int] = {}

    def take(self, base: str) -> str:
        number = self._last.get(base, 1)
        candidate = base if number == 1 else f"{base}-{number}"
        while candidate in self.taken:
            number += 1
            candidate = f"{base}-{number}"
        self._last[base] = number
        self.taken.add(candidate)
        return candidate
