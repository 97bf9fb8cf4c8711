"""How the board looks: at 80×24 and 120×40, mid-drag, and the help."""

from __future__ import annotations

import pytest

from essayplan.ops import attach
from essayplan.tui import EssayPlanApp
from essayplan.tui.board import Bank, Ladder

SIZES = [(80, 24), (120, 40)]


async def settle(pilot) -> None:
    """Save now, so the top line says "saved" whatever the timing."""
    await pilot.pause()
    pilot.app.save(quiet=True)
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES)
def test_board(snap_compare, size):
    async def prepare(pilot):
        app = pilot.app
        plan = attach(app.plan, app.pack, "opposition", "trotsky-testament")
        app.apply(attach(plan, app.pack, "opposition", "ban-on-factions"))
        await settle(pilot)

    assert snap_compare(EssayPlanApp(), terminal_size=size, run_before=prepare)


@pytest.mark.parametrize("size", SIZES)
def test_drag_in_progress(snap_compare, size):
    async def prepare(pilot):
        app = pilot.app
        await pilot.pause()
        bank, ladder = app.query_one(Bank), app.query_one(Ladder)
        bank.show_entry(bank.index_of(("card", "true-socialism")))
        await pilot.pause()
        source, target = bank.offset_of(("card", "true-socialism"), 3), ladder.offset_of(("reason", "policies"), 6)
        await pilot.mouse_down(bank, offset=source)
        await pilot.hover(bank, offset=source + (5, 2))
        await pilot.hover(ladder, offset=target)
        await pilot.pause()

    assert snap_compare(EssayPlanApp(), terminal_size=size, run_before=prepare)


@pytest.mark.parametrize("size", SIZES)
def test_keyboard_lift(snap_compare, size):
    async def prepare(pilot):
        app = pilot.app
        await pilot.pause()
        bank = app.query_one(Bank)
        bank.move_cursor(bank.index_of(("card", "mood-against-nep")))
        await pilot.press("space", "down")
        await pilot.pause()

    assert snap_compare(EssayPlanApp(), terminal_size=size, run_before=prepare)


@pytest.mark.parametrize("size", SIZES)
def test_help(snap_compare, size):
    assert snap_compare(EssayPlanApp(), terminal_size=size, press=["f1"])
