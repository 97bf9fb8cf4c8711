"""Start-up lays out and draws the board once (#18): what each shortcut must keep."""

from __future__ import annotations

import gc

from textual.geometry import Region, Spacing

from essayplan import startup
from essayplan.tui import EssayPlanApp
from essayplan.tui import listbar
from essayplan.tui.board import Bank, Ladder, RankView
from essayplan.tui.planscreen import PlanScreen, Views


def has_thumb(widget) -> bool:
    """Does the list draw a scrollbar's thumb in its last column (listbar.py)? Where every line
    fits, that column is drawn in the list's own look."""
    return any(list(widget.render_line(y))[-1].style != widget.look("") for y in range(widget.size.height))


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
            drawn.append({type(w).__name__: has_thumb(w) for w in screen.query("Bank, Ladder")})

    monkeypatch.setattr(PlanScreen, "_compositor_refresh", refresh)
    app = EssayPlanApp(pack="stalin-rise")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        bank, ladder = app.query_one(Bank), app.query_one(Ladder)
        # The bank is longer than the screen: its scrollbar was there from the first frame on,
        # and the wheel scrolls it.
        assert drawn[0]["Bank"] and has_thumb(bank) and bank.allow_vertical_scroll
        assert bank.virtual_size.height > bank.size.height
        # The ladder fits: no scrollbar, before or after.
        assert not drawn[0]["Ladder"] and not has_thumb(ladder) and not ladder.allow_vertical_scroll


async def test_the_lines_are_wrapped_for_the_width_the_layout_gives(bundled):
    app = EssayPlanApp(pack="stalin-rise")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        bank = app.query_one(Bank)
        assert bank._width == bank.scrollable_content_region.width - listbar.WIDTH  # (then its bar)
        assert bank.virtual_size.height == len(bank._lines)
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert bank._width == bank.scrollable_content_region.width - listbar.WIDTH
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


async def test_after_the_first_frame_start_up_draws_again_only_what_changed(bundled, monkeypatch):
    # The screen's Resize events and Textual's second layout come after the first frame, and the
    # bindings are updated three times: none of them changes the lists, their scrollbar or the keys.
    from essayplan.tui.bars import KeyBar

    frames, drawn = [], []
    original_refresh = PlanScreen._compositor_refresh

    def refresh(screen):
        original_refresh(screen)
        frames.append(1)

    def counting(cls, name):
        original = getattr(cls, name)

        def draw(widget, *args):
            if frames:
                drawn.append(type(widget).__name__)
            return original(widget, *args)

        monkeypatch.setattr(cls, name, draw)

    monkeypatch.setattr(PlanScreen, "_compositor_refresh", refresh)
    for cls, name in ((Bank, "render_line"), (Ladder, "render_line"), (KeyBar, "render")):
        counting(cls, name)  # (each called only to draw anew: Textual keeps the lines drawn)
    app = EssayPlanApp(pack="stalin-rise")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert drawn == []
        assert has_thumb(app.query_one(Bank))  # (so its scrollbar was drawn in the first frame)
        # Then what changes is drawn: the keys of another widget, the lists at another width.
        app.query_one(Ladder).focus()
        await pilot.pause()
        assert "Up a rank" in [description for _key, _shown, description, _on in app.query_one(KeyBar).drawn]
        drawn.clear()
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert {"Bank", "Ladder"} <= set(drawn)
        bank = app.query_one(Bank)
        assert has_thumb(bank) and bank.virtual_size.height == len(bank._lines)


async def test_a_list_scrolled_down_whose_lines_shrink_scrolls_back_and_loses_its_scrollbar(bundled):
    # (The list's own lines changed since the last layout: Textual's scroll update must still run.)
    app = EssayPlanApp(pack="stalin-rise")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        bank = app.query_one(Bank)
        bank.focus()
        bank.scroll_to(y=50, animate=False)
        await pilot.pause()
        assert bank.scroll_y == 50 and has_thumb(bank)
        bank.set_search("zzzz")  # as typed: no card matches
        await pilot.pause()
        assert bank.virtual_size.height < bank.size.height
        assert bank.scroll_y == 0 and not has_thumb(bank) and not bank.allow_vertical_scroll
        bank.set_search(None)  # Esc: every card again
        await pilot.pause()
        assert has_thumb(bank) and bank.allow_vertical_scroll and bank.virtual_size.height == len(bank._lines)


async def test_the_containers_that_only_lay_out_draw_one_blank_line_repeated(bundled):
    """The screen, the view switcher and the Rank view draw no line of their own (each would be
    kept, and cut at every child's edge, for as long as the frame): one blank strip, repeated.
    That holds only while they have no border, padding or text of their own."""
    app = EssayPlanApp(pack="stalin-rise")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        for widget in (app.screen, app.screen.query_one(Views), app.screen.query_one(RankView)):
            width, height = widget.size
            lines = widget.render_lines(Region(0, 0, width, height))
            assert len(lines) == height and len({id(line) for line in lines}) == 1, type(widget).__name__
            assert lines[0].text == " " * width
            assert widget.styles.padding == Spacing(0, 0, 0, 0) and not any(
                edge for edge, _ in widget.styles.border
            ), f"{type(widget).__name__} draws a frame: it is not blank"
