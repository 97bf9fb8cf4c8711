"""The plan view: PEEL paragraphs, introduction and conclusion (placeholder)."""

from __future__ import annotations

from textual.containers import VerticalScroll

from essayplan.model import Pack, Plan


class PlanView(VerticalScroll):
    def __init__(self, pack: Pack, plan: Plan, id: str | None = None) -> None:
        super().__init__(id=id)
        self.pack = pack

    def sync(self, plan: Plan) -> None:
        pass

    def places_for(self, payload) -> list:
        return []
