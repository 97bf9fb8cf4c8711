"""Draggable lines for the plan view: paragraph headings and attached cards."""

from __future__ import annotations

from textual.binding import Binding
from textual.geometry import Offset
from textual.widgets import Static

from essayplan.model import Pack
from essayplan.tui import messages
from essayplan.tui.drag import Draggable, DropTarget, Payload, Place, drag_of
from essayplan.tui.labels import card_line, card_text, short

# Keys every draggable shares: lift, move, drop, cancel, and arrow navigation.
DRAG_BINDINGS = [
    Binding("space,enter", "lift_or_drop", "Lift/drop", show=True),
    Binding("up", "step(-1)", "Up", show=False),
    Binding("down", "step(1)", "Down", show=False),
    Binding("escape", "cancel_drag", "Cancel", show=False),
]


class DraggableStatic(Draggable, Static):
    """A focusable line or block that can be lifted and moved."""

    ALLOW_SELECT = False
    can_focus = True
    BINDINGS = DRAG_BINDINGS

    def action_lift_or_drop(self) -> None:
        drag = drag_of(self)
        if drag.lifted:
            drag.drop()
        else:
            drag.lift(self)

    def action_step(self, delta: int) -> None:
        drag = drag_of(self)
        if drag.lifted:
            drag.step(delta)
        elif delta < 0:
            self.screen.focus_previous(DraggableStatic)
        else:
            self.screen.focus_next(DraggableStatic)

    def action_cancel_drag(self) -> None:
        drag_of(self).cancel()


class AttachedCard(DropTarget, DraggableStatic):
    """A card attached to a factor's paragraph, in essay order."""

    BINDINGS = [
        Binding("delete,d", "detach", "Detach"),
        Binding("ctrl+up,shift+up", "reorder(-1)", "Earlier"),
        Binding("ctrl+down,shift+down", "reorder(1)", "Later"),
    ]

    def __init__(self, pack: Pack, factor_id: str, evidence_id: str, index: int, label: str) -> None:
        super().__init__(card_line(pack, evidence_id), classes="attached-card")
        self.factor = factor_id
        self.evidence = evidence_id
        self.index = index
        self.text = card_text(pack, evidence_id)
        self.label = label  # its paragraph's label: kept up to date by the paragraph's sync

    def drag_payload(self) -> Payload:
        return Payload("attached", short(self.text, 36), self.factor, self.evidence)

    def drop_place(self, payload: Payload, offset: Offset) -> Place | None:
        if payload.kind in ("card", "attached"):
            return Place(
                "paragraph",
                f"into {self.label}, as card {self.index + 1}",
                factor=self.factor,
                position=self.index,
            )
        return None

    def action_detach(self) -> None:
        self.post_message(messages.Detach(self.factor, self.evidence))

    def action_reorder(self, delta: int) -> None:
        self.post_message(messages.MoveCard(self.factor, self.evidence, self.index + delta))
