"""The pack editor, driven as a teacher would: keys, buttons, dialogs, saving."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Button, Input, TextArea

from essayplan import paths
from essayplan.packs import find_pack, load_pack, save_pack
from essayplan.plans import load_plan
from essayplan.tui import EssayPlanApp
from essayplan.tui.board import Bank, Ladder
from essayplan.tui.packeditor import ChoiceScreen, PackEditor, PackTree, PromptScreen
from samples import ww1_pack

SIZE = (80, 24)


def write_pack(folder: Path) -> Path:
    path = folder / "ww1.toml"
    save_pack(ww1_pack(), path)
    return path


async def open_editor(pilot, app) -> PackEditor:
    app.action_edit_pack()
    await pilot.pause()
    assert isinstance(app.screen, PackEditor)
    return app.screen


async def select(pilot, editor: PackEditor, key) -> None:
    """Put the tree's cursor on a node, as the arrow keys or a click would."""
    tree = editor.query_one(PackTree)
    node = next(n for n in _nodes(tree.root) if n.data == key)
    tree.move_cursor(node)
    await pilot.pause()
    assert editor.selected == key


def _nodes(node):
    yield node
    for child in node.children:
        yield from _nodes(child)


async def type_into(pilot, widget_id: str, text: str, replace: bool = True) -> None:
    """Click a field, clear it (or go to its end) and type."""
    await pilot.click(f"#{widget_id}")
    widget = pilot.app.screen.query_one(f"#{widget_id}")
    if isinstance(widget, TextArea):
        if replace:
            widget.select_all()
            await pilot.press("backspace")
        else:
            widget.move_cursor(widget.document.end)
    else:
        await pilot.press("end", *["backspace"] * (len(widget.value) if replace else 0))
    await pilot.press(*[("space" if c == " " else "enter" if c == "\n" else c) for c in text])
    await pilot.pause()


async def answer_prompt(pilot, text: str) -> None:
    assert isinstance(pilot.app.screen, PromptScreen)
    await pilot.press(*[("space" if c == " " else c) for c in text], "enter")
    await pilot.pause()


async def test_edit_a_pack_and_save_it(tmp_path):
    path = write_pack(tmp_path)
    app = EssayPlanApp(pack=str(path), plan=tmp_path / "plan.toml")
    async with app.run_test(size=SIZE) as pilot:
        editor = await open_editor(pilot, app)
        assert str(editor.query_one("#pe-header").render()).startswith("Edit pack: Causes of the First World War")

        # Add a factor after Alliances, then a card in it.
        await select(pilot, editor, ("factor", "alliances"))
        await pilot.press("ctrl+f")
        await answer_prompt(pilot, "Nationalism")
        assert [f.id for f in editor.pack.factors] == ["alliances", "nationalism", "militarism"]
        assert editor.selected == ("factor", "nationalism")
        await pilot.press("ctrl+n")
        await answer_prompt(pilot, "Serbian nationalism")
        assert editor.selected == ("card", "serbian-nationalism")

        # Edit a card's text, group and date in the form: its id stays.
        await select(pilot, editor, ("card", "triple-alliance"))
        await type_into(pilot, "card-text", " with Italy", replace=False)
        await type_into(pilot, "card-date", "1882")
        card = editor.pack.evidence("triple-alliance")
        assert (card.text, card.date) == ("The Triple Alliance of 1882 with Italy", "1882")

        # Reorder: the card up within its factor, a factor down.
        await pilot.press("ctrl+up")
        assert [c.id for c in editor.pack.factor("alliances").evidence] == ["triple-alliance", "triple-entente"]
        await select(pilot, editor, ("factor", "alliances"))
        await pilot.click("#move-down")
        await pilot.pause()
        assert [f.id for f in editor.pack.factors] == ["nationalism", "alliances", "militarism"]

        # Delete a card: a confirm first.
        await select(pilot, editor, ("card", "triple-entente"))
        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.click("#delete")
        await pilot.pause()
        assert editor.pack.evidence("triple-entente") is None
        assert editor.selected == ("card", "triple-alliance")

        # The pack's title and questions, one per line.
        await select(pilot, editor, ("pack", None))
        await type_into(pilot, "pack-questions", "Why did war break out in 1914?\nHow far was nationalism the main cause?")
        assert editor.pack.questions == ("Why did war break out in 1914?", "How far was nationalism the main cause?")

        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not editor.dirty
        saved = load_pack(path)
        assert saved == editor.pack
        assert [f.id for f in saved.factors] == ["nationalism", "alliances", "militarism"]
        assert saved.evidence("serbian-nationalism").text == "Serbian nationalism"
        assert saved.evidence("triple-entente") is None

        # The app swapped the pack in: the bank has the new card, the ladder the new factor.
        assert app.pack == saved
        assert app.query_one(Bank).index_of(("card", "serbian-nationalism")) is not None
        assert app.query_one(Ladder).index_of(("factor", "nationalism")) is not None
        assert app.plan.rank_of("nationalism") == 3
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, PackEditor)
        app.attach_to_rank("serbian-nationalism", 3)
        await pilot.press("ctrl+q")
    plan = load_plan(tmp_path / "plan.toml")
    assert plan.paragraph("nationalism").evidence == ("serbian-nationalism",)


async def test_escape_with_unsaved_edits_asks(tmp_path):
    path = write_pack(tmp_path)
    before = path.read_bytes()
    app = EssayPlanApp(pack=str(path), plan=tmp_path / "plan.toml")
    async with app.run_test(size=SIZE) as pilot:
        editor = await open_editor(pilot, app)
        # Nothing changed: Esc just closes.
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, PackEditor)

        editor = await open_editor(pilot, app)
        await select(pilot, editor, ("factor", "militarism"))
        await type_into(pilot, "factor-title", "The arms race")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        assert "unsaved changes" in str(app.screen.query_one(".pe-dialog-title").render())
        await pilot.click("#cancel")
        await pilot.pause()
        assert app.screen is editor and editor.dirty

        await pilot.press("escape")
        await pilot.pause()
        await pilot.click("#discard")
        await pilot.pause()
        assert not isinstance(app.screen, PackEditor)
        assert path.read_bytes() == before
        assert app.pack.factor("militarism").title == "Militarism"

        editor = await open_editor(pilot, app)
        await select(pilot, editor, ("factor", "militarism"))
        await type_into(pilot, "factor-title", "The arms race")
        await pilot.press("escape")
        await pilot.pause()
        await pilot.click("#save")
        await pilot.pause()
        assert not isinstance(app.screen, PackEditor)
    assert load_pack(path).factor("militarism").title == "The arms race"


async def test_undo_in_the_editor_undoes_pack_edits_not_the_plan(tmp_path):
    path = write_pack(tmp_path)
    app = EssayPlanApp(pack=str(path), plan=tmp_path / "plan.toml")
    async with app.run_test(size=SIZE) as pilot:
        app.attach_to_rank("dreadnought", 1)
        plan = app.plan
        editor = await open_editor(pilot, app)
        await select(pilot, editor, ("card", "dreadnought"))
        await type_into(pilot, "card-text", "The Dreadnought race")
        await select(pilot, editor, ("factor", "militarism"))
        await pilot.press("ctrl+up")
        assert [f.id for f in editor.pack.factors] == ["militarism", "alliances"]
        await pilot.press("ctrl+z")
        assert [f.id for f in editor.pack.factors] == ["alliances", "militarism"]
        assert editor.pack.evidence("dreadnought").text == "The Dreadnought race"
        await pilot.press("ctrl+z")  # typing in one field is one undo step
        await pilot.pause()
        assert editor.pack == ww1_pack()
        assert editor.selected == ("factor", "militarism")
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert editor.pack.evidence("dreadnought").text == "The Dreadnought race"
        assert app.plan == plan


async def test_a_card_moves_on_into_the_next_factor(tmp_path):
    path = write_pack(tmp_path)
    app = EssayPlanApp(pack=str(path), plan=tmp_path / "plan.toml")
    async with app.run_test(size=SIZE) as pilot:
        editor = await open_editor(pilot, app)
        await select(pilot, editor, ("card", "triple-alliance"))
        editor.query_one(PackTree).focus()
        await pilot.press("ctrl+down")
        assert [c.id for c in editor.pack.factor("militarism").evidence] == ["triple-alliance", "dreadnought"]
        assert editor.selected == ("card", "triple-alliance")
        await pilot.press("ctrl+up")
        assert [c.id for c in editor.pack.factor("alliances").evidence] == ["triple-entente", "triple-alliance"]
        await pilot.press("ctrl+up", "ctrl+up")  # already first of the first factor: stays
        assert [c.id for c in editor.pack.factor("alliances").evidence] == ["triple-alliance", "triple-entente"]


async def test_impossible_edits_are_explained(tmp_path):
    path = write_pack(tmp_path)
    before = path.read_bytes()
    app = EssayPlanApp(pack=str(path), plan=tmp_path / "plan.toml")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        editor = await open_editor(pilot, app)
        # A new factor has no cards yet: saving says what to do, and writes nothing.
        await pilot.press("ctrl+f")
        await answer_prompt(pilot, "Imperialism")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert path.read_bytes() == before
        assert any("'Imperialism') has no evidence cards" in n.text for n in app.said)
        # Delete the other factors: the last one cannot go.
        for factor in ("alliances", "militarism"):
            await select(pilot, editor, ("factor", factor))
            await pilot.click("#delete")
            await pilot.pause()
            await pilot.click("#delete")  # the confirm's button
            await pilot.pause()
        assert [f.id for f in editor.pack.factors] == ["imperialism"]
        await select(pilot, editor, ("factor", "imperialism"))
        await pilot.press("delete")
        await pilot.pause()
        assert app.screen is editor
        assert any("at least one factor" in n.text for n in app.said)
        # A card needs a factor: the pack node is no place for one.
        await select(pilot, editor, ("pack", None))
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert app.screen is editor


async def test_editing_the_bundled_pack_saves_a_copy_and_the_plan_follows(user_home, bundled):
    before = bundled.read_bytes()
    app = EssayPlanApp()
    async with app.run_test(size=SIZE) as pilot:
        assert app.plan.pack == "stalin-rise"
        editor = await open_editor(pilot, app)
        assert "bundled" in str(editor.query_one("#pe-header").render())
        await select(pilot, editor, ("factor", "personality"))
        await type_into(pilot, "factor-title", "Stalin's personality")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert bundled.read_bytes() == before
        assert editor.pack.id == "stalin-rise-mine"
        assert app.pack.id == app.plan.pack == "stalin-rise-mine"
        # Undo in the editor keeps the copy's id: the next save goes to the copy again.
        await pilot.press("ctrl+z")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert editor.pack.id == "stalin-rise-mine"
        assert not (paths.user_packs() / "stalin-rise-mine-2.toml").exists()
        await pilot.press("escape")
        await pilot.press("ctrl+q")
    assert bundled.read_bytes() == before
    copy = find_pack("stalin-rise-mine")
    assert copy.path == paths.user_packs() / "stalin-rise-mine.toml"
    assert copy.factor("personality").title == load_pack(bundled).factor("personality").title  # undone
    plan_path = paths.user_data() / "plans" / "stalin-rise.toml"
    assert load_plan(plan_path).pack == "stalin-rise-mine"


async def test_new_pack_from_the_command_palette(user_home, bundled):
    app = EssayPlanApp()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"New pack")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await answer_prompt(pilot, "Causes of WW1")
        editor = app.screen
        assert isinstance(editor, PackEditor)
        assert editor.dirty  # never saved: Esc would ask
        await select(pilot, editor, ("factor", "factor-1"))
        await type_into(pilot, "factor-title", "Alliances")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert any("essayplan --pack causes-of-ww1" in n.text for n in app.said)
        assert app.pack.id == "stalin-rise"  # the plan keeps its own pack
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, PackEditor)
    pack = find_pack("causes-of-ww1")  # what `essayplan --pack causes-of-ww1` opens
    assert pack.path == paths.user_packs() / "causes-of-ww1.toml"
    assert pack.factors[0].title == "Alliances"


async def test_the_editor_fits_80_by_24(tmp_path):
    path = write_pack(tmp_path)
    app = EssayPlanApp(pack=str(path), plan=tmp_path / "plan.toml")
    async with app.run_test(size=SIZE) as pilot:
        editor = await open_editor(pilot, app)
        for key in [("pack", None), ("factor", "alliances"), ("card", "triple-entente")]:
            await select(pilot, editor, key)
            form = editor.query_one(f"#{key[0]}-form")
            for widget in form.query("Input, TextArea"):
                assert widget.region.bottom <= 21, widget.id  # above the buttons, status and help lines
        for button in editor.query(Button):
            assert button.region.right <= SIZE[0] and button.region.y == SIZE[1] - 3, button.id
        help_line = str(editor.query_one("#pe-help").render())
        assert "^s save" in help_line and "esc close" in help_line
        assert len(help_line) <= SIZE[0] - 2
        assert isinstance(editor.focused, type(editor.query_one(PackTree)))
        assert not isinstance(editor.focused, Input)


async def test_a_plan_on_a_pack_saved_outside_the_pack_folders_opens_again(tmp_path):
    from dataclasses import replace

    from essayplan.packs import load_pack, save_pack
    from essayplan.session import open_session

    plan_path = tmp_path / "plan.toml"
    app = EssayPlanApp(plan=plan_path)
    async with app.run_test(size=(100, 30)) as pilot:
        elsewhere = tmp_path / "class" / "stalin-for-10b.toml"
        elsewhere.parent.mkdir()
        save_pack(replace(app.pack, id="stalin-10b"), elsewhere)
        await app.replace_pack(load_pack(elsewhere))
        await pilot.press("ctrl+s")
    reopened = open_session(plan_path=plan_path)
    assert reopened.pack.id == "stalin-10b"
    assert reopened.pack.path.resolve() == elsewhere.resolve()
