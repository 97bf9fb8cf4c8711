"""Gestures on the plan's structure (issue 12) as typed messages, each one operation.

A widget posts one of these; whoever owns the session handles them all in one place
by running `message.apply(plan, pack)` as an operation (undo, redo and autosave see
it). `merge_key` joins a run of typing in one field into one undo step.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from essayplan.model import Pack, Plan


@dataclass(eq=False)
class PlanEdit(Message):
    """One operation on the plan: `apply` gives the new plan or raises OperationError."""

    def apply(self, plan: Plan, pack: Pack) -> Plan:
        raise NotImplementedError

    @property
    def merge_key(self) -> object:
        return None
