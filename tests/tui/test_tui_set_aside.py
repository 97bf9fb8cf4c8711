"""Leaving cards out on purpose (issue 13): x on a bank card, x on the Check view's unused note,
and every advice item a way into its part."""

from __future__ import annotations

from essayplan.advice import advise
from essayplan.tui import EssayPlanApp
from essayplan.tui.board import Bank
from essayplan.tui.screens import QuestionScreen

SIZE = (120, 40)


async def until(pilot, done, tries: int = 100) -> None:
    for _ in range(tries):
        if done():
            return
        await pilot.pause(0.02)
    assert done()


def unused_note(app):
    return next((item for item in advise(app.plan, app.pack) if item.rule == "evidence-unused"), None)


def bank_lines(app) -> str:
    """What the bank says of its cards: their marks, and the status of the card under the cursor."""
    bank = app.query_one(Bank)
    return "\n".join([str(bank.border_subtitle), *(entry.mark + entry.text.plain for entry in bank.entries)])


async def test_delete_on_a_bank_card_sets_it_aside_and_brings_it_back():
    app = EssayPlanApp()
    async with app.run_test(size=SIZE) as pilot:
        bank = app.query_one(Bank)
        bank.focus()
        card = bank.current.key[1]
        count = int(unused_note(app).message.split()[0])
        await pilot.press("delete")
        await until(pilot, lambda: card in app.plan.set_aside)
        assert int(unused_note(app).message.split()[0]) == count - 1  # the advice stops counting it
        assert "set aside on purpose" in bank_lines(app)
        await pilot.press("delete")
        await until(pilot, lambda: card not in app.plan.set_aside)
        assert "set aside on purpose" not in bank_lines(app)
        await pilot.press("delete")
        await until(pilot, lambda: card in app.plan.set_aside)
        await pilot.press("ctrl+z")  # one step each way
        await until(pilot, lambda: card not in app.plan.set_aside)


async def test_delete_does_nothing_on_a_card_in_a_paragraph():
    app = EssayPlanApp()
    async with app.run_test(size=SIZE) as pilot:
        bank = app.query_one(Bank)
        bank.focus()
        card = bank.current.key[1]
        await pilot.press("ctrl+a")
        await until(pilot, lambda: app.plan.uses(card))
        await pilot.press("delete")
        await pilot.pause()
        assert app.plan.set_aside == ()


async def test_x_on_the_unused_note_sets_every_unused_card_aside_in_one_step():
    app = EssayPlanApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f4")
        options = app.query_one("#advice-list")
        await until(pilot, lambda: options.option_count > 0 and app.focused is options)
        rules = [item.rule for item in app.query_one("AdviceView").items]
        options.highlighted = rules.index("criteria-empty")
        await pilot.press("x")  # not on this note: nothing happens
        await pilot.pause()
        assert app.plan.set_aside == ()
        options.highlighted = rules.index("evidence-unused")
        await pilot.pause()
        await pilot.press("x")
        await until(pilot, lambda: app.plan.set_aside != ())
        assert unused_note(app) is None
        assert len(app.plan.set_aside) == app.pack.evidence_count
        await pilot.press("ctrl+z")
        await until(pilot, lambda: app.plan.set_aside == ())


async def test_each_advice_item_leads_to_its_part():
    app = EssayPlanApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f4")
        options = app.query_one("#advice-list")
        await until(pilot, lambda: options.option_count > 0 and app.focused is options)
        rules = [item.rule for item in app.query_one("AdviceView").items]
        options.highlighted = rules.index("criteria-empty")
        await pilot.press("enter")
        await until(pilot, lambda: app.focused is not None and app.focused is app.query_one("#plan").field("criteria"))
        await pilot.press("f4")
        await until(pilot, lambda: app.focused is options)
        options.highlighted = rules.index("question-empty")
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, QuestionScreen))
