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
