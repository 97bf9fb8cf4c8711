"""The check view: the plan's advice (placeholder)."""

from __future__ import annotations

from textual.containers import VerticalScroll

from essayplan.model import Pack, Plan


class AdviceView(VerticalScroll):
    def sync(self, plan: Plan, pack: Pack) -> None:
        pass
