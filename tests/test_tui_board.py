"""The board, driven as a student would: mouse drags, keys, undo, saving."""

from __future__ import annotations

import tomllib

import pytest

from essayplan.plans import load_plan
from essayplan.tui import EssayPlanApp
from essayplan.tui.board import AttachedCard, Bank, BankCard, RankHandle, RankRow
from essayplan.tui.drag import Ghost

SIZE = (120, 40)


def ranking(app) -> list[str]:
    return [r.factor for r in app.plan.ranking]


def card(app, evidence_id: str) -> BankCard:
    return next(c for c in app.query(BankCard) if c.card.id == evidence_id)


def handle(app, factor: str) -> RankHandle:
    return next(h for h in app.query(RankHandle) if h.factor == factor)


def row(app, factor: str) -> RankRow:
    return next(r for r in app.query(RankRow) if r.factor == factor)


async def visible(pilot, widget) -> None:
    widget.scroll_visible(animate=False, immediate=True)
    await pilot.pause()


async def drag(pilot, source, target, target_offset=(2, 0)) -> None:
    """Press, move past the threshold, hover the target, release: Pilot's mouse."""
    await visible(pilot, source)
    await pilot.mouse_down(source, offset=(2, 0))
    await pilot.hover(source, offset=(6, 2))
    await pilot.hover(target, offset=target_offset)
    await pilot.mouse_up(target, offset=target_offset)
    await pilot.pause()


async def test_mouse_drag_reranks_a_factor():
    app = EssayPlanApp()
    async with app.run_test(size=SIZE) as pilot:
        assert ranking(app) == ["policies", "opposition", "personality"]
        await drag(pilot, handle(app, "personality"), handle(app, "policies"))
        assert ranking(app) == ["personality", "policies", "opposition"]
        # The ladder shows the new order, numbered from 1.
        assert [r.factor for r in app.query(RankRow)] == ranking(app)
        assert str(handle(app, "personality").render()).startswith("1")


async def test_mouse_drag_attaches_a_card_and_marks_it_used():
    app = EssayPlanApp()
    async with app.run_test(size=SIZE) as pilot:
        await drag(pilot, card(app, "trotsky-testament"), row(app, "opposition"), (4, 1))
        assert app.plan.paragraph("opposition").evidence == ("trotsky-testament",)
        bank_card = card(app, "trotsky-testament")
        assert bank_card.has_class("-used")
        assert "used in ¶2 Weakness of the opposition" in str(bank_card.render())


async def test_drag_shows_ghost_and_target_while_moving():
    app = EssayPlanApp()
    async with app.run_test(size=SIZE) as pilot:
        source, target = card(app, "grey-blur"), row(app, "personality")
        await visible(pilot, source)
        await pilot.mouse_down(source, offset=(2, 0))
        await pilot.hover(source, offset=(6, 2))
        await pilot.hover(target, offset=(4, 1))
        assert app.query_one(Ghost).display
        assert source.has_class("-dragging")
        assert target.has_class("-drop-target")
        assert "attach to #3" in str(target.border_subtitle)
        await pilot.press("escape")
        assert not app.query_one(Ghost).display
        assert not target.has_class("-drop-target")
        await pilot.mouse_up(target, offset=(4, 1))
        await pilot.pause()
        assert app.plan.paragraph("personality").evidence == ()


async def test_a_small_wiggle_is_a_click_not_a_drag():
    app = EssayPlanApp()
    async with app.run_test(size=SIZE) as pilot:
        source = card(app, "grey-blur")
        await visible(pilot, source)
        await pilot.mouse_down(source, offset=(2, 0))
        await pilot.hover(source, offset=(3, 0))
        await pilot.mouse_up(source, offset=(3, 0))
        await pilot.pause()
        assert not app.query_one(Ghost).display
        assert app.focused is source
        assert app.session.history.can_undo is False


async def test_release_where_nothing_can_land_cancels():
    app = EssayPlanApp()
    async with app.run_test(size=SIZE) as pilot:
        before = app.plan
        # A bank card dropped back on the bank lands nowhere.
        await drag(pilot, card(app, "true-socialism"), card(app, "mood-against-nep"))
        assert app.plan == before
        assert not app.query_one(Ghost).display


async def test_drag_an_attached_card_back_to_the_bank_detaches_it():
    app = EssayPlanApp()
    async with app.run_test(size=SIZE) as pilot:
        app.attach_to_rank("grey-blur", 3)
        await pilot.pause()
        attached = app.query(AttachedCard).first()
        await drag(pilot, attached, app.query_one(Bank), (10, 5))
        assert app.plan.paragraph("personality").evidence == ()


async def test_drag_an_attached_card_to_reorder_and_to_another_factor():
    app = EssayPlanApp()
    async with app.run_test(size=SIZE) as pilot:
        for evidence in ("grey-blur", "organisational-skills", "party-member-files"):
            app.attach_to_rank(evidence, 3)
        await pilot.pause()
        cards = list(row(app, "personality").query(AttachedCard))
        await drag(pilot, cards[2], cards[0])
        assert app.plan.paragraph("personality").evidence == ("party-member-files", "grey-blur", "organisational-skills")
        cards = list(row(app, "personality").query(AttachedCard))
        await drag(pilot, cards[0], row(app, "policies"), (4, 1))
        assert app.plan.paragraph("policies").evidence == ("party-member-files",)
        assert app.plan.paragraph("personality").evidence == ("grey-blur", "organisational-skills")


async def test_keyboard_lift_move_drop_reranks():
    app = EssayPlanApp()
    async with app.run_test(size=SIZE) as pilot:
        handle(app, "personality").focus()
        await pilot.press("space", "up", "up", "enter")
        assert ranking(app) == ["personality", "policies", "opposition"]
        assert app.focused is handle(app, "personality")


async def test_keyboard_lift_move_drop_attaches():
    app = EssayPlanApp()
    async with app.run_test(size=SIZE) as pilot:
        card(app, "ban-on-factions").focus()
        await pilot.press("enter")  # lifted: the first place is the factor ranked 1
        assert app.drag.lifted
        await pilot.press("down", "space")
        assert app.plan.paragraph("opposition").evidence == ("ban-on-factions",)


async def test_escape_cancels_a_keyboard_move():
    app = EssayPlanApp()
    async with app.run_test(size=SIZE) as pilot:
        before = app.plan
        handle(app, "opposition").focus()
        await pilot.press("space", "down", "escape")
        assert not app.drag.active
        assert app.plan == before
        card(app, "grey-blur").focus()
        await pilot.press("space", "down", "escape", "enter", "escape")
        assert app.plan == before


async def test_direct_shortcuts_rank_and_attach():
    app = EssayPlanApp()
    async with app.run_test(size=SIZE) as pilot:
        handle(app, "policies").focus()
        await pilot.press("ctrl+down")
        assert ranking(app) == ["opposition", "policies", "personality"]
        card(app, "grey-blur").focus()
        await pilot.press("3")
        assert app.plan.paragraph("personality").evidence == ("grey-blur",)
        row(app, "opposition").query_one("Input").focus()  # selects the factor
        card(app, "triumvirate").focus()
        await pilot.press("a")
        assert app.plan.paragraph("opposition").evidence == ("triumvirate",)


async def test_undo_and_redo_step_by_step():
    app = EssayPlanApp()
    async with app.run_test(size=SIZE) as pilot:
        start = app.plan
        handle(app, "personality").focus()
        await pilot.press("ctrl+up")
        after_move = app.plan
        card(app, "grey-blur").focus()
        await pilot.press("1")
        after_attach = app.plan
        await pilot.press("ctrl+z")
        assert app.plan == after_move
        await pilot.press("ctrl+z")
        assert app.plan == start
        await pilot.press("ctrl+y")
        assert app.plan == after_move
        await pilot.press("ctrl+y")
        assert app.plan == after_attach
        assert [r.factor for r in app.query(RankRow)] == ranking(app)


async def test_typing_a_reason_is_one_undo_step_and_is_saved(user_home):
    app = EssayPlanApp()
    async with app.run_test(size=SIZE) as pilot:
        reason = row(app, "opposition").query_one("Input")
        reason.focus()
        await pilot.press(*"Trotsky let Stalin win")
        assert app.plan.ranking[1].reason == "Trotsky let Stalin win"
        await pilot.pause(1.3)  # autosave
        saved = tomllib.loads(app.session.path.read_text("utf-8"))
        assert saved["ranking"][1] == {"factor": "opposition", "reason": "Trotsky let Stalin win"}
        await pilot.press("ctrl+z")
        assert app.plan.ranking[1].reason == ""
        assert reason.value == ""


async def test_the_plan_file_follows_each_change_and_reopens(user_home):
    app = EssayPlanApp()
    async with app.run_test(size=SIZE) as pilot:
        path = app.session.path
        assert path.is_relative_to(user_home)
        await drag(pilot, handle(app, "opposition"), handle(app, "policies"))
        app.attach_to_rank("trotsky-testament", 1)
        await pilot.press("ctrl+s")
        on_disk = load_plan(path)
        assert [r.factor for r in on_disk.ranking] == ["opposition", "policies", "personality"]
        assert on_disk.paragraph("opposition").evidence == ("trotsky-testament",)
    again = EssayPlanApp()
    async with again.run_test(size=SIZE) as pilot:
        assert again.session.path == path
        assert ranking(again) == ["opposition", "policies", "personality"]
        assert again.plan.paragraph("opposition").evidence == ("trotsky-testament",)
        assert [r.factor for r in again.query(RankRow)] == ranking(again)


async def test_quit_saves_first(tmp_path):
    path = tmp_path / "mine.toml"
    app = EssayPlanApp(plan=path)
    async with app.run_test(size=SIZE) as pilot:
        card(app, "grey-blur").focus()
        await pilot.press("2", "ctrl+q")
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
        for needed in ("Drag with the mouse", "ctrl+z", "Space or Enter", "Esc"):
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
        card(app, "grey-blur").focus()
        await pilot.press("1", "ctrl+s")
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
        last = card(app, "bukharin-outvoted")
        last.focus()
        await pilot.pause()
        assert app.focused is last
        await pilot.press("1")
        assert app.plan.paragraph("policies").evidence == ("bukharin-outvoted",)
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
        handle(app, "opposition").focus()
        await pilot.press("f3")
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()
        assert app.focused is handle(app, "opposition")


async def test_typing_on_a_factors_line_writes_its_reason():
    app = EssayPlanApp()
    async with app.run_test(size=SIZE) as pilot:
        handle(app, "policies").focus()
        await pilot.press(*"His policies won support")
        assert app.plan.ranking[0].reason == "His policies won support"
        assert ranking(app) == ["policies", "opposition", "personality"]  # no lift, no move


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
        assert "¶3" in str(card(app, "grey-blur").render())
        handle(app, "personality").focus()
        await pilot.press("ctrl+up", "ctrl+up")
        await pilot.pause()
        assert "used in ¶1" in str(card(app, "grey-blur").render())


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
