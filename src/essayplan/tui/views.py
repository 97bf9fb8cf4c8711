"""The plan screen's views, declared once: their keys, tabs, palette entries and mounts.

A new view (the links view, next) is one entry here: a widget with
`sync(plan, pack)`, if it lets things be dragged `places_for(payload)`, and
its palette commands (commands.py shows them).
"""

from __future__ import annotations

from collections.abc import Callable

from textual.widget import Widget

from essayplan.model import Pack, Plan
from essayplan.records import record


def _rank(pack: Pack, plan: Plan) -> Widget:
    from essayplan.tui.board import RankView

    return RankView(pack, plan)


def _plan(pack: Pack, plan: Plan) -> Widget:
    from essayplan.tui.planview import PlanView  # imported on first use: start-up pays nothing

    return PlanView(pack, plan, id="plan")


def _links(pack: Pack, plan: Plan) -> Widget:
    from essayplan.tui.linksview import LinksView

    return LinksView(pack, plan, id="links")


def _check(pack: Pack, plan: Plan) -> Widget:
    from essayplan.tui.adviceview import AdviceView

    return AdviceView(pack, plan, id="check")


@record
class View:
    """One view of the plan: its tab, key, palette entries and how it is built."""

    id: str  # the widget's id, the tab's value, the name in `describe_change`
    name: str  # on the tab and in the palette
    key: str  # the function key that shows it
    help: str  # the palette's line under the name
    factory: Callable[[Pack, Plan], Widget]
    at_start: bool = False  # mounted when the app starts; the others on first use
    # Its palette entries: (title, help, what it does to the view's widget).
    commands: tuple[tuple[str, str, Callable[[Widget], object]], ...] = ()


VIEWS: tuple[View, ...] = (
    View("rank", "Rank", "f2", "The evidence bank and the ranking", _rank, at_start=True),
    View(
        "plan", "Plan", "f3", "The PEEL paragraphs, introduction and conclusion", _plan,
        commands=(
            ("Switch paragraph template (PEEL ↔ PEAL)", "Change the paragraph labels (ctrl+l)", lambda view: view.action_switch_template()),
            ("Order paragraphs as ranked", "Put the essay's paragraphs in ranking order (ctrl+o)", lambda view: view.action_order_as_ranked()),
        ),
    ),
    View("check", "Check", "f4", "Advice on what to do next", _check),
    View("links", "Links", "f5", "The factors as boxes, with arrows and a sentence saying how one led to another", _links),
)

BY_ID = {view.id: view for view in VIEWS}
