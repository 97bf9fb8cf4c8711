"""Gestures on the plan's structure (issue 12) as typed messages, each one operation.

A widget posts one of these; whoever owns the session handles them all in one place
by running `message.apply(plan, pack)` as an operation (undo, redo and autosave see
it). `merge_key` joins a run of typing in one field into one undo step. (They join
tui/messages.py when the plan screen of issue 19 lands.)
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from essayplan import ops
from essayplan.model import KINDS, Pack, Plan


@dataclass(eq=False)
class PlanEdit(Message):
    """One operation on the plan: `apply` gives the new plan or raises OperationError."""

    def apply(self, plan: Plan, pack: Pack) -> Plan:
        raise NotImplementedError

    @property
    def merge_key(self) -> object:
        return None


@dataclass(eq=False)
class SetWeight(PlanEdit):
    factor: str
    weight: int | None

    def apply(self, plan: Plan, pack: Pack) -> Plan:
        return ops.set_weight(plan, self.factor, self.weight)


@dataclass(eq=False)
class SetWithout(PlanEdit):
    factor: str
    without: str | None

    def apply(self, plan: Plan, pack: Pack) -> Plan:
        return ops.set_without(plan, self.factor, self.without)


@dataclass(eq=False)
class SetRole(PlanEdit):
    factor: str
    role: str | None

    def apply(self, plan: Plan, pack: Pack) -> Plan:
        return ops.set_role(plan, self.factor, self.role)


@dataclass(eq=False)
class SetExtent(PlanEdit):
    extent: int | None

    def apply(self, plan: Plan, pack: Pack) -> Plan:
        return ops.set_extent(plan, self.extent)


@dataclass(eq=False)
class AddLink(PlanEdit):
    source: str
    target: str
    kind: str = KINDS[0]
    how: str = ""

    def apply(self, plan: Plan, pack: Pack) -> Plan:
        return ops.add_link(plan, self.source, self.target, self.kind, self.how)


@dataclass(eq=False)
class SetLinkKind(PlanEdit):
    source: str
    target: str
    kind: str

    def apply(self, plan: Plan, pack: Pack) -> Plan:
        return ops.set_link_kind(plan, self.source, self.target, self.kind)


@dataclass(eq=False)
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


@dataclass(eq=False)
class ReverseLink(PlanEdit):
    source: str
    target: str

    def apply(self, plan: Plan, pack: Pack) -> Plan:
        return ops.reverse_link(plan, self.source, self.target)


@dataclass(eq=False)
class DeleteLink(PlanEdit):
    source: str
    target: str

    def apply(self, plan: Plan, pack: Pack) -> Plan:
        return ops.delete_link(plan, self.source, self.target)


@dataclass(eq=False)
class AddOwnFactor(PlanEdit):
    """A factor of the student's own, ranked last (its id: the new plan's own_factors[-1])."""

    title: str

    def apply(self, plan: Plan, pack: Pack) -> Plan:
        return ops.add_own_factor(plan, pack, self.title)


@dataclass(eq=False)
class AddOwnEvidence(PlanEdit):
    factor: str
    text: str = ""

    def apply(self, plan: Plan, pack: Pack) -> Plan:
        return ops.add_own_evidence(plan, self.factor, self.text)


@dataclass(eq=False)
class SetOwnEvidence(PlanEdit):
    factor: str
    position: int
    text: str

    def apply(self, plan: Plan, pack: Pack) -> Plan:
        return ops.set_own_evidence(plan, self.factor, self.position, self.text)

    @property
    def merge_key(self) -> object:
        return ("own_evidence", self.factor, self.position)


@dataclass(eq=False)
class RemoveOwnEvidence(PlanEdit):
    factor: str
    position: int

    def apply(self, plan: Plan, pack: Pack) -> Plan:
        return ops.remove_own_evidence(plan, self.factor, self.position)
