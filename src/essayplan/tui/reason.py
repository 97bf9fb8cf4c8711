"""The field laid over a factor's reason in the ladder while the student types it."""

from __future__ import annotations

from textual.widgets import Input

from essayplan.tui.focusing import PassesKeysOn
from essayplan.tui.messages import EditText
from essayplan.tui.pending import Echoes
from essayplan.tui.text import clean


class ReasonEditor(PassesKeysOn, Input):
    """The field laid over a factor's reason while the student types it."""

    is_text_field = True  # leaving it ends a typing run: the app seals the undo step

    def __init__(self, placeholder: str) -> None:
        super().__init__(placeholder=placeholder, compact=True, select_on_focus=False, id="reason-editor")
        self.factor: str | None = None
        self.echoes = Echoes()  # what was typed and has not come back from the plan yet

    def open(self, factor: str, reason: str) -> None:
        self.factor = factor
        reason = clean(reason)  # a plan from elsewhere: no escapes to the terminal
        self.echoes = Echoes()
        self.echoes.seen = reason
        with self.prevent(Input.Changed):
            self.value = reason
        self.cursor_position = len(reason)
        self.display = True

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        # The field's text now, not the event's: keys typed fast queue up
        # Changed events whose values are already out of date.
        if self.factor is not None:
            self.echoes.send(self.value)
            self.post_message(EditText("reason", self.value, self.factor))

    def on_key(self, event) -> None:
        # Enter or Esc: back to the ladder at once, so that the keys typed next go there.
        if event.key in ("enter", "escape") and self.screen.focused is self:
            event.stop()
            event.prevent_default()
            for ladder in self.screen.query("#ladder"):
                self.screen.set_focus(ladder)

    def on_blur(self) -> None:
        if not self.app.app_focus:
            # The window (a browser tab) lost focus: the field stays open, and Textual gives it
            # the focus back with the window's, so the next keys still land in it.
            return
        self.factor = None
        self.display = False
        for ladder in self.screen.query("#ladder"):  # none while a new pack's board is mounted
            ladder.close_editor()
