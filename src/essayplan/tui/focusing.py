"""Keys typed during a focus change go to the widget that gets the focus, in order.

Textual hands each key to the focused widget's own queue, and Tab is only
acted on once that key has come back up to the app: keys sent in one burst
after it (a paste, a fast typist) were already handed to the field being
left. Moving the focus as the app receives Tab (a priority binding) means the
next key goes where the student is now. The ladder does the same for the
reason field it opens (board.py: keys that reach it first are put in the field),
and the field, closed by Enter or Esc, passes on the keys that still reach it
(`PassesKeysOn`).
"""

from __future__ import annotations

from textual import events
from textual.actions import SkipAction
from textual.binding import Binding
from textual.command import CommandPalette

BINDINGS = [
    Binding("tab", "move_focus(1)", "Next", show=False, priority=True),
    Binding("shift+tab", "move_focus(-1)", "Previous", show=False, priority=True),
]


def move_focus(app, step: int) -> None:
    """Tab / shift+Tab, now; a widget that takes Tab itself (an indenting text area, the palette) keeps it."""
    screen = app.screen
    focused = screen.focused
    # (TextArea by its attribute, not its class: importing it costs start-up ~7 ms for a board that has none)
    if isinstance(screen, CommandPalette) or getattr(focused, "tab_behavior", None) == "indent":
        raise SkipAction()
    if step > 0:
        screen.focus_next()
    else:
        screen.focus_previous()


class PassesKeysOn:
    """Mixin for a field that gives the focus away by itself (Enter or Esc in the reason field):
    keys already on their way to it (the rest of a burst) go on, in order, to the widget that
    has the focus now, instead of being typed into a field the student has left."""

    def on_key(self, event: events.Key) -> None:
        focused = self.screen.focused
        if focused is not None and focused is not self:
            event.stop()
            event.prevent_default()
            focused.post_message(events.Key(event.key, event.character))
