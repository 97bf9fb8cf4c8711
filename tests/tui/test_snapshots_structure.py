"""How the plan's structure looks at 80×24 and 120×40: the Links view and the weighed ranking
under a how-far question. States are built with operations, not key presses."""

from __future__ import annotations

import pytest

from essayplan import ops
from essayplan.tui import EssayPlanApp

SIZES = [(80, 24), (120, 40)]
HOW_FAR = "How far was the weakness of the opposition the main reason for Stalin's rise to power?"


async def settle(pilot) -> None:
    """Save now, so the top line says "saved" whatever the timing."""
    await pilot.pause()
    pilot.app.save(quiet=True)
    await pilot.pause()


def structured(plan, pack):
    """Four pack factors and one of the student's own, linked, weighed and placed on the line."""
    plan = ops.add_own_factor(ops.set_question(plan, HOW_FAR), pack, "Luck and Lenin's illness")
    policies, opposition, personality, legacy, luck = (r.factor for r in plan.ranking)
    plan = ops.add_link(plan, personality, opposition, "weakened", "As General Secretary he packed the congresses, so the opposition never won a vote.")
    plan = ops.add_link(plan, policies, opposition, "strengthened", "Socialism in One Country made Trotsky look disloyal.")
    plan = ops.add_link(plan, luck, personality, "enabled")
    for factor, weight, without, role in (
        (policies, 20, "later", "short-term"),
        (opposition, 35, "never", "precondition"),
        (personality, 30, "later", "long-term"),
        (legacy, 10, "anyway", "long-term"),
    ):
        plan = ops.set_role(ops.set_without(ops.set_weight(plan, factor, weight), factor, without), factor, role)
    return ops.set_extent(plan, 70)


@pytest.mark.parametrize("size", SIZES)
def test_links_view(snap_compare, size):
    async def prepare(pilot):
        app = pilot.app
        app.apply(structured(app.plan, app.pack))
        app.plan_screen.action_show_view("links")
        await settle(pilot)

    assert snap_compare(EssayPlanApp(), terminal_size=size, run_before=prepare)


@pytest.mark.parametrize("size", SIZES)
def test_weighed_ranking(snap_compare, size):
    async def prepare(pilot):
        app = pilot.app
        app.apply(structured(app.plan, app.pack))
        app.plan_screen.selected_factor = app.plan.ranking[1].factor
        await settle(pilot)

    assert snap_compare(EssayPlanApp(), terminal_size=size, run_before=prepare)
