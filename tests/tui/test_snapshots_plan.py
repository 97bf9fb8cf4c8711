"""How the plan view and the check view look: at 80×24 and 120×40, with a plan half written."""

from __future__ import annotations

import pytest

from essayplan import ops
from essayplan.tui import EssayPlanApp
from essayplan.tui.planview import ParagraphHeading, PartArea, PlanView
from helpers import wait_until

SIZES = [(80, 24), (120, 40)]
QUESTION = "How far was the weakness of the opposition the main reason for Stalin's rise to power?"


def half_written(app):
    """A plan a student is halfway through: the stated factor moved first, one paragraph started."""
    pack = app.pack
    plan = ops.set_question(app.plan, QUESTION)
    plan = ops.move_paragraph(plan, "opposition", 0)
    plan = ops.set_text(plan, "introduction", "The opposition was weak, but Stalin's position mattered more.")
    plan = ops.set_text(plan, "point", "Stalin's rivals made mistakes that let him rise.", "opposition")
    plan = ops.attach(plan, pack, "opposition", "trotsky-testament")
    plan = ops.attach(plan, pack, "opposition", "ban-on-factions")
    plan = ops.set_text(
        plan, "explain", "Trotsky never used the Testament, so Stalin kept his post\nand his allies.", "opposition"
    )
    return plan


async def prepare_plan(pilot, focus: str = "heading") -> None:
    app = pilot.app
    app.apply(half_written(app))
    await pilot.press("f3")
    await pilot.pause()
    for area in app.query(PartArea):
        area.cursor_blink = False  # a steady cursor: the same picture every run
    view = app.query_one(PlanView)
    if focus == "heading":
        app.query(ParagraphHeading).first().focus()
        view.scroll_home(animate=False)
    else:
        view.field(focus, "opposition").focus()
    await wait_until(pilot, lambda: view._advice_timer is None, what="the advice count")  # it waits for a pause in typing
    app.save(quiet=True)
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES)
def test_plan_view(snap_compare, size):
    assert snap_compare(EssayPlanApp(), terminal_size=size, run_before=prepare_plan)


@pytest.mark.parametrize("size", SIZES)
def test_plan_view_writing_a_point(snap_compare, size):
    async def prepare(pilot):
        await prepare_plan(pilot, "point")

    assert snap_compare(EssayPlanApp(), terminal_size=size, run_before=prepare)


@pytest.mark.parametrize("size", SIZES)
def test_plan_view_peal(snap_compare, size):
    async def prepare(pilot):
        await prepare_plan(pilot, "explain")
        await pilot.press("ctrl+l")
        view = pilot.app.query_one(PlanView)
        await wait_until(pilot, lambda: pilot.app.plan.template == "peal" and view._advice_timer is None, what="PEAL")
        pilot.app.clear_notifications()
        pilot.app.save(quiet=True)
        await pilot.pause()

    assert snap_compare(EssayPlanApp(), terminal_size=size, run_before=prepare)


@pytest.mark.parametrize("size", SIZES)
def test_check_view(snap_compare, size):
    async def prepare(pilot):
        await prepare_plan(pilot)
        await pilot.press("f4")
        await pilot.pause()

    assert snap_compare(EssayPlanApp(), terminal_size=size, run_before=prepare)


def test_starter_picker(snap_compare):
    async def prepare(pilot):
        await prepare_plan(pilot, "point")
        await pilot.press("ctrl+t")
        await pilot.pause()

    assert snap_compare(EssayPlanApp(), terminal_size=(80, 24), run_before=prepare)


def test_evidence_picker(snap_compare):
    async def prepare(pilot):
        await prepare_plan(pilot, "point")
        await pilot.press("ctrl+n")
        await pilot.pause()

    assert snap_compare(EssayPlanApp(), terminal_size=(80, 24), run_before=prepare)
