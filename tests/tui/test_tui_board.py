"""The board, driven as a student would: mouse drags, keys, undo, saving."""

from __future__ import annotations

import tomllib

import pytest

from essayplan.plans import load_plan
from essayplan.tui import EssayPlanApp
from essayplan.tui import app as app_module
from essayplan.tui.board import Bank, Ladder
from essayplan.tui.drag import Ghost
from helpers import wait_until

SIZE = (120, 40)


def ranking(app) -> list[str]:
    return [r.factor for r in app.plan.ranking]


# A spot on the board: the list and the key of one of its entries.
def card(app, evidence_id: str):
    return app.query_one(Bank), ("card", evidence_id)


def handle(app, factor: str):
    return app.query_one(Ladder), ("factor", factor)


def reason(app, factor: str):
    return app.query_one(Ladder), ("reason", factor)


def attached(app, factor: str, evidence_id: str):
    return app.query_one(Ladder), ("attached", factor, evidence_id)


def text(spot) -> str:
    widget, key = spot
    return widget.text_of(key)


def ladder_order(app) -> list[str]:
    """The factors in the order the ladder shows them."""
    return [e.key[1] for e in app.query_one(Ladder).entries if e.key[0] == "factor"]


def ghost_shown(app) -> bool:
    return any(g.display for g in app.query(Ghost))


def select(spot) -> None:
    """Focus the list with its cursor on the entry, as arrows or a click would."""
    widget, key = spot
    widget.focus()
    widget.move_cursor(widget.index_of(key))


def selected(app, spot) -> bool:
    widget, key = spot
    return app.focused is widget and widget.current.key == key


async def where(pilot, spot, x: int = 2, y: int = 0):
    """Scroll the entry into view; the widget and the offset of its first line (plus x, y)."""
    widget, key = spot
    widget.show_entry(widget.index_of(key))
    await pilot.pause()
    offset = widget.offset_of(key, x)
    return widget, (offset.x, offset.y + y)


async def drag(pilot, source, target, y: int = 0, at: tuple[int, int] = (10, 5)) -> None:
    """Press, move past the threshold, hover the target (a spot, or a widget `at` an offset), release."""
    widget, start = await where(pilot, source)
    await pilot.mouse_down(widget, offset=start)
    await pilot.hover(widget, offset=(start[0] + 4, start[1] + 2))
    if isinstance(target, tuple):
        target, offset = await where(pilot, target, 4, y)
    else:
        offset = at
    await pilot.hover(target, offset=offset)
    await pilot.mouse_up(target, offset=offset)
    await pilot.pause()


async def test_mouse_drag_reranks_a_factor():
    app = EssayPlanApp()
    async with app.run_test(size=SIZE) as pilot:
        assert ranking(app) == ["policies", "opposition", "personality", "legacy"]
        await drag(pilot, handle(app, "personality"), handle(app, "policies"))
        assert ranking(app) == ["personality", "policies", "opposition", "legacy"]
        # The ladder shows the new order, numbered from 1.
        assert ladder_order(app) == ranking(app)
        assert text(handle(app, "personality")).startswith("1")


async def test_mouse_drag_attaches_a_card_and_marks_it_used():
    app = EssayPlanApp()
    async with app.run_test(size=SIZE) as pilot:
        await drag(pilot, card(app, "trotsky-testament"), reason(app, "opposition"))
        assert app.plan.paragraph("opposition").evidence == ("trotsky-testament",)
        bank = app.query_one(Bank)
        assert bank.entries[bank.index_of(("card", "trotsky-testament"))].kind == "used"
        assert bank.entries[bank.index_of(("card", "trotsky-testament"))].mark == "✓ "  # on its first line
        assert "used in ¶2 Weakness of the opposition" in str(bank.border_subtitle)  # the card dragged is under the cursor
        assert text(attached(app, "opposition", "trotsky-testament")).startswith("• ")  # on the ladder too


async def test_drag_shows_ghost_and_target_while_moving():
    app = EssayPlanApp()
    async with app.run_test(size=SIZE) as pilot:
        bank, start = await where(pilot, card(app, "grey-blur"))
        ladder, over = await where(pilot, reason(app, "personality"), 4)
        await pilot.mouse_down(bank, offset=start)
        await pilot.hover(bank, offset=(start[0] + 4, start[1] + 2))
        await pilot.hover(ladder, offset=over)
        assert ghost_shown(app)
        assert app.plan_screen.drag.source is bank and app.plan_screen.drag.payload.evidence == "grey-blur"
        assert app.plan_screen.drag.target is ladder
        assert "attach to #3" in str(ladder.border_subtitle)
        assert ("reason", "personality") in ladder.target_keys()  # its lines light up
        await pilot.press("escape")
        assert not ghost_shown(app)
        assert ladder.border_subtitle is None
        await pilot.mouse_up(ladder, offset=over)
        await pilot.pause()
        assert app.plan.paragraph("personality").evidence == ()


async def test_a_small_wiggle_is_a_click_not_a_drag():
    app = EssayPlanApp()
    async with app.run_test(size=SIZE) as pilot:
        bank, start = await where(pilot, card(app, "grey-blur"))
        await pilot.mouse_down(bank, offset=start)
        await pilot.hover(bank, offset=(start[0] + 1, start[1]))
        await pilot.mouse_up(bank, offset=(start[0] + 1, start[1]))
        await pilot.pause()
        assert not ghost_shown(app)
        assert selected(app, card(app, "grey-blur"))
        assert app.session.history.can_undo is False


async def test_release_where_nothing_can_land_cancels():
    app = EssayPlanApp()
    async with app.run_test(size=SIZE) as pilot:
        before = app.plan
        # A bank card dropped back on the bank lands nowhere.
        await drag(pilot, card(app, "true-socialism"), card(app, "mood-against-nep"))
        assert app.plan == before
        assert not ghost_shown(app)


async def test_drag_an_attached_card_back_to_the_bank_detaches_it():
    app = EssayPlanApp()
    async with app.run_test(size=SIZE) as pilot:
        app.attach_to_rank("grey-blur", 3)
        await pilot.pause()
        await drag(pilot, attached(app, "personality", "grey-blur"), app.query_one(Bank))
        assert app.plan.paragraph("personality").evidence == ()


async def test_drag_an_attached_card_to_reorder_and_to_another_factor():
    app = EssayPlanApp()
    async with app.run_test(size=SIZE) as pilot:
        for evidence in ("grey-blur", "organisational-skills", "party-member-files"):
            app.attach_to_rank(evidence, 3)
        await pilot.pause()
        await drag(pilot, attached(app, "personality", "party-member-files"), attached(app, "personality", "grey-blur"))
        assert app.plan.paragraph("personality").evidence == ("party-member-files", "grey-blur", "organisational-skills")
        await drag(pilot, attached(app, "personality", "party-member-files"), handle(app, "policies"))
        assert app.plan.paragraph("policies").evidence == ("party-member-files",)
        assert app.plan.paragraph("personality").evidence == ("grey-blur", "organisational-skills")


async def test_keyboard_lift_move_drop_reranks():
    app = EssayPlanApp()
    async with app.run_test(size=SIZE) as pilot:
        select(handle(app, "personality"))
        await pilot.press("space", "up", "up", "enter")
        assert ranking(app) == ["personality", "policies", "opposition", "legacy"]
        assert selected(app, handle(app, "personality"))


async def test_keyboard_lift_move_drop_attaches():
    app = EssayPlanApp()
    async with app.run_test(size=SIZE) as pilot:
        select(card(app, "ban-on-factions"))
        await pilot.press("enter")  # lifted: the first place is the factor ranked 1
        assert app.plan_screen.drag.lifted
        await pilot.press("down", "enter")
        assert app.plan.paragraph("opposition").evidence == ("ban-on-factions",)


async def test_escape_cancels_a_keyboard_move():
    app = EssayPlanApp()
    async with app.run_test(size=SIZE) as pilot:
        before = app.plan
        select(handle(app, "opposition"))
        await pilot.press("space", "down", "escape")
        assert not app.plan_screen.drag.active
        assert app.plan == before
        select(card(app, "grey-blur"))
        await pilot.press("space", "down", "escape", "enter", "escape")
        assert app.plan == before


async def test_direct_shortcuts_rank_and_attach():
    app = EssayPlanApp()
    async with app.run_test(size=SIZE) as pilot:
        select(handle(app, "policies"))
        await pilot.press("ctrl+down")
        assert ranking(app) == ["opposition", "policies", "personality", "legacy"]
        select(card(app, "grey-blur"))
        await pilot.press("alt+3")
        assert app.plan.paragraph("personality").evidence == ("grey-blur",)
        select(reason(app, "opposition"))  # selects the factor
        select(card(app, "triumvirate"))
        await pilot.press("ctrl+a")
        assert app.plan.paragraph("opposition").evidence == ("triumvirate",)


async def test_undo_and_redo_step_by_step():
    app = EssayPlanApp()
    async with app.run_test(size=SIZE) as pilot:
        start = app.plan
        select(handle(app, "personality"))
        await pilot.press("ctrl+up")
        after_move = app.plan
        select(card(app, "grey-blur"))
        await pilot.press("alt+1")
        after_attach = app.plan
        await pilot.press("ctrl+z")
        assert app.plan == after_move
        await pilot.press("ctrl+z")
        assert app.plan == start
        await pilot.press("ctrl+y")
        assert app.plan == after_move
        await pilot.press("ctrl+y")
        assert app.plan == after_attach
        assert ladder_order(app) == ranking(app)


async def test_typing_a_reason_is_one_undo_step_and_is_saved(user_home, monkeypatch):
    monkeypatch.setattr(app_module, "AUTOSAVE_SECONDS", 0.05)  # a second in the app
    app = EssayPlanApp()
    async with app.run_test(size=SIZE) as pilot:
        select(reason(app, "opposition"))
        await pilot.press("enter")  # opens the field over the reason
        field = app.query_one("#reason-editor")
        assert app.focused is field
        await pilot.press(*"Trotsky let Stalin win")
        assert app.plan.ranking[1].reason == "Trotsky let Stalin win"
        await wait_until(pilot, lambda: not app.session.dirty, what="the autosave")
        saved = tomllib.loads(app.session.path.read_text("utf-8"))
        assert saved["ranking"][1] == {"factor": "opposition", "reason": "Trotsky let Stalin win"}
        await pilot.press("enter")  # closes the field: the reason shows on the ladder
        assert not field.display
        assert text(reason(app, "opposition")) == "✎ Trotsky let Stalin win"
        await pilot.press("ctrl+z")
        assert app.plan.ranking[1].reason == ""
        assert "Why this rank?" in text(reason(app, "opposition"))


async def test_the_plan_file_follows_each_change_and_reopens(user_home):
    app = EssayPlanApp()
    async with app.run_test(size=SIZE) as pilot:
        path = app.session.path
        assert path.is_relative_to(user_home)
        await drag(pilot, handle(app, "opposition"), handle(app, "policies"))
        app.attach_to_rank("trotsky-testament", 1)
        await pilot.press("ctrl+s")
        on_disk = load_plan(path)
        assert [r.factor for r in on_disk.ranking] == ["opposition", "policies", "personality", "legacy"]
        assert on_disk.paragraph("opposition").evidence == ("trotsky-testament",)
    again = EssayPlanApp()
    async with again.run_test(size=SIZE) as pilot:
        assert again.session.path == path
        assert ranking(again) == ["opposition", "policies", "personality", "legacy"]
        assert again.plan.paragraph("opposition").evidence == ("trotsky-testament",)
        assert ladder_order(again) == ranking(again)


async def test_quit_saves_first(tmp_path):
    path = tmp_path / "mine.toml"
    app = EssayPlanApp(plan=path)
    async with app.run_test(size=SIZE) as pilot:
        select(card(app, "grey-blur"))
        await pilot.press("alt+2", "ctrl+q")
    assert load_plan(path).paragraph("opposition").evidence == ("grey-blur",)


async def test_a_plan_path_is_created_with_the_chosen_pack(tmp_path):
    path = tmp_path / "essay.toml"
    app = EssayPlanApp(pack="stalin-rise", plan=path)
    async with app.run_test(size=SIZE):
        assert path.exists()
        assert app.plan.pack == "stalin-rise"
        assert "essay.toml" in str(app.query_one("#topbar").render())


async def test_choose_the_question_from_the_pack():
    app = EssayPlanApp()
    async with app.run_test(size=SIZE) as pilot:
        app.query_one("#question").focus()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.plan.question == app.pack.questions[1]
        assert app.pack.questions[1] in str(app.query_one("#question").render())


async def test_type_your_own_question():
    app = EssayPlanApp()
    async with app.run_test(size=SIZE) as pilot:
        app.action_choose_question()
        await pilot.pause()
        app.screen.query_one("#own-question").focus()
        await pilot.press(*"Why did Stalin win?", "enter")
        await pilot.pause()
        assert app.plan.question == "Why did Stalin win?"


@pytest.mark.parametrize("key", ["f1", "question_mark"])
async def test_help_lists_the_keys(key):
    app = EssayPlanApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(key)
        await pilot.pause()
        text = app.screen.query_one("Markdown").source
        for needed in ("Drag with the mouse", "ctrl+z", "Enter (or Space", "Esc"):
            assert needed in text
        await pilot.press("escape")
        assert not app.screen.query("Markdown")


async def test_save_as_moves_the_plan(tmp_path):
    app = EssayPlanApp()
    async with app.run_test(size=SIZE) as pilot:
        app.action_save_as()
        await pilot.pause()
        box = app.screen.query_one("#prompt")
        box.value = str(tmp_path / "kept.toml")
        await pilot.press("enter")
        await pilot.pause()
        assert app.session.path == tmp_path / "kept.toml"
        assert (tmp_path / "kept.toml").exists()
        select(card(app, "grey-blur"))
        await pilot.press("alt+1", "ctrl+s")
        assert load_plan(tmp_path / "kept.toml").paragraph("policies").evidence == ("grey-blur",)


async def test_an_unreadable_plan_opens_nothing_and_is_left_untouched(tmp_path):
    from essayplan.errors import UserError

    path = tmp_path / "broken.toml"
    path.write_bytes(b"schema = 1\npack = \n")
    with pytest.raises(UserError, match=r"broken.toml:2:8"):
        EssayPlanApp(plan=path)
    assert path.read_bytes() == b"schema = 1\npack = \n"


@pytest.mark.parametrize("size", [(80, 24), (40, 12)])
async def test_small_terminals_keep_everything_reachable(size):
    app = EssayPlanApp()
    async with app.run_test(size=size) as pilot:
        app.query_one(Bank).focus()  # a new plan starts on its question
        await pilot.press("end")  # the last card, however small the window
        await pilot.pause()
        assert selected(app, card(app, "lenin-strokes"))
        bank, offset = await where(pilot, card(app, "lenin-strokes"))
        assert 0 <= offset[1] < bank.size.height  # scrolled into view
        await pilot.press("alt+1")
        assert app.plan.paragraph("policies").evidence == ("lenin-strokes",)
        await pilot.resize_terminal(120, 40) if hasattr(pilot, "resize_terminal") else None


async def test_a_crash_saves_the_work_first(tmp_path):
    from essayplan.ops import attach

    path = tmp_path / "plan.toml"
    app = EssayPlanApp(plan=path)
    with pytest.raises(ZeroDivisionError):
        async with app.run_test(size=SIZE) as pilot:
            app.apply(attach(app.plan, app.pack, "policies", "grey-blur"))
            assert app.session.dirty  # the autosave has not run yet
            app.call_later(lambda: 1 / 0)
            await pilot.pause()
    assert load_plan(path).paragraph("policies").evidence == ("grey-blur",)


async def test_coming_back_to_the_board_restores_the_cursor():
    app = EssayPlanApp()
    async with app.run_test(size=SIZE) as pilot:
        select(handle(app, "opposition"))
        await pilot.press("f3")
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()
        assert selected(app, handle(app, "opposition"))


async def test_typing_on_a_factors_line_writes_its_reason():
    app = EssayPlanApp()
    async with app.run_test(size=SIZE) as pilot:
        select(handle(app, "policies"))
        await pilot.press(*"His policies won support")
        assert app.plan.ranking[0].reason == "His policies won support"
        assert ranking(app) == ["policies", "opposition", "personality", "legacy"]  # no lift, no move


async def test_a_tiny_window_says_to_make_it_bigger():
    app = EssayPlanApp()
    async with app.run_test(size=(50, 14)) as pilot:
        await pilot.pause()
        assert app.query_one("#too-small").display
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert not app.query_one("#too-small").display


async def test_a_used_card_shows_its_paragraph_number_after_a_rerank():
    app = EssayPlanApp()
    async with app.run_test(size=SIZE) as pilot:
        app.attach_to_rank("grey-blur", 3)
        await pilot.pause()
        bank = app.query_one(Bank)
        bank.move_cursor(bank.index_of(("card", "grey-blur")))
        assert "¶3" in bank.card_status()
        select(handle(app, "personality"))
        await pilot.press("ctrl+up", "ctrl+up")
        await pilot.pause()
        assert "used in ¶1" in bank.card_status() and "used in ¶1" in str(bank.border_subtitle)


async def test_dialogs_keep_the_plans_keys_quiet():
    app = EssayPlanApp()
    async with app.run_test(size=SIZE) as pilot:
        app.attach_to_rank("grey-blur", 3)
        attached = app.plan
        app.action_choose_question()
        await pilot.pause()
        await pilot.press("ctrl+z", "ctrl+e")
        await pilot.pause()
        assert app.plan == attached
        assert len(app.screen_stack) == 2  # no export dialog stacked on the question


async def test_undo_while_typing_a_reason_shows_in_the_field():
    app = EssayPlanApp()
    async with app.run_test(size=SIZE) as pilot:
        select(handle(app, "personality"))
        await pilot.press(*"Lenin")
        field = app.query_one("#reason-editor")
        assert field.value == "Lenin" and app.focused is field
        await pilot.press("ctrl+z")
        assert app.plan.ranking[2].reason == ""
        assert field.value == ""
        await pilot.press("ctrl+y", "escape")
        assert app.plan.ranking[2].reason == "Lenin"
        assert text(reason(app, "personality")) == "✎ Lenin"


async def test_the_click_that_ends_a_drag_does_not_act_again():
    # A terminal sends a click with the release when press and release are in one list.
    app = EssayPlanApp()
    async with app.run_test(size=SIZE) as pilot:
        ladder, end = await where(pilot, reason(app, "opposition"), 4)  # where drag() releases
        await drag(pilot, handle(app, "policies"), reason(app, "opposition"))
        await pilot.click(ladder, offset=end)  # the click that comes with that release
        assert ranking(app) == ["opposition", "policies", "personality", "legacy"]
        assert ladder.editing is None  # no reason field opened by the drop


async def test_switching_view_while_typing_a_reason_puts_the_field_away():
    app = EssayPlanApp()
    async with app.run_test(size=SIZE) as pilot:
        select(handle(app, "personality"))
        await pilot.press(*"abc", "f3")
        await pilot.pause()
        field = app.query_one("#reason-editor")
        assert not field.display and app.focused is not field
        await pilot.press(*"xyz")
        assert app.plan.ranking[2].reason == "abc"


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_page_down_walks_the_whole_bank(size):
    app = EssayPlanApp()
    async with app.run_test(size=size) as pilot:
        bank = app.query_one(Bank)
        bank.focus()  # a new plan starts on its question
        seen = [bank.cursor]
        for _ in range(30):
            await pilot.press("pagedown")
            seen.append(bank.cursor)
        last = max(i for i, e in enumerate(bank.entries) if e.selectable)
        assert seen[-1] == last
        steps = seen[: seen.index(last) + 1]
        assert steps == sorted(set(steps))  # always forward, never stuck


async def test_clicking_another_reason_while_a_long_one_is_open_opens_that_one():
    app = EssayPlanApp()
    async with app.run_test(size=(80, 24)) as pilot:
        app.edit_text("reason", "His policies appealed to party members and workers, so he won their support " * 2, "policies")
        ladder, first = await where(pilot, reason(app, "policies"), 4)
        await pilot.click(ladder, offset=first)
        assert ladder.editing == "policies"
        _, second = await where(pilot, reason(app, "opposition"), 4)  # with the long one on one line
        await pilot.click(ladder, offset=second)
        await pilot.pause()
        assert ladder.editing == "opposition"
        assert app.focused is app.query_one("#reason-editor")


async def test_the_keys_shown_follow_the_cursor_after_a_detach():
    app = EssayPlanApp()
    async with app.run_test(size=SIZE) as pilot:
        app.attach_to_rank("grey-blur", 3)
        await pilot.pause()
        select(attached(app, "personality", "grey-blur"))
        await pilot.pause()
        assert "Detach" in key_bar(app)
        await pilot.press("delete")
        await pilot.pause()
        assert "Detach" not in key_bar(app)


def key_bar(app) -> list[str]:
    from essayplan.tui.bars import KeyBar

    return [description for _key, _shown, description, _on in app.query_one(KeyBar).keys()]


async def test_the_key_bar_says_which_factor_a_attaches_to():
    app = EssayPlanApp()
    async with app.run_test(size=SIZE) as pilot:
        select(card(app, "grey-blur"))
        await pilot.pause()
        assert "Attach to #1" in key_bar(app)
        select(reason(app, "personality"))
        select(card(app, "grey-blur"))
        await pilot.pause()
        assert "Attach to #3" in key_bar(app)
        await pilot.press("ctrl+a")
        assert app.plan.paragraph("personality").evidence == ("grey-blur",)


async def test_the_key_bar_shows_whole_keys_at_80_columns():
    from essayplan.tui.bars import KeyBar

    app = EssayPlanApp()
    async with app.run_test(size=(80, 24)) as pilot:
        app.attach_to_rank("grey-blur", 3)
        select(attached(app, "personality", "grey-blur"))  # the most keys
        await pilot.pause()
        bar = app.query_one(KeyBar)
        line = bar.render().plain
        assert len(line) <= 80 and bar.parts
        for start, end, _key in bar.parts:
            assert len(line[start:end].split()) >= 2  # a key and what it does


async def test_below_the_last_factor_is_the_last_factors_place():
    app = EssayPlanApp()
    async with app.run_test(size=SIZE) as pilot:
        ladder = app.query_one(Ladder)
        below = (6, ladder.size.height - 3)
        await drag(pilot, card(app, "grey-blur"), ladder, at=below)
        assert app.plan.paragraph("legacy").evidence == ("grey-blur",)
        await drag(pilot, handle(app, "policies"), ladder, at=below)
        assert ranking(app) == ["opposition", "personality", "legacy", "policies"]


async def test_backspace_on_an_attached_card_does_not_take_it_out():
    app = EssayPlanApp()
    async with app.run_test(size=SIZE) as pilot:
        app.attach_to_rank("grey-blur", 3)
        select(attached(app, "personality", "grey-blur"))
        await pilot.press("backspace")
        assert app.plan.paragraph("personality").evidence == ("grey-blur",)
        await pilot.press("delete")
        assert app.plan.paragraph("personality").evidence == ()


async def test_undo_says_what_it_took_back_and_where():
    app = EssayPlanApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f3")
        await pilot.pause()
        app.edit_text("point", "Trotsky made mistakes.", "opposition")
        await pilot.press("f2", "ctrl+z")
        messages = [n.text for n in app.said]
        assert "Undone: the Point of the paragraph on Weakness of the opposition (in the Plan view, F3)." in messages
        assert app.plan.paragraph("opposition").point == ""


async def test_the_key_bar_says_what_enter_does_where_the_cursor_is():
    app = EssayPlanApp()
    async with app.run_test(size=SIZE) as pilot:
        select(card(app, "grey-blur"))
        await pilot.pause()
        assert "Lift/drop" in key_bar(app)
        bank = app.query_one(Bank)
        select((bank, ("factor", "policies")))
        await pilot.pause()
        assert "Fold/unfold" in key_bar(app) and "Lift/drop" not in key_bar(app)
        select(reason(app, "opposition"))
        await pilot.pause()
        assert "Write the reason" in key_bar(app)
