"""How the board looks: at 80×24 and 120×40, mid-drag, and the help."""

from __future__ import annotations

import pytest

from essayplan.ops import attach
from essayplan.tui import EssayPlanApp
from essayplan.tui.board import BankCard, RankRow

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
        source = next(c for c in app.query(BankCard) if c.card.id == "true-socialism")
        target = next(r for r in app.query(RankRow) if r.factor == "policies")
        await pilot.mouse_down(source, offset=(3, 0))
        await pilot.hover(source, offset=(8, 2))
        await pilot.hover(target, offset=(6, 1))
        await pilot.pause()

    assert snap_compare(EssayPlanApp(), terminal_size=size, run_before=prepare)


@pytest.mark.parametrize("size", SIZES)
def test_keyboard_lift(snap_compare, size):
    async def prepare(pilot):
        app = pilot.app
        await pilot.pause()
        next(c for c in app.query(BankCard) if c.card.id == "mood-against-nep").focus()
        await pilot.press("space", "down")
        await pilot.pause()

    assert snap_compare(EssayPlanApp(), terminal_size=size, run_before=prepare)


@pytest.mark.parametrize("size", SIZES)
def test_help(snap_compare, size):
    assert snap_compare(EssayPlanApp(), terminal_size=size, press=["f1"])
