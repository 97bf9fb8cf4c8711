"""The round trip of issue 6: import a revision card, check it, open it in the app,
edit the pack there, save, use the new card in the plan, check again."""

from __future__ import annotations


from essayplan.cli import main
from essayplan.packs import load_pack
from essayplan.plans import load_plan
from essayplan.tui import EssayPlanApp
from essayplan.tui.board import Bank
from essayplan.tui.packeditor import PackEditor, PackTree
from paths import CARDS


def _nodes(node):
    yield node
    for child in node.children:
        yield from _nodes(child)


async def _select(pilot, editor: PackEditor, key) -> None:
    tree = editor.query_one(PackTree)
    await pilot.click(PackTree)  # the teacher clicks the list, then moves in it
    tree.move_cursor(next(n for n in _nodes(tree.root) if n.data == key))
    await pilot.pause()
    assert editor.selected == key


def _keys(text: str) -> list[str]:
    return ["space" if c == " " else c for c in text]


async def test_import_check_edit_in_the_app_save_check_again(tmp_path, capsys):
    pack_path, plan_path = tmp_path / "pack.toml", tmp_path / "plan.toml"
    assert main(["import", str(CARDS / "tsar-bom-tabs.txt"), "-o", str(pack_path)]) == 0
    assert main(["check", str(pack_path)]) == 0
    imported = load_pack(pack_path)
    first, second = imported.factors[0], imported.factors[1]
    kept_card = second.evidence[0].id

    app = EssayPlanApp(pack=str(pack_path), plan=plan_path)
    async with app.run_test(size=(80, 24)) as pilot:
        # The student starts the plan: a line of argument and a card.
        app.edit_text("introduction", "The war turned long-term weakness into collapse.")
        app.attach_to_rank(kept_card, 1)

        app.action_edit_pack()
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, PackEditor)

        # Add a card to the first factor.
        await _select(pilot, editor, ("factor", first.id))
        await pilot.press("ctrl+n")
        await pilot.pause()
        await pilot.press(*_keys("Bloody Sunday 1905 ended trust in the Tsar"), "enter")
        await pilot.pause()
        new_card = editor.selected[1]
        assert editor.selected == ("card", new_card) and new_card.startswith("bloody-sunday")
        await pilot.click("#card-date")
        await pilot.press(*"1905")

        # Rename the second factor: its id stays, so the plan still finds it.
        await _select(pilot, editor, ("factor", second.id))
        await pilot.click("#factor-title")
        await pilot.press("end", *["backspace"] * len(second.title), *_keys("The strain of the war"))
        await pilot.pause()

        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not editor.dirty
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, PackEditor)

        # The new card is in the bank: attach it with the keyboard to the factor ranked 1.
        bank = app.query_one(Bank)
        bank.focus()
        bank.move_cursor(bank.index_of(("card", new_card)))
        await pilot.press("alt+1")
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()

    capsys.readouterr()
    assert main(["check", str(pack_path), str(plan_path)]) == 0
    out = capsys.readouterr().out
    assert f"{pack_path}: ok: pack" in out and f"{plan_path}: ok: plan" in out

    pack = load_pack(pack_path)
    assert pack.id == imported.id
    assert pack.factor(second.id).title == "The strain of the war"
    card = pack.evidence(new_card)
    assert (card.text, card.date) == ("Bloody Sunday 1905 ended trust in the Tsar", "1905")
    assert pack.owner(new_card).id == first.id
    # Everything else the importer made is as it was.
    assert [c.id for c in pack.factor(first.id).evidence] == [c.id for c in first.evidence] + [new_card]
    assert pack.factor(second.id).evidence == second.evidence

    plan = load_plan(plan_path)
    assert plan.pack == imported.id
    assert plan.introduction == "The war turned long-term weakness into collapse."
    top = plan.ranking[0].factor
    assert plan.paragraph(top).evidence == (kept_card, new_card)
    assert all(pack.evidence(c) is not None for p in plan.paragraphs for c in p.evidence)
