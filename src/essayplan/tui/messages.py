"""What views tell the plan screen the student did: one message per gesture.

Widgets post these and never change the plan themselves; the plan screen
handles each with `@on` by applying one operation (see planscreen.py). A new
gesture (link two factors, weigh a factor) is one more class here and one
handler there.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.message import Message

from essayplan import ops
from essayplan.drops import Payload, Place
from essayplan.model import KINDS, Pack, Plan

_REQUIRED = object()


def message(cls: type) -> type:
    """Give a message class its fields, in order (a base class's first), as a dataclass would,
    taken by `Fields.__init__`: a dataclass compiles an `__init__` for every class as the app
    starts (~3 ms for these 27 classes), this one is shared. A field with a value in the class
    body has it as its default."""
    own = cls.__dict__.get("__annotations__", {})
    inherited = getattr(cls, "_fields", {})
    cls._fields = {**inherited, **{name: cls.__dict__.get(name, _REQUIRED) for name in own}}
    return cls


class Fields(Message):
    """A message whose fields are set from its arguments, by position or by name (see `message`);
    like a dataclass with eq=False, messages compare by identity (Message's `__post_init__`
    sets the rest up)."""

    _fields: dict[str, object] = {}

    def __init__(self, *args: object, **kwargs: object) -> None:
        fields = self._fields
        name = type(self).__name__
        if len(args) > len(fields):
            raise TypeError(f"{name}() takes {len(fields)} arguments, {len(args)} given")
        values = dict(zip(fields, args))
        for key, value in kwargs.items():
            if key not in fields or key in values:
                raise TypeError(f"{name}() got an unexpected or repeated argument {key!r}")
            values[key] = value
        for key, default in fields.items():
            value = values.get(key, default)
            if value is _REQUIRED:
                raise TypeError(f"{name}() missing argument {key!r}")
            setattr(self, key, value)
        super().__init__()

    def __rich_repr__(self):
        for key in self._fields:
            yield key, getattr(self, key)


class PlanMessage(Fields):
    """A gesture on the plan; its fields say which factor, card or text."""


@message
class Attach(PlanMessage):
    """Attach a card to a factor's paragraph: to `factor`, to the factor ranked `rank`,
    or (neither) to the selected factor."""

    evidence: str
    factor: str | None = None
    rank: int | None = None


@message
class CardMessage(PlanMessage):
    """About a card attached to a factor's paragraph."""

    factor: str
    evidence: str


class Detach(CardMessage):
    """Take the card out of the paragraph (back to the bank)."""


@message
class MoveCard(CardMessage):
    """Move the card to another position in its paragraph."""

    position: int


@message
class Shift(PlanMessage):
    """Move a factor's line `delta` places: earlier (< 0) or later."""

    factor: str
    delta: int


class Rank(Shift):
    """Move a factor up or down the ranking."""


class MoveParagraph(Shift):
    """Move a factor's paragraph earlier or later in the essay."""


@message
class Drop(PlanMessage):
    """A drag ended on a place (mouse or keyboard)."""

    payload: Payload
    place: Place


@message
class EditText(PlanMessage):
    """The student typed in a field: a reason, a paragraph part, the introduction or conclusion."""

    name: str
    value: str
    factor: str | None = None


@message
class SelectFactor(PlanMessage):
    """The cursor is on a factor: `a` attaches to it, the key bar names it."""

    factor: str


@message
class Change(PlanMessage):
    """A view's own command on the whole plan (order as ranked, switch template):
    `change(plan)` gives the new plan, `done` is said when it worked."""

    change: Callable[[Plan], Plan]
    done: str = ""


@message
class ShowView(PlanMessage):
    """Switch to a view (a tab clicked, an advice item followed)."""

    view: str


@message
class ChooseQuestion(PlanMessage):
    """Open the question picker."""


@message
class GoTo(PlanMessage):
    """Show the plan view with the cursor in one part (an advice item followed)."""

    part: str
    factor: str | None = None


@message
class Notice(Fields):
    """A notification from a worker thread (post_message is thread-safe; notify is not)."""

    text: str
    title: str = ""
    severity: str = "information"
    timeout: float = 3


# -- The plan's structure (issue 12): each gesture is one operation, `apply`. The plan screen
# handles them all in one place; `merge_key` and `typed` join a run of typing into undo steps.


@message
class PlanEdit(PlanMessage):
    """One operation on the plan: `apply` gives the new plan or raises OperationError."""

    def apply(self, plan: Plan, pack: Pack) -> Plan:
        raise NotImplementedError

    @property
    def merge_key(self) -> object:
        return None

    @property
    def typed(self) -> str | None:
        """Typing: the field's text after this edit (the history ends a step at a sentence's end)."""
        return None


@message
class SetWeight(PlanEdit):
    """Set a factor's weight, per cent (None: not weighed)."""

    factor: str
    weight: int | None

    def apply(self, plan: Plan, pack: Pack) -> Plan:
        return ops.set_weight(plan, self.factor, self.weight)


@message
class SetWithout(PlanEdit):
    """Set what would have happened without a factor (None: not said)."""

    factor: str
    without: str | None

    def apply(self, plan: Plan, pack: Pack) -> Plan:
        return ops.set_without(plan, self.factor, self.without)


@message
class SetRole(PlanEdit):
    """Set a factor's role: long-term, short-term, precondition or trigger (None: not said)."""

    factor: str
    role: str | None

    def apply(self, plan: Plan, pack: Pack) -> Plan:
        return ops.set_role(plan, self.factor, self.role)


@message
class SetExtent(PlanEdit):
    """Put the mark on the judgement line (None: take it off)."""

    extent: int | None

    def apply(self, plan: Plan, pack: Pack) -> Plan:
        return ops.set_extent(plan, self.extent)


@message
class AddLink(PlanEdit):
    """Link two factors: an arrow of a kind, with the sentence across it."""

    source: str
    target: str
    kind: str = KINDS[0]
    how: str = ""

    def apply(self, plan: Plan, pack: Pack) -> Plan:
        return ops.add_link(plan, self.source, self.target, self.kind, self.how)


@message
class SetLinkKind(PlanEdit):
    """Change the kind of a link's arrow."""

    source: str
    target: str
    kind: str

    def apply(self, plan: Plan, pack: Pack) -> Plan:
        return ops.set_link_kind(plan, self.source, self.target, self.kind)


@message
class SetLinkHow(PlanEdit):
    """Typing the sentence across an arrow: one undo step per run of typing."""

    source: str
    target: str
    how: str

    def apply(self, plan: Plan, pack: Pack) -> Plan:
        return ops.set_link_how(plan, self.source, self.target, self.how)

    @property
    def merge_key(self) -> object:
        return ("link-how", self.source, self.target)

    @property
    def typed(self) -> str | None:
        return self.how


@message
class ReverseLink(PlanEdit):
    """Turn a link's arrow round."""

    source: str
    target: str

    def apply(self, plan: Plan, pack: Pack) -> Plan:
        return ops.reverse_link(plan, self.source, self.target)


@message
class DeleteLink(PlanEdit):
    """Take a link away."""

    source: str
    target: str

    def apply(self, plan: Plan, pack: Pack) -> Plan:
        return ops.delete_link(plan, self.source, self.target)


@message
class AddOwnFactor(PlanEdit):
    """A factor of the student's own, ranked last (its id: the new plan's own_factors[-1])."""

    title: str

    def apply(self, plan: Plan, pack: Pack) -> Plan:
        return ops.add_own_factor(plan, pack, self.title)


@message
class AddOwnEvidence(PlanEdit):
    """Add a card of the student's own to a factor's paragraph."""

    factor: str
    text: str = ""

    def apply(self, plan: Plan, pack: Pack) -> Plan:
        return ops.add_own_evidence(plan, self.factor, self.text)


@message
class SetOwnEvidence(PlanEdit):
    """Typing in a card of the student's own: one undo step per run of typing."""

    factor: str
    position: int
    text: str

    def apply(self, plan: Plan, pack: Pack) -> Plan:
        return ops.set_own_evidence(plan, self.factor, self.position, self.text)

    @property
    def merge_key(self) -> object:
        return ("own_evidence", self.factor, self.position)

    @property
    def typed(self) -> str | None:
        return self.text


@message
class RemoveOwnEvidence(PlanEdit):
    """Take a card of the student's own away."""

    factor: str
    position: int

    def apply(self, plan: Plan, pack: Pack) -> Plan:
        return ops.remove_own_evidence(plan, self.factor, self.position)
