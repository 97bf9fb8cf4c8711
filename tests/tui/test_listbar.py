"""The board's lists draw their own scrollbar in their last column (tui/listbar.py): no widget is
laid over the list, a press above or below the thumb pages, and dragging the thumb scrolls."""

from __future__ import annotations

from contextlib import asynccontextmanager

from essayplan.tui import EssayPlanApp, listbar
from essayplan.tui.board import Bank, Ladder
from essayplan.tui.drag import drag_of


@asynccontextmanager
async def board():
    """The bundled pack's board at 120×40, drawn: (app, pilot)."""
    app = EssayPlanApp(pack="stalin-rise")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        yield app, pilot


def bar_of(bank: Bank) -> tuple[int, int, int]:
    """The bar's column on screen, its top row and its height."""
    return bank.content_region.right - 1, bank.content_region.y, bank.size.height


async def test_a_press_on_the_bar_pages_and_never_picks_a_card(bundled):
    async with board() as (app, pilot):
        bank = app.query_one(Bank)
        x, top, height = bar_of(bank)
        widget, _ = app.screen.get_widget_at(x, top + 5)
        assert widget is bank  # the bar is the list's own column, not a widget over it
        cursor = bank.cursor
        await pilot.click(offset=(x, top + height - 2))  # below the thumb
        await pilot.pause()
        assert bank.scroll_y == min(bank.max_scroll_y, bank.scrollable_content_region.height) > 0
        assert bank.cursor == cursor and not drag_of(bank).active
        await pilot.click(offset=(x, top))  # above it now
        await pilot.pause()
        assert bank.scroll_y == 0 and bank.cursor == cursor


async def test_dragging_the_thumb_scrolls_as_far_as_it_moves(bundled):
    async with board() as (app, pilot):
        bank = app.query_one(Bank)
        x, top, height = bar_of(bank)
        lines, cursor = len(bank._lines), bank.cursor
        placed = listbar.thumb(height, lines, 0)
        assert placed is not None and placed.start == 0
        await pilot.mouse_down(offset=(x, top))  # on the thumb
        await pilot.hover(offset=(x, top + 6))
        await pilot.pause()
        assert bank.scroll_y == listbar.top_for(height, lines, 6) > 0
        await pilot.hover(offset=(x, app.size.height - 1))  # past the list's end, still held
        await pilot.mouse_up(offset=(x, app.size.height - 1))
        await pilot.pause()
        assert bank.scroll_y == bank.max_scroll_y == lines - height
        assert bank.cursor == cursor and not drag_of(bank).active
        # Drawn where it now is: at the bottom of the bar.
        moved = listbar.thumb(height, lines, bank.scroll_y)
        assert moved is not None and round(moved.start + moved.size) == height


def test_the_thumb_is_where_textual_would_put_it():
    assert listbar.thumb(10, 10, 0) is None and listbar.thumb(10, 5, 0) is None  # everything fits
    assert listbar.thumb(10, 40, 0) == (0.0, 2.5)
    assert listbar.thumb(10, 40, 30) == (7.5, 2.5)  # scrolled to the end: at the bottom
    assert listbar.top_for(10, 40, 7.5) == 30 and listbar.top_for(10, 40, -3) == 0 and listbar.top_for(10, 40, 99) == 30
    assert listbar.thumb(10, 10_000, 0).size == 1.0  # never thinner than a row


async def test_a_thumb_held_when_something_else_takes_the_mouse_is_let_go(bundled):
    async with board() as (app, pilot):
        bank = app.query_one(Bank)
        x, top, _height = bar_of(bank)
        await pilot.mouse_down(offset=(x, top))  # on the thumb
        app.capture_mouse(None)  # as a dialog opening does: no button goes up
        await pilot.pause()
        await pilot.hover(offset=(x - 20, top + 20))  # over the cards, no button held
        await pilot.pause()
        assert bank.scroll_y == 0


async def test_a_list_whose_lines_fit_has_no_bar_and_its_last_column_is_the_lines(bundled):
    async with board() as (app, pilot):
        ladder = app.query_one(Ladder)
        assert ladder.virtual_size.height <= ladder.size.height  # (the bundled ranking fits)
        key = ("factor", app.plan.ranking[1].factor)
        at = ladder.offset_of(key)
        await pilot.click(offset=(ladder.content_region.right - 1, ladder.region.y + at.y))
        await pilot.pause()
        assert ladder.current.key == key
