"""A tiny app that shows one structure widget and applies its messages with the ops,
as the plan screen does: tests see the posted messages, the plan and its undo."""

from __future__ import annotations

from textual import on
from textual.app import App, ComposeResult

from essayplan import ops
from essayplan.model import Plan
from essayplan.tui.messages import PlanEdit


class Harness(App):
    def __init__(self, pack, plan: Plan, make) -> None:
        super().__init__()
        self.pack = pack
        self.history = ops.History(plan)
        self.make = make  # (pack, plan) -> the widget under test
        self.posted: list[PlanEdit] = []
        self.refused: list[str] = []

    @property
    def plan(self) -> Plan:
        return self.history.plan

    def compose(self) -> ComposeResult:
        yield self.make(self.pack, self.plan)

    @property
    def widget(self):
        return self.screen.children[0]

    @on(PlanEdit)
    def when_edit(self, message: PlanEdit) -> None:
        self.posted.append(message)
        try:
            plan = message.apply(self.plan, self.pack)
        except ops.OperationError as error:
            self.refused.append(str(error))
            return
        self.history.push(plan, message.merge_key, message.typed)
        self.widget.sync(self.plan, self.pack)

    def undo(self) -> None:
        self.history.undo()
        self.widget.sync(self.plan, self.pack)
