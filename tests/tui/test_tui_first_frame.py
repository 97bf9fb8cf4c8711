"""Start-up lays out and draws the board once (#18): what each shortcut must keep."""

from __future__ import annotations

import gc

from essayplan import startup
from essayplan.tui import EssayPlanApp
from essayplan.tui.board import Bank, Ladder
from essayplan.tui.planscreen import PlanScreen


async def test_the_collector_waits_for_the_first_screen_and_runs_again_once_it_is_drawn(bundled, monkeypatch):
    monkeypatch.setattr(startup, "_held", None)  # as in a fresh process
    monkeypatch.setattr(gc, "freeze", lambda: None)  # (not this test process's garbage)
    collecting = []
    original = PlanScreen._compositor_refresh

    def refresh(screen):
        collecting.append(gc.isenabled())
        original(screen)

    monkeypatch.setattr(PlanScreen, "_compositor_refresh", refresh)
    app = EssayPlanApp(pack="stalin-rise")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert collecting[0] is False  # building the first frame
        assert gc.isenabled()
    assert gc.isenabled()


async def test_a_long_list_has_its_scrollbar_in_the_first_frame(bundled, monkeypatch):
    drawn = []
    original = PlanScreen._compositor_refresh

    def refresh(screen):
        original(screen)
        if not drawn:  # the first frame: which lists had their scrollbar drawn in it
            bars = {type(w).__name__: w._vertical_scrollbar for w in screen.query("Bank, Ladder")}
            drawn.append({name: bar is not None and bar.region.height > 0 for name, bar in bars.items()})

    monkeypatch.setattr(PlanScreen, "_compositor_refresh", refresh)
    app = EssayPlanApp(pack="stalin-rise")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        bank, ladder = app.query_one(Bank), app.query_one(Ladder)
        # The bank is longer than the screen: its scrollbar was there from the first frame on.
        assert drawn[0]["Bank"] and bank.show_vertical_scrollbar
        assert bank.virtual_size.height > bank.size.height
        # The ladder fits: no scrollbar, before or after.
        assert not drawn[0]["Ladder"] and not ladder.show_vertical_scrollbar


async def test_the_lines_are_wrapped_for_the_width_the_layout_gives(bundled):
    app = EssayPlanApp(pack="stalin-rise")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        bank = app.query_one(Bank)
        assert bank._width == bank.scrollable_content_region.width
        assert bank.virtual_size.height == len(bank._lines)
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert bank._width == bank.scrollable_content_region.width
        assert bank.virtual_size.height == len(bank._lines)


async def test_the_width_class_is_there_in_the_first_frame(bundled, monkeypatch):
    # Set on the first resize instead, it styled and laid out the whole screen a second time.
    classes = []
    original = PlanScreen._compositor_refresh

    def refresh(screen):
        original(screen)
        classes.append(set(screen.classes))

    monkeypatch.setattr(PlanScreen, "_compositor_refresh", refresh)
    app = EssayPlanApp(pack="stalin-rise")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert "-wide" in classes[0] and "-narrow" not in classes[0]
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert app.screen.has_class("-narrow") and not app.screen.has_class("-wide")
