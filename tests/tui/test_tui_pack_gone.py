"""Deleting, in the pack editor, what the open plan uses: the confirm names the paragraphs and
says their text stays; the Check view then says what is gone. Saving with no edits writes nothing."""

from __future__ import annotations

from essayplan import ops, paths
from essayplan.advice import advise
from essayplan.tui import EssayPlanApp
from essayplan.tui.adviceview import AdviceView
from essayplan.tui.screens import ChoiceScreen
from test_tui_packeditor import open_editor, select

SIZE = (100, 30)
CARD = "five-year-plan"


def plan_with_card_in_paragraphs_1_and_3(app) -> None:
    first, third = app.plan.paragraphs[0].factor, app.plan.paragraphs[2].factor
    app.run_op(ops.attach, app.pack, first, CARD)
    app.run_op(ops.attach, app.pack, third, CARD)
    app.edit_text("point", "Stalin's plans won the party over.", third)


async def test_deleting_a_used_card_says_where_and_the_check_view_says_it_is_gone(user_home, bundled):
    app = EssayPlanApp()
    async with app.run_test(size=SIZE) as pilot:
        plan_with_card_in_paragraphs_1_and_3(app)
        third = app.plan.paragraphs[2].factor
        editor = await open_editor(pilot, app)
        await select(pilot, editor, ("card", CARD))
        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        assert app.screen.message.startswith(
            f"Card {CARD} is used in ¶1 and ¶3 of your plan. Delete it? The paragraphs keep their text."
        )
        await pilot.click("#delete")
        await pilot.pause()
        await pilot.press("ctrl+s")  # the bundled pack: saved as the student's copy, the plan follows
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.pack.evidence(CARD) is None
        assert app.plan.paragraph(third).point == "Stalin's plans won the party over."  # the text stays
        assert app.plan.paragraph(third).evidence == (CARD,)
        codes = [item.code for item in advise(app.plan, app.pack)]
        first = app.plan.paragraphs[0].factor
        assert f"card-not-in-pack:{first}" in codes and f"card-not-in-pack:{third}" in codes
        await pilot.press("f4")
        await pilot.pause()
        view = app.query_one(AdviceView)
        gone = [item for item in view.items if item.rule == "card-not-in-pack"]
        assert [item.factor for item in gone] == [first, third]
        assert gone[0].part.startswith("paragraph 1") and CARD in gone[0].message and gone[0].where == "evidence"


async def test_deleting_an_unused_card_asks_as_before(user_home, bundled):
    app = EssayPlanApp()
    async with app.run_test(size=SIZE) as pilot:
        editor = await open_editor(pilot, app)
        await select(pilot, editor, ("card", CARD))
        await pilot.press("delete")
        await pilot.pause()
        assert app.screen.message.startswith("Delete this card?\n")


async def test_deleting_a_factor_says_which_paragraph_is_on_it(user_home, bundled):
    app = EssayPlanApp()
    async with app.run_test(size=SIZE) as pilot:
        second = app.plan.paragraphs[1].factor
        editor = await open_editor(pilot, app)
        await select(pilot, editor, ("factor", second))
        await pilot.press("delete")
        await pilot.pause()
        assert " is used in ¶2 of your plan. Delete it and its " in app.screen.message
        assert app.screen.message.endswith("The paragraph keeps its text.")


async def test_a_factor_gone_from_the_pack_is_reported_where_its_paragraph_is(bundled_pack):
    plan = ops.set_text(ops.new_plan(bundled_pack), "point", "Kept.", "opposition")
    from dataclasses import replace

    smaller = replace(bundled_pack, factors=tuple(f for f in bundled_pack.factors if f.id != "opposition"))
    items = [item for item in advise(plan, smaller) if item.rule == "factor-not-in-pack"]
    assert [(item.factor, item.where) for item in items] == [("opposition", "point")]
    assert items[0].part.startswith("paragraph 2")
    # An own factor belongs to the plan: never "gone".
    own = ops.add_own_factor(plan, bundled_pack, "Luck")
    assert not [item for item in advise(own, bundled_pack) if item.rule == "factor-not-in-pack"]


async def test_ctrl_s_with_no_edits_makes_no_copy_of_a_bundled_pack(user_home, bundled):
    before = bundled.read_bytes()
    app = EssayPlanApp()
    async with app.run_test(size=SIZE) as pilot:
        editor = await open_editor(pilot, app)
        for _ in range(2):
            await pilot.press("ctrl+s")
            await pilot.pause()
        assert app.said[-1].text == "No changes to save."
        assert not paths.user_packs().exists() or not list(paths.user_packs().glob("*.toml"))
        assert editor.pack.id == app.pack.id == "stalin-rise"
    assert bundled.read_bytes() == before
