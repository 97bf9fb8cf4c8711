"""What views tell the plan screen the student did: one message per gesture.

Widgets post these and never change the plan themselves; the plan screen
handles each with `@on` by applying one operation (see planscreen.py). A new
gesture (link two factors, weigh a factor) is one more class here and one
handler there.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual.message import Message

from essayplan.drops import Payload, Place
from essayplan.model import Plan


@dataclass(eq=False)
class PlanMessage(Message):
    """A gesture on the plan; its fields say which factor, card or text (Message's
    own `__post_init__` sets it up: Textual messages may be dataclasses)."""


@dataclass(eq=False)
class Attach(PlanMessage):
    """Attach a card to a factor's paragraph: to `factor`, to the factor ranked `rank`,
    or (neither) to the selected factor."""

    evidence: str
    factor: str | None = None
    rank: int | None = None


@dataclass(eq=False)
class CardMessage(PlanMessage):
    """About a card attached to a factor's paragraph."""

    factor: str
    evidence: str


class Detach(CardMessage):
    """Take the card out of the paragraph (back to the bank)."""


@dataclass(eq=False)
class MoveCard(CardMessage):
    """Move the card to another position in its paragraph."""

    position: int


@dataclass(eq=False)
class Shift(PlanMessage):
    """Move a factor's line `delta` places: earlier (< 0) or later."""

    factor: str
    delta: int


class Rank(Shift):
    """Move a factor up or down the ranking."""


class MoveParagraph(Shift):
    """Move a factor's paragraph earlier or later in the essay."""


@dataclass(eq=False)
class Drop(PlanMessage):
    """A drag ended on a place (mouse or keyboard)."""

    payload: Payload
    place: Place


@dataclass(eq=False)
class EditText(PlanMessage):
    """The student typed in a field: a reason, a paragraph part, the introduction or conclusion."""

    name: str
    value: str
    factor: str | None = None


@dataclass(eq=False)
class SelectFactor(PlanMessage):
    """The cursor is on a factor: `a` attaches to it, the key bar names it."""

    factor: str


@dataclass(eq=False)
class Change(PlanMessage):
    """A view's own command on the whole plan (order as ranked, switch template):
    `change(plan)` gives the new plan, `done` is said when it worked."""

    change: Callable[[Plan], Plan]
    done: str = ""


@dataclass(eq=False)
class ShowView(PlanMessage):
    """Switch to a view (a tab clicked, an advice item followed)."""

    view: str


@dataclass(eq=False)
class ChooseQuestion(PlanMessage):
    """Open the question picker."""


@dataclass(eq=False)
class GoTo(PlanMessage):
    """Show the plan view with the cursor in one part (an advice item followed)."""

    part: str
    factor: str | None = None


@dataclass(eq=False)
class Notice(Message):
    """A notification from a worker thread (post_message is thread-safe; notify is not)."""

    text: str
    title: str = ""
    severity: str = "information"
    timeout: float = 3
