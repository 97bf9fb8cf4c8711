"""Typing never changes the plan by accident: the bank searches, the ranking writes reasons (#15)."""

from __future__ import annotations

import asyncio
import dataclasses
import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from essayplan.tui import EssayPlanApp
from essayplan.tui.bars import KeyBar
from essayplan.tui.board import Bank, Ladder
from essayplan.tui.weights import WeighPanel

SIZE = (80, 24)


def keys(text: str) -> list[str]:
    return ["space" if c == " " else c for c in text]


def without_reasons(plan):
    """The plan as typing may not change it: reasons and the time of the change set apart."""
    ranking = tuple(dataclasses.replace(r, reason="") for r in plan.ranking)
    return dataclasses.replace(plan, ranking=ranking, modified=None)


async def settle(pilot, condition=lambda: True) -> None:
    for _ in range(40):
        await pilot.pause()
        if condition():
            return


async def focus_bank(app, pilot) -> Bank:
    bank = app.query_one(Bank)
    bank.focus()  # a new plan starts on its question
    await settle(pilot, lambda: app.focused is bank)
    return bank


def selectable(widget) -> list[int]:
    return [i for i, e in enumerate(widget.entries) if e.selectable]


async def type_into(widget_type, line: int, text: str, attached: bool) -> tuple:
    """Type `text` into the bank, the ladder or the weigh panel with the cursor on its `line`th selectable entry."""
    app = EssayPlanApp()
    async with app.run_test(size=SIZE) as pilot:
        if attached:  # cards in paragraphs, so the ladder has attached lines to type on
            for rank, evidence in ((1, "grey-blur"), (2, "triumvirate")):
                app.attach_to_rank(evidence, rank)
            await settle(pilot)
        widget = app.query_one(widget_type)
        widget.focus()
        if widget_type is WeighPanel:
            widget.line = line % 3
        else:
            lines = selectable(widget)
            widget.move_cursor(lines[line % len(lines)])
        await settle(pilot)
        before = app.plan
        await pilot.press(*keys(text))
        await settle(pilot)
        return before, app.plan


printable = st.text(alphabet=string.ascii_letters + string.digits + string.punctuation + "    ", min_size=1, max_size=30)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    widget=st.sampled_from([Bank, Ladder, WeighPanel]),
    line=st.integers(min_value=0, max_value=40),
    text=printable,
    attached=st.booleans(),
)
def test_typing_anything_on_the_board_changes_nothing_but_reasons(widget, line, text, attached):
    before, after = asyncio.run(type_into(widget, line, text, attached))
    assert without_reasons(after) == without_reasons(before), text


async def test_a_sentence_in_the_bank_searches_and_changes_nothing():
    app = EssayPlanApp()
    async with app.run_test(size=SIZE) as pilot:
        bank = await focus_bank(app, pilot)
        before = app.plan
        await pilot.press(*keys("the alliances 1914 a x 1"))
        assert app.plan == before
        assert bank.search == "the alliances 1914 a x 1"
        assert str(bank.border_title).startswith("Search: ") and str(bank.border_title).endswith("a x 1▏")
        await pilot.pause()
        assert "Clear search" in app.query_one(KeyBar).render().plain  # (the title has no room to say it)
        await pilot.press("escape")
        assert bank.search is None and "type to search" in str(bank.border_title)

        await pilot.press(*keys("grey blur"))  # every word, anywhere in the card
        assert str(bank.border_title) == "Search: grey blur▏ · Esc clears"
        cards = [e.key[1] for e in bank.entries if e.key[0] == "card"]
        assert cards == ["grey-blur"] and bank.current.key == ("card", "grey-blur")
        await pilot.press("backspace", "backspace")
        assert bank.search == "grey bl"
        await pilot.press("enter")  # lifts the highlighted match; Enter drops it on the factor ranked 1
        assert app.plan_screen.drag.lifted
        await pilot.press("enter")
        assert app.plan.paragraph(app.plan.ranking[0].factor).evidence == ("grey-blur",)
        await pilot.press("escape")  # the whole bank again, the cursor still on the card
        assert bank.search is None and bank.current.key == ("card", "grey-blur")

        await pilot.press(*keys("zzzz"))
        assert "No card matches" in bank.entries[0].text.plain
        await pilot.press("enter", "space")  # nothing to lift
        assert not app.plan_screen.drag.active


async def test_typing_after_a_space_lift_puts_the_card_back_and_searches():
    app = EssayPlanApp()
    async with app.run_test(size=SIZE) as pilot:
        bank = await focus_bank(app, pilot)
        before = app.plan
        await pilot.press("space")
        assert app.plan_screen.drag.lifted
        await pilot.press("space")  # Space never drops
        assert app.plan_screen.drag.lifted and app.plan == before
        await pilot.press("s", "space", "t")
        assert not app.plan_screen.drag.active and bank.search == "s t" and app.plan == before


async def test_typing_on_any_line_of_a_factor_writes_its_reason():
    app = EssayPlanApp()
    async with app.run_test(size=SIZE) as pilot:
        app.attach_to_rank("grey-blur", 2)
        await settle(pilot)
        ladder = app.query_one(Ladder)
        factor = app.plan.ranking[1].factor
        ladder.focus()
        ladder.move_cursor(ladder.index_of(("attached", factor, "grey-blur")))
        before = app.plan
        await pilot.press(*keys("d is not detach"), "enter")
        await settle(pilot, lambda: app.focused is ladder)
        assert app.plan.ranking[1].reason == "d is not detach"
        assert app.plan.paragraph(factor).evidence == before.paragraph(factor).evidence
        assert app.focused is ladder and ladder.current.key == ("reason", factor)


async def test_typing_in_the_weigh_panel_writes_the_factors_reason():
    app = EssayPlanApp()
    async with app.run_test(size=SIZE) as pilot:
        panel = app.query_one(WeighPanel)
        panel.focus()
        await pilot.press(*keys("we're right - 50%+"), "enter")
        await settle(pilot, lambda: app.focused is app.query_one(Ladder))
        first = app.plan.ranking[0]
        assert first.reason == "we're right - 50%+" and (first.weight, first.without, first.role) == (None, None, None)
        panel.focus()
        await pilot.press("right", "down", "right", "down", "left")
        first = app.plan.ranking[0]
        assert (first.weight, first.without, first.role) == (5, "anyway", "trigger")
