"""The board: the evidence bank and the ranking ladder.

Widgets are mounted once per pack and then kept in step with the plan by
`sync`, which reorders and updates them; a drop never rebuilds the board.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.geometry import Offset
from textual.widgets import Input, Static

from essayplan.model import Evidence, Factor, Pack, Plan
from essayplan.tui.drag import Draggable, DropTarget, Payload, Place

# Keys every draggable shares: lift, move, drop, cancel, and arrow navigation.
DRAG_BINDINGS = [
    Binding("space,enter", "lift_or_drop", "Lift/drop", show=True),
    Binding("up", "step(-1)", "Up", show=False),
    Binding("down", "step(1)", "Down", show=False),
    Binding("escape", "cancel_drag", "Cancel", show=False),
]


def short(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


class DraggableStatic(Draggable, Static):
    """A focusable line or block that can be lifted and moved."""

    ALLOW_SELECT = False
    can_focus = True
    BINDINGS = DRAG_BINDINGS

    def action_lift_or_drop(self) -> None:
        drag = self.app.drag
        if drag.lifted:
            drag.drop()
        else:
            drag.lift(self)

    def action_step(self, delta: int) -> None:
        drag = self.app.drag
        if drag.lifted:
            drag.step(delta)
        elif delta < 0:
            self.screen.focus_previous(DraggableStatic)
        else:
            self.screen.focus_next(DraggableStatic)

    def action_cancel_drag(self) -> None:
        self.app.drag.cancel()


class BankCard(DraggableStatic):
    """A card in the evidence bank; marked when a paragraph uses it."""

    BINDINGS = [
        Binding("a", "attach", "Attach to selected factor"),
        *[Binding(str(n), f"attach_to({n})", f"Attach to #{n}", show=False) for n in range(1, 10)],
    ]

    def __init__(self, card: Evidence, used: tuple[str, ...]) -> None:
        # Drawn as it is from the start: classes changed after mounting restyle the board.
        super().__init__(classes="bank-card -used" if used else "bank-card")
        self.card = card
        self.used = used
        self._shown = self._labels(used)
        self.update(self.visual)

    def drag_payload(self) -> Payload:
        return Payload("card", short(self.card.text, 36), evidence=self.card.id)

    def set_used(self, used: tuple[str, ...]) -> None:
        # Compare what is shown ("¶2 …"): re-ranking renumbers paragraphs without changing ids.
        labels = self._labels(used)
        if used != self.used or labels != self._shown:
            self.used, self._shown = used, labels
            self.set_class(bool(used), "-used")
            self.update(self.visual)

    def _labels(self, used: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(self.app.paragraph_label(f) for f in used)

    @property
    def visual(self) -> Text:
        text = Text()
        if self.card.date:
            text.append(f"{self.card.date}  ", style="bold")
        text.append(self.card.text)
        if self.used:
            text.append("\n✓ used in ", style="italic")
            text.append(", ".join(self._shown), style="italic")
        return text

    def action_attach(self) -> None:
        self.app.attach_to_selected(self.card.id)

    def action_attach_to(self, rank: int) -> None:
        self.app.attach_to_rank(self.card.id, rank)


class FactorHeading(Static):
    """A factor's title in the bank; click or Enter folds its cards away or back."""

    ALLOW_SELECT = False
    can_focus = True
    BINDINGS = [
        Binding("enter,space", "toggle", "Show/hide cards"),
        Binding("up", "app.focus_previous", "Up", show=False),
        Binding("down", "app.focus_next", "Down", show=False),
    ]

    def __init__(self, factor: Factor, expanded: bool) -> None:
        super().__init__(classes="bank-factor")
        self.factor = factor
        self.expanded = expanded

    def on_mount(self) -> None:
        self.show()

    def show(self) -> None:
        arrow = "▾" if self.expanded else "▸"
        text = Text.assemble((f"{arrow} {self.factor.title}", "bold"), (f"  {len(self.factor.evidence)} cards", "dim"))
        if self.factor.summary and self.expanded:
            text.append(f"\n{self.factor.summary}", style="italic")
        self.update(text)

    def on_click(self) -> None:
        self.action_toggle()

    def action_toggle(self) -> None:
        self.expanded = not self.expanded
        self.show()
        self.parent.show_cards(self.expanded)


class FactorSection(Vertical):
    """A factor in the bank: its heading, then its cards under their groups.

    Cards are mounted the first time the section opens, so a pack of
    thousands of cards starts as fast as a small one.
    """

    def __init__(self, factor: Factor, expanded: bool) -> None:
        super().__init__(classes="bank-section")
        self.factor = factor
        self.expanded = expanded
        self.box: Vertical | None = None

    def compose(self) -> ComposeResult:
        yield FactorHeading(self.factor, self.expanded)
        if self.expanded:
            self.box = Vertical(*self._cards(), classes="bank-cards")
            yield self.box

    def _cards(self) -> list[Static]:
        widgets: list[Static] = []
        group = None
        for card in self.factor.evidence:
            if card.group and card.group != group:
                group = card.group
                widgets.append(Static(group, classes="bank-group"))
            widgets.append(BankCard(card, self.app.plan.uses(card.id)))
        return widgets

    def show_cards(self, expanded: bool) -> None:
        self.expanded = expanded
        if self.box is None:
            self.box = Vertical(*self._cards(), classes="bank-cards")
            self.mount(self.box)
        self.box.display = expanded


class Bank(DropTarget, VerticalScroll):
    """Every factor with its cards under their group headings."""

    # Above this many cards, factors start folded: a student opens the one they need.
    FOLD_ABOVE = 120

    def __init__(self, pack: Pack) -> None:
        super().__init__(id="bank")
        self.pack = pack
        self.border_title = "Evidence bank"

    def compose(self) -> ComposeResult:
        expanded = self.pack.evidence_count <= self.FOLD_ABOVE
        for index, factor in enumerate(self.pack.factors):
            yield FactorSection(factor, expanded or index == 0)

    def sync(self, plan: Plan) -> None:
        for widget in self.query(BankCard):
            widget.set_used(plan.uses(widget.card.id))

    def drop_place(self, payload: Payload, offset: Offset) -> Place | None:
        if payload.kind == "attached":
            return Place("bank", "back to the bank (take it out of the paragraph)", factor=payload.factor)
        return None


class RankHandle(DraggableStatic):
    """The factor's line in the ladder: drag it, or ctrl+↑/↓, to re-rank."""

    BINDINGS = [
        Binding("ctrl+up,shift+up", "rank(-1)", "Rank up"),
        Binding("ctrl+down,shift+down", "rank(1)", "Rank down"),
    ]

    def __init__(self, factor_id: str) -> None:
        super().__init__(classes="rank-handle")
        self.factor = factor_id

    def drag_payload(self) -> Payload:
        return Payload("factor", self.app.factor_title(self.factor), factor=self.factor)

    def action_rank(self, delta: int) -> None:
        self.app.rank_by(self.factor, delta)

    def on_key(self, event) -> None:
        # Typing on a factor's line writes its reason, where the student meant it to go.
        if event.is_printable and event.character not in (" ", "?") and not self.app.drag.active:
            event.stop()
            event.prevent_default()
            reason = self.parent.query_one(Input)
            reason.focus()
            reason.insert_text_at_cursor(event.character)


class AttachedCard(DropTarget, DraggableStatic):
    """A card attached to a factor's paragraph, in essay order."""

    BINDINGS = [
        Binding("delete,backspace,d", "detach", "Detach"),
        Binding("ctrl+up,shift+up", "reorder(-1)", "Earlier"),
        Binding("ctrl+down,shift+down", "reorder(1)", "Later"),
    ]

    def __init__(self, factor_id: str, evidence_id: str, index: int) -> None:
        super().__init__(classes="attached-card")
        self.factor = factor_id
        self.evidence = evidence_id
        self.index = index

    def on_mount(self) -> None:
        self.update(self.app.card_line(self.evidence))

    def drag_payload(self) -> Payload:
        return Payload("attached", short(self.app.card_text(self.evidence), 36), self.factor, self.evidence)

    def drop_place(self, payload: Payload, offset: Offset) -> Place | None:
        if payload.kind in ("card", "attached"):
            return Place(
                "paragraph",
                f"into {self.app.paragraph_label(self.factor)}, as card {self.index + 1}",
                factor=self.factor,
                position=self.index,
            )
        return None

    def action_detach(self) -> None:
        self.app.detach(self.factor, self.evidence)

    def action_reorder(self, delta: int) -> None:
        self.app.reorder_card(self.factor, self.evidence, self.index + delta)


class RankRow(DropTarget, Vertical):
    """One rung of the ladder: rank, factor, reason and attached cards."""

    def __init__(self, factor_id: str) -> None:
        super().__init__(classes="rank-row")
        self.factor = factor_id
        self.rank = 0
        self.cards: tuple[str, ...] | None = None

    def compose(self) -> ComposeResult:
        yield RankHandle(self.factor)
        yield Input(placeholder="✎ Why this rank? (one line)", classes="reason", compact=True, select_on_focus=False)
        yield Vertical(classes="attached")

    def sync(self, plan: Plan, rank: int) -> None:
        if rank != self.rank:
            self.rank = rank
            handle = self.query_one(RankHandle)
            handle.update(Text.assemble((f"{rank}", "bold reverse"), " ⠿ ", (self.app.factor_title(self.factor), "bold")))
        entry = plan.ranking[rank - 1]
        reason = self.query_one(Input)
        if reason.value != entry.reason:
            reason.value = entry.reason
        paragraph = plan.paragraph(self.factor)
        cards = paragraph.evidence if paragraph else ()
        if cards != self.cards:
            self.cards = cards
            box = self.query_one(".attached", Vertical)
            focused = self.app.focused
            focused_card = getattr(focused, "evidence", None) if getattr(focused, "factor", None) == self.factor else None
            box.remove_children()
            widgets = [AttachedCard(self.factor, card, i) for i, card in enumerate(cards)]
            if not widgets:
                box.mount(Static("Drop evidence cards here.", classes="empty-hint"))
            else:
                box.mount_all(widgets)
                for widget in widgets:
                    if widget.evidence == focused_card:
                        self.call_after_refresh(widget.focus)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        # The field's text now, not the event's: keys typed fast queue up
        # Changed events whose values are already out of date.
        self.app.edit_text("reason", event.input.value, self.factor)

    def on_descendant_blur(self, event) -> None:
        if isinstance(event.widget, Input):
            event.widget.cursor_position = 0  # show a long reason from its start

    def on_descendant_focus(self, event) -> None:
        self.app.select_factor(self.factor)

    def drop_place(self, payload: Payload, offset: Offset) -> Place | None:
        title = self.app.factor_title(self.factor)
        if payload.kind == "factor":
            if payload.factor == self.factor:
                return Place("rank", f"stays at #{self.rank}", position=self.rank - 1)
            return Place("rank", f"rank #{self.rank}", position=self.rank - 1)
        if payload.kind == "attached" and payload.factor == self.factor:
            return Place("paragraph", "move to the end of this paragraph", factor=self.factor)
        if payload.kind in ("card", "attached"):
            return Place("paragraph", f"attach to #{self.rank} {short(title, 30)}", factor=self.factor)
        return None


class Ladder(VerticalScroll):
    """The factors in order of importance, most important first."""

    def __init__(self, plan: Plan) -> None:
        super().__init__(id="ladder")
        self.border_title = "Ranking — most important first"
        self.rows: dict[str, RankRow] = {r.factor: RankRow(r.factor) for r in plan.ranking}

    def compose(self) -> ComposeResult:
        yield from self.rows.values()

    def sync(self, plan: Plan) -> None:
        for index, entry in enumerate(plan.ranking):
            row = self.rows[entry.factor]  # a new pack's factors come with a new ladder
            if self.children.index(row) != index:
                self.move_child(row, before=index)
            row.sync(plan, index + 1)
