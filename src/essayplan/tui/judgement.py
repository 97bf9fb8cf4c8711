"""The judgement line for how-far questions: not at all … entirely, with the student's mark.

Shown under the question only when it asks how far (question.asks_how_far).
←/→ move the mark in steps of 10, Home/End go to the ends, Delete takes it off;
a click or a drag along the line puts it there. Each gesture posts one SetExtent.
"""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.widget import Widget

from essayplan.model import EXTENT_STEP, Pack, Plan
from essayplan.tui.bardrag import BarDrag
from essayplan.tui.messages import SetExtent
from essayplan.tui.pending import Pending

# The line's words and where each sits (0–100); alternate ones go above the line so they never collide.
WORDS = ((0, "not at all"), (20, "to a limited extent"), (50, "partly"), (80, "largely"), (100, "entirely"))
LEFT = 13  # the column where the line starts; the mark is written before it
STOPS = 100 // EXTENT_STEP


def _how_far(question: str) -> bool:
    """question.asks_how_far; that module (its many regular expressions) loads once there is a question."""
    if not question.strip():
        return False
    from essayplan.question import asks_how_far

    return asks_how_far(question)


class JudgementLine(BarDrag, Widget, can_focus=True):
    """Where the student's judgement sits between "not at all" and "entirely"."""

    DEFAULT_CSS = """
    JudgementLine { height: 3; padding: 0 1; text-wrap: nowrap; }
    JudgementLine:focus { background: $boost; }
    JudgementLine > .judgement--mark { color: $accent; text-style: bold reverse; }
    JudgementLine > .judgement--line { color: $text-muted; }
    """
    COMPONENT_CLASSES = {"judgement--mark", "judgement--line"}
    ALLOW_SELECT = False
    BINDINGS = [
        Binding("left", f"step(-{EXTENT_STEP})", "Less"),
        Binding("right", f"step({EXTENT_STEP})", "More"),
        Binding("home", "put(0)", "Not at all", show=False),
        Binding("end", "put(100)", "Entirely", show=False),
        Binding("delete,backspace", "put(None)", "Take off"),
    ]

    def __init__(self, pack: Pack, plan: Plan, *, id: str | None = "judgement") -> None:
        super().__init__(id=id)
        self.pack, self.plan = pack, plan
        self.pending = Pending()
        self.display = _how_far(plan.question)

    def sync(self, plan: Plan, pack: Pack) -> None:
        self.plan, self.pack = plan, pack
        self.pending.synced()
        self.display = _how_far(plan.question)
        self.refresh()

    # -- geometry ------------------------------------------------------------------

    @property
    def length(self) -> int:
        """How many columns the line takes (from LEFT)."""
        return max(STOPS + 1, (self.content_region.width or 80) - LEFT - 1)

    def x_of(self, extent: int) -> int:
        return LEFT + round(extent * (self.length - 1) / 100)

    def extent_at(self, x: int) -> int:
        share = (x - LEFT) * 100 / max(1, self.length - 1)
        return max(0, min(100, round(share / EXTENT_STEP) * EXTENT_STEP))

    # -- drawing ---------------------------------------------------------------------

    def render(self) -> Text:
        mark = self._preview if self._dragging else self.plan.extent
        width = LEFT + self.length
        line = ["─"] * self.length
        for stop in range(STOPS + 1):
            line[self.x_of(stop * EXTENT_STEP) - LEFT] = "┼"
        line[0], line[-1] = "├", "┤"
        above, below = [" "] * width, [" "] * width
        for index, (at, word) in enumerate(WORDS):
            row = above if index % 2 else below
            # The ends' words start or end at the line's ends; the others are centred on their place.
            start = {0: self.x_of(0), 100: self.x_of(100) + 1 - len(word)}.get(at, self.x_of(at) - len(word) // 2)
            start = max(0, min(width - len(word), start))
            row[start : start + len(word)] = word
        if mark is None:
            head = "How far?"
        else:
            from essayplan.advice_structure import band  # (with the advice's rules: loaded once a mark is set)

            head = f"{mark:>3} {band(mark)}"
        text = Text(no_wrap=True, overflow="crop")
        text.append("".join(above).rstrip() + "\n")
        text.append(f"{head[:LEFT - 1]:<{LEFT}}", style="bold")
        look = self.get_component_rich_style("judgement--line", partial=True)
        if mark is None:
            text.append("".join(line), style=look)
        else:
            at = self.x_of(mark) - LEFT
            text.append("".join(line[:at]), style=look)
            text.append("●", style=self.get_component_rich_style("judgement--mark", partial=True))
            text.append("".join(line[at + 1 :]), style=look)
        text.append("\n" + "".join(below).rstrip())
        return text

    # -- keys and the mouse -------------------------------------------------------------

    def action_step(self, delta: int) -> None:
        current = self.pending.get("extent", self.plan.extent)
        start = 50 - delta if current is None else current  # the first press starts in the middle
        self.action_put(max(0, min(100, start + delta)))

    def action_put(self, extent: int | None) -> None:
        if extent != self.pending.get("extent", self.plan.extent):
            self.pending.posted("extent", extent)
            self.post_message(SetExtent(extent))

    def on_mouse_down(self, event) -> None:
        self.focus()
        offset = event.get_content_offset(self)
        if offset is not None:
            self.start_drag(offset.x)

    # BarDrag's two hooks.
    value_at = extent_at

    def put_value(self, value: int) -> None:
        self.action_put(value)
