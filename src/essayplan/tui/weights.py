"""Weighing a ranked factor: its weight as a bar, the counterfactual and its role.

The panel shows one factor, the one selected in the ranking (`show_factor`), and
the total of all the weights. It is a small form: ↑/↓ choose a line, ←/→ change it
(the weight in steps of 5, the counterfactual and the role to the next choice),
Delete clears it; a click or a drag along the bar sets the weight, a click on the
other lines cycles them. Typing writes the factor's reason in the ranking, as
typing on its line there does: no letter changes the plan (issue 15). Each
gesture posts one message (one operation).
"""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.widget import Widget

from essayplan.model import ROLES, WITHOUT, Pack, Plan
from essayplan.names import factor_title
from essayplan.tui.bardrag import BarDrag
from essayplan.tui.keys import typed
from essayplan.tui.messages import SetRole, SetWeight, SetWithout
from essayplan.tui.pending import Pending
from essayplan.tui.text import clean

STEP = 5  # ←/→ change a weight by this much
LABEL = "Weight "
MARK = 2  # columns before each line: the form's cursor "▸ "
LINES = ("weight", "without", "role")


def bar(weight: int | None, cells: int) -> tuple[str, str]:
    """(filled, empty) parts of a bar `cells` wide: 45% of 14 cells is `██████▌` then the rest."""
    eighths = round((weight or 0) * cells * 2 / 100)  # in half cells
    full, half = divmod(eighths, 2)
    filled = "█" * full + ("▌" if half else "")
    return filled, "·" * (cells - len(filled))


def total_words(plan: Plan) -> str:
    """'= 100%', 'total 85% (15% left)', 'total 120% (20% too many)' or '' when nothing is weighed."""
    weights = [r.weight for r in plan.ranking if r.weight is not None]
    if not weights:
        return ""
    total = sum(weights)
    if total == 100:
        return "= 100%"
    if total < 100:
        return f"total {total}% ({100 - total}% left)"
    return f"total {total}% ({total - 100}% too many)"


def ladder_line(ranked, cells: int = 8) -> Text | None:
    """The ranking's line under a weighed factor: `███▌···· 45% · never without it · trigger`;
    None when nothing is set (a plan that does not weigh looks as before)."""
    if ranked.weight is None and ranked.without is None and ranked.role is None:
        return None
    line = Text()
    if ranked.weight is not None:
        filled, empty = bar(ranked.weight, cells)
        line.append(filled, style="bold")
        line.append(empty, style="dim")
        line.append(f" {ranked.weight:>3}%")
    words = [f"{ranked.without} without it" if ranked.without else "", ranked.role or ""]
    for word in filter(None, words):
        line.append(" · " if line else "")
        line.append(word, style="italic")
    return line


def cycle(choices: tuple[str, ...], current: str | None, step: int = 1) -> str | None:
    """The next choice after `current`; after the last, none (unset)."""
    ring = [*choices, None]
    return ring[(ring.index(current) + step) % len(ring)]


class WeighPanel(BarDrag, Widget, can_focus=True):
    """The selected factor's weight, counterfactual and role, with the total of the weights."""

    DEFAULT_CSS = """
    WeighPanel { height: 5; border: round $primary-darken-1; padding: 0 1; text-wrap: nowrap; text-overflow: ellipsis; }
    WeighPanel:focus { border: round $accent; }
    WeighPanel > .weigh--bar { color: $accent; text-style: bold; }
    WeighPanel > .weigh--empty { color: $text-muted; }
    WeighPanel > .weigh--key { text-style: bold reverse; }
    """
    COMPONENT_CLASSES = {"weigh--bar", "weigh--empty", "weigh--key"}
    ALLOW_SELECT = False
    BINDINGS = [
        Binding("up", "line(-1)", "Up", show=False),
        Binding("down", "line(1)", "Down", show=False),
        Binding("left", "change(-1)", f"−{STEP}%"),
        Binding("right", "change(1)", f"+{STEP}%"),
        Binding("delete", "clear", "Clear", show=False),
    ]

    def __init__(self, pack: Pack, plan: Plan, *, id: str | None = "weigh") -> None:
        super().__init__(id=id)
        self.pack, self.plan = pack, plan
        self.factor: str | None = plan.ranking[0].factor if plan.ranking else None
        self._bar = (MARK + len(LABEL), 10)  # where the bar is drawn: first column, cells
        self.line = 0  # the form's line ←/→ change: an index in LINES
        self.pending = Pending()

    # -- what the parent tells it --------------------------------------------------

    def sync(self, plan: Plan, pack: Pack) -> None:
        self.plan, self.pack = plan, pack
        self.pending.synced()
        if plan.rank_of(self.factor or "") is None:
            self.factor = plan.ranking[0].factor if plan.ranking else None
        self._title()
        self.refresh()

    def show_factor(self, factor: str) -> None:
        """Weigh this factor (the ranking's cursor moved to it)."""
        if self.plan.rank_of(factor) is not None and factor != self.factor:
            self.factor = factor
            self._title()
            self.refresh()

    def _title(self) -> None:
        # The total of all the weights sits in the bottom border: a line saved at 80×24.
        self.border_subtitle = total_words(self.plan) or "not weighed yet: ←/→ or click the bar"
        if self.factor is None:
            self.border_title = "Weigh"
            return
        rank = self.plan.rank_of(self.factor)
        self.border_title = Text(f"Weigh #{rank} {clean(factor_title(self.pack, self.factor, self.plan))}")

    @property
    def ranked(self):
        rank = self.plan.rank_of(self.factor or "")
        return None if rank is None else self.plan.ranking[rank - 1]

    # -- drawing ---------------------------------------------------------------------

    def render(self) -> Text:
        ranked = self.ranked
        if ranked is None:
            return Text("No factor ranked.")
        width = max(20, self.content_region.width or 40)
        figure = self._preview if self._dragging else ranked.weight
        cells = max(8, min(40, width - MARK - len(LABEL) - 6))
        self._bar = (MARK + len(LABEL), cells)
        filled, empty = bar(figure, cells)
        key = self.get_component_rich_style("weigh--key", partial=True)
        text = Text(no_wrap=True, overflow="ellipsis")
        for index, name in enumerate(LINES):
            if index:
                text.append("\n")
            here = index == self.line and self.has_focus
            text.append("▸ " if here else "  ", style=key if here else "")
            if name == "weight":
                text.append(LABEL)
                text.append(filled, style=self.get_component_rich_style("weigh--bar", partial=True))
                text.append(empty, style=self.get_component_rich_style("weigh--empty", partial=True))
                text.append(f" {figure:>3}%" if figure is not None else "   –%")
            elif name == "without":
                text.append(f"without it: {ranked.without or '?'}")
            else:
                text.append(f"role: {ranked.role or '?'}")
        return text

    # -- keys ------------------------------------------------------------------------

    def _value(self, name: str):
        return self.pending.get((self.factor, name), getattr(self.ranked, name))

    def _post(self, name: str, value, message) -> None:
        if value != self._value(name):
            self.pending.posted((self.factor, name), value)
            self.post_message(message)

    def action_step(self, delta: int) -> None:
        if self.ranked is None:
            return
        current = self._value("weight") or 0
        # To the next step of 5 in that direction (a weight of 42 goes to 45 or 40).
        weight = (current + delta) // STEP * STEP if delta > 0 else -(-(current + delta) // STEP) * STEP
        weight = max(0, min(100, weight))
        self._post("weight", weight, SetWeight(self.factor, weight))

    def action_clear(self) -> None:
        if self.ranked is None:
            return
        name = LINES[self.line]
        message = {"weight": SetWeight, "without": SetWithout, "role": SetRole}[name](self.factor, None)
        self._post(name, None, message)

    def action_without(self, step: int = 1) -> None:
        if self.ranked is not None:
            without = cycle(WITHOUT, self._value("without"), step)
            self._post("without", without, SetWithout(self.factor, without))

    def action_role(self, step: int = 1) -> None:
        if self.ranked is not None:
            role = cycle(ROLES, self._value("role"), step)
            self._post("role", role, SetRole(self.factor, role))

    def action_line(self, delta: int) -> None:
        self.line = max(0, min(len(LINES) - 1, self.line + delta))
        self.refresh()
        self.refresh_bindings()  # the key bar says what ←/→ do on this line

    def action_change(self, delta: int) -> None:
        name = LINES[self.line]
        if name == "weight":
            self.action_step(delta * STEP)
        elif name == "without":
            self.action_without(delta)
        else:
            self.action_role(delta)

    def key_label(self, action: str, description: str) -> str:
        if action.startswith("change(") and LINES[self.line] != "weight":
            return "Next" if action == "change(1)" else "Back"
        return description

    async def on_key(self, event) -> None:
        # Typing here writes the reason of the factor weighed, in the ranking: never a change of weight.
        character = typed(event)
        ladders = self.screen.query("#ladder")
        if character is None or not ladders or self.factor is None:
            return
        ladder = ladders.first()
        if ladder.editing != self.factor and character in " ?":  # (a space once the reason is open is typed)
            return
        event.stop()
        event.prevent_default()
        ladder.focus()
        await ladder.edit_reason(self.factor, character)

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    # -- the mouse -------------------------------------------------------------------

    def value_at(self, x: int) -> int:
        """The weight a click at content column x sets: each cell is a share of 100, in steps of 5."""
        start, cells = self._bar
        if x < start:
            return 0
        share = (x - start + 1) * 100 / cells
        return max(0, min(100, round(share / STEP) * STEP))

    def put_value(self, value: int) -> None:
        if self.ranked is not None:
            self._post("weight", value, SetWeight(self.factor, value))

    def on_mouse_down(self, event) -> None:
        self.focus()
        offset = event.get_content_offset(self)
        if offset is None or self.ranked is None:
            return
        if 0 <= offset.y < len(LINES):
            self.line = offset.y
            self.refresh_bindings()
        if offset.y == 0:
            self.start_drag(offset.x)
        elif offset.y == 1:
            self.action_without()
        elif offset.y == 2:
            self.action_role()
