"""Values a widget has asked for that have not yet come back through `sync`.

Keys pressed faster than the plan screen applies their messages (+ + + on a weight,
→ → on the judgement line) must build on what was asked, not on the plan the widget
last saw; else three presses make one step.
"""

from __future__ import annotations


class Pending:
    def __init__(self) -> None:
        self.values: dict[object, object] = {}
        self.in_flight = 0

    def get(self, key: object, current: object) -> object:
        return self.values.get(key, current)

    def posted(self, key: object, value: object) -> None:
        self.values[key] = value
        self.in_flight += 1

    def synced(self) -> None:
        """One change came back (each applied message brings one sync; an undo brings one too)."""
        self.in_flight = max(0, self.in_flight - 1)
        if not self.in_flight:
            self.values.clear()


class Echoes:
    """Texts a field sent to the plan that have not come back yet (a fast typist's words).

    Each sync shows the plan's text, which lags behind the field while typing is
    on its way: that text must not replace what was typed since. Only text the
    field never sent (an undo, a redo, a starter) is news to show.
    """

    def __init__(self) -> None:
        self.sent: list[str] = []
        self.seen: str | None = None  # the plan's text at the last sync

    def send(self, value: str) -> None:
        self.sent.append(value)

    def is_news(self, value: str) -> bool:
        """Whether the plan's text is a change from elsewhere that the field must show."""
        if value == self.seen:
            return False  # not changed (another field's change): keys typed meanwhile are on their way
        self.seen = value
        if value in self.sent:
            del self.sent[: self.sent.index(value) + 1]  # it, and what was sent before it, came back
            return False
        self.sent.clear()
        return True
