"""Where a run of typing breaks into undo steps, as a word processor does.

Typing in one field joins into one undo step until the writer pauses (about a second
without typing) or ends a sentence (". ", "? ", "! " or a new line): one ctrl+z then takes
back the last burst or sentence, not the whole visit to the field. The clock is passed in
so tests need not sleep. No Textual here.
"""

from __future__ import annotations

import time
from collections.abc import Callable

PAUSE_SECONDS = 1.0  # this long without typing ends a step
SENTENCE_ENDS = (". ", "? ", "! ", "\n")


def now() -> float:
    """The default clock (a module function, so a test can replace it for the whole app)."""
    return time.monotonic()


def ends_sentence(before: str, after: str) -> bool:
    """Does the edit from `before` to `after` write after a sentence's end?

    The end (". " or a new line) belongs to the step that typed it; the next letter
    typed after it starts a new step. Spaces typed after an end stay with it.
    """
    start = 0
    limit = min(len(before), len(after))
    while start < limit and before[start] == after[start]:
        start += 1
    inserted = after[start : start + max(0, len(after) - len(before))] or after[start : start + 1]
    if not inserted or inserted[0].isspace():
        return False
    return before[:start].endswith(SENTENCE_ENDS)


class TypingSteps:
    """Remembers the current run of typing: which field, its text, and when it was last typed in."""

    def __init__(self, clock: Callable[[], float] | None = None) -> None:
        self._clock = clock
        self._field: object = None
        self._text: str | None = None
        self._last = 0.0

    def continues(self, field: object, text: str | None = None) -> bool:
        """Record an edit in `field` (its text now, when known); True when it joins the
        current step, False when it starts a new one."""
        moment = self._clock() if self._clock is not None else now()
        joins = (
            field is not None
            and field == self._field
            and moment - self._last < PAUSE_SECONDS
            and not (text is not None and self._text is not None and ends_sentence(self._text, text))
        )
        self._field, self._text, self._last = field, text, moment
        return joins

    def seal(self) -> None:
        """End the current run: the next edit starts a new step whatever it is."""
        self._field = None
        self._text = None
