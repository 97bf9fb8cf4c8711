"""What the student adds that the pack lacks: own factors and own evidence lines.

`ask_own_factor(widget)` asks for a title and posts AddOwnFactor from that widget
(the board's key and the palette both use it). `OwnEvidence` shows one paragraph's
own evidence as one-line fields: a button (or ctrl+n in it) adds a line, typing
sets it (one undo step per run), Enter on a written line starts the next,
Backspace in an empty line removes it.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Input, Static

from essayplan.model import Pack, Plan
from essayplan.tui.labels import ADD_OWN_EVIDENCE
from essayplan.tui.messages import AddOwnEvidence, AddOwnFactor, RemoveOwnEvidence, SetOwnEvidence
from essayplan.tui.text import clean


OWN_FACTOR_PROMPT = ("Add a factor of your own", "its title, e.g. Luck and Lenin's illness", "Add")


def ask_own_factor(widget: Widget) -> None:
    """Ask for an own factor's title; the new factor comes as AddOwnFactor posted from `widget`."""
    from essayplan.tui.screens import PromptScreen

    def done(title: str | None) -> None:
        if title and title.strip():
            widget.post_message(AddOwnFactor(title.strip()))

    widget.app.push_screen(PromptScreen(*OWN_FACTOR_PROMPT), done)


class OwnLine(Input):
    """One own evidence line."""

    is_text_field = True  # leaving it ends a typing run (one undo step)

    def __init__(self, factor: str, position: int, value: str) -> None:
        super().__init__(clean(value), placeholder="A fact of your own (with its date)", compact=True, classes="own-line")
        self.factor, self.position = factor, position

    def on_key(self, event) -> None:
        if event.key == "backspace" and not self.value:
            event.stop()
            event.prevent_default()
            self.post_message(RemoveOwnEvidence(self.factor, self.position))


class AddOwnLine(Static, can_focus=True):
    """'+ Add own evidence': Enter or a click adds a line to the paragraph."""

    ALLOW_SELECT = False
    BINDINGS = [Binding("enter,space", "add", "Own evidence", show=False)]

    def __init__(self) -> None:
        super().__init__(ADD_OWN_EVIDENCE, classes="add-own")

    def on_click(self) -> None:
        self.action_add()

    def action_add(self) -> None:
        self.query_ancestor(OwnEvidence).action_add()


class OwnEvidence(Vertical):
    """A paragraph's own evidence lines and the line that adds one."""

    DEFAULT_CSS = """
    OwnEvidence { height: auto; }
    OwnEvidence > .own-line { margin: 0 0 0 1; }
    OwnEvidence > .add-own { color: $text-muted; }
    OwnEvidence > .add-own:focus { color: $text; background: $boost; }
    """

    def __init__(self, factor: str, plan: Plan | None = None) -> None:
        super().__init__(classes="own-evidence")
        self.factor = factor
        paragraph = plan.paragraph(factor) if plan is not None else None
        self.lines: tuple[str, ...] = paragraph.own_evidence if paragraph else ()
        self._focus_last = False

    def compose(self):
        for position, text in enumerate(self.lines):
            yield OwnLine(self.factor, position, text)
        yield AddOwnLine()

    def sync(self, plan: Plan, pack: Pack | None = None) -> None:
        paragraph = plan.paragraph(self.factor)
        lines = paragraph.own_evidence if paragraph else ()
        fields = list(self.query(OwnLine))
        if len(fields) != len(lines):  # a line added or taken away: the fields again
            self.call_later(self._refit)
        else:
            for field, text in zip(fields, lines):
                if field.value != clean(text):  # an undo: the field shows the plan
                    with field.prevent(Input.Changed):
                        field.value = clean(text)
        self.lines = lines

    async def _refit(self) -> None:
        lines = self.lines  # as the plan is now (several syncs may have come since this was asked for)
        if len(self.query(OwnLine)) == len(lines):
            return
        had_focus = any(field.has_focus for field in self.query(OwnLine))
        await self.query(OwnLine).remove()
        await self.mount_all([OwnLine(self.factor, p, t) for p, t in enumerate(lines)], before=self.query_one(AddOwnLine))
        if (self._focus_last or had_focus) and lines:
            self.query(OwnLine).last().focus()
        elif had_focus:
            self.query_one(AddOwnLine).focus()
        self._focus_last = False

    def action_add(self) -> None:
        self._focus_last = True
        self.post_message(AddOwnEvidence(self.factor))

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        field = event.input
        shown = self.lines[field.position] if isinstance(field, OwnLine) and field.position < len(self.lines) else None
        if isinstance(field, OwnLine) and field.value != (None if shown is None else clean(shown)):
            # (a field mounted or refreshed says "changed" too: only what the student typed counts)
            self.post_message(SetOwnEvidence(field.factor, field.position, field.value))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.value.strip():
            self.action_add()  # Enter on a written line starts the next, as in a list
