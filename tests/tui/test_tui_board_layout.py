"""The board at 80 columns: the drag's status keeps the position, the ghost stays inside its panel,
the keys say what they do, and a drop never moves the cards under the pointer (#15 items 5, 6)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from essayplan.tui import EssayPlanApp
from essayplan.tui.bars import KeyBar
from essayplan.tui.board import Bank, Ladder
from essayplan.tui.drag import Ghost
from essayplan.tui.itemlist import _fits
from essayplan.tui.labels import drag_hint, squeeze

SIZE = (80, 24)


async def settle(pilot, condition=lambda: True) -> None:
    for _ in range(40):
        await pilot.pause()
        if condition():
            return


@given(st.text(st.characters(codec="utf-8"), max_size=40) | st.sampled_from(["12 ⠿ 議会の力", "• 1924 Lenin", "✎ x" * 9]), st.integers(0, 60))
def test_the_quick_fit_of_a_list_line_agrees_with_measuring_it(text, room):
    # The lists skip measuring most lines (a bound from the UTF-8 length); never wrongly.
    assert _fits(text, room) == (cell_len(text) <= room)


def test_a_long_place_is_cut_in_the_middle_never_at_its_position():
    where = "into ¶2 Weakness of the opposition, as card 1"
    assert squeeze(where, 30).endswith(", as card 1") and len(squeeze(where, 30)) == 30
    assert squeeze(where, 100) == where
    keys = ("↑/↓ choose · Enter drop · Esc cancel", "↑↓ · Enter · Esc")
    label, place, shown = drag_hint("December 1924  Stalin first set out Socialism in One Country", where, keys, 78)
    line = f"Moving {label} → {place}   {shown}"
    assert len(line) <= 78 and place.endswith(", as card 1") and place.startswith("into ¶2")


async def test_the_drag_status_shows_the_position_at_80_columns():
    app = EssayPlanApp()
    async with app.run_test(size=SIZE) as pilot:
        second = app.plan.ranking[1].factor
        for evidence in ("grey-blur", "triumvirate"):
            app.attach(second, evidence)
        await settle(pilot)
        bank, ladder = app.query_one(Bank), app.query_one(Ladder)
        # The mouse over a card in the second paragraph: "into ¶2 Weakness of the opposition, as card 2".
        await pilot.mouse_down(bank, offset=bank.offset_of(bank.current.key))
        await pilot.hover(bank, offset=(6, 6))
        over = ladder.offset_of(("attached", second, "triumvirate"), 6)
        await pilot.hover(ladder, offset=over)
        await settle(pilot)
        line = str(app.query_one("#drag-hint").render())
        assert "into ¶2" in line and "as card 2" in line and line.rstrip().endswith("Esc cancels"), line
        assert len(line) <= 78
        await pilot.press("escape")
        await pilot.mouse_up(ladder, offset=over)


async def test_the_ghost_stays_inside_the_panel_under_the_pointer():
    app = EssayPlanApp()
    async with app.run_test(size=SIZE) as pilot:
        bank = app.query_one(Bank)
        ladder = app.query_one(Ladder)
        offset = bank.offset_of(bank.current.key)
        await pilot.mouse_down(bank, offset=offset)
        for panel, x in ((bank, bank.region.width - 3), (ladder, ladder.region.width - 3), (ladder, 3)):
            await pilot.hover(panel, offset=(x, panel.region.height - 2))
            await settle(pilot)
            ghost = app.query_one(Ghost)
            assert ghost.display
            assert panel.content_region.contains_region(ghost.region), (panel, ghost.region, panel.content_region)
        await pilot.press("escape")
        await pilot.mouse_up(ladder, offset=(3, 3))


async def test_the_key_bar_says_earlier_and_later_on_an_attached_card():
    app = EssayPlanApp()
    async with app.run_test(size=SIZE) as pilot:
        first = app.plan.ranking[0].factor
        app.attach(first, "grey-blur")
        ladder = app.query_one(Ladder)
        ladder.focus()
        ladder.move_cursor(ladder.index_of(("attached", first, "grey-blur")))
        await settle(pilot)
        bar = app.query_one(KeyBar).render().plain
        assert "Earlier" in bar and "Later" in bar and "rank" not in bar
        ladder.move_cursor(ladder.index_of(("factor", first)))
        await settle(pilot)
        assert "Up a rank" in app.query_one(KeyBar).render().plain


async def test_a_drop_leaves_every_card_where_it_was_drawn():
    app = EssayPlanApp()
    async with app.run_test(size=SIZE) as pilot:
        bank = app.query_one(Bank)
        cards = [e.key for e in bank.entries if e.key[0] == "card"]
        before = {key: bank.span_of(bank.index_of(key)) for key in cards}
        bank.focus()
        bank.move_cursor(bank.index_of(cards[0]))
        await pilot.press("ctrl+a")  # attached: marked used
        await settle(pilot, lambda: app.plan.uses(cards[0][1]))
        assert {key: bank.span_of(bank.index_of(key)) for key in cards} == before
        assert "✓ used in ¶1" in str(bank.border_subtitle)
        # A click where the next card was drawn lands on that card.
        bank.show_entry(bank.index_of(cards[1]))
        await settle(pilot)
        await pilot.click(bank, offset=bank.offset_of(cards[1]))
        assert bank.current.key == cards[1]
        assert bank.border_subtitle is None or "used" not in str(bank.border_subtitle)


async def test_the_rank_view_is_one_grid_the_weighing_under_the_ladder(bundled):
    # No column inside a row: each container draws its whole area into Textual's caches (#18's
    # memory). The places stay those of a row and a column: bank left, ladder over the weighing.
    from essayplan.tui.board import RankView
    from essayplan.tui.weights import WeighPanel

    app = EssayPlanApp(pack="stalin-rise")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = app.query_one(RankView)
        bank, ladder, weigh = app.query_one(Bank), app.query_one(Ladder), app.query_one(WeighPanel)
        assert [type(child) for child in view.children] == [Bank, Ladder, WeighPanel]
        assert bank.region.height == view.region.height and bank.region.x == view.region.x
        assert ladder.region.x == weigh.region.x == bank.region.right
        assert ladder.region.bottom == weigh.region.y and weigh.region.bottom == view.region.bottom
        assert weigh.region.height == 5 and ladder.region.width == bank.region.width
