"""Undo in steps a writer expects: typing breaks at pauses and sentence ends in every field
that records history (a fake clock: the test pauses without sleeping)."""

from __future__ import annotations

import pytest
from structure_harness import Harness

from essayplan import ops, typing_steps
from essayplan.tui import EssayPlanApp
from essayplan.tui.linksview import LinkMap, LinksView
from essayplan.tui.own import AddOwnLine, OwnEvidence
from essayplan.tui.planview import PlanView
from helpers import FakeClock
from test_tui_board import reason, select

SIZE = (80, 24)
PAUSE = typing_steps.PAUSE_SECONDS + 0.5


@pytest.fixture
def clock(typing_clock) -> FakeClock:
    return typing_clock  # conftest's: typing's clock moves only when told


def keys(text: str) -> list[str]:
    return [("space" if c == " " else "enter" if c == "\n" else c) for c in text]


async def burst(pilot, text: str) -> None:
    await pilot.press(*keys(text))
    await pilot.pause()


async def test_undo_after_two_bursts_in_a_point_takes_back_the_second(clock):
    app = EssayPlanApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f3")
        await pilot.pause()
        point = app.query_one(PlanView).field("point", "policies")
        point.focus()
        await pilot.pause()
        await burst(pilot, "Stalin used the party")
        clock.advance(PAUSE)
        await burst(pilot, " against his rivals")
        assert app.plan.paragraph("policies").point == "Stalin used the party against his rivals"
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert app.plan.paragraph("policies").point == "Stalin used the party" == point.text
        assert app.focused is point
        assert point.cursor_location == (0, len("Stalin used the party"))  # where the burst was
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert app.plan.paragraph("policies").point == "Stalin used the party against his rivals" == point.text
        assert point.cursor_location == (0, len(point.text))  # after the burst brought back
        await pilot.press("ctrl+z", "ctrl+z", "ctrl+y")
        await pilot.pause()
        assert app.plan.paragraph("policies").point == "Stalin used the party"
        assert point.cursor_location == (0, len("Stalin used the party"))  # typing goes on from there


async def test_a_sentence_end_is_a_step_without_a_pause(clock):
    app = EssayPlanApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f3")
        await pilot.pause()
        conclusion = app.query_one(PlanView).field("conclusion")
        conclusion.focus()
        await pilot.pause()
        await burst(pilot, "Policies mattered most. Opposition was weak")
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert app.plan.conclusion == "Policies mattered most. "
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert app.plan.conclusion == ""


async def test_a_reason_breaks_at_pauses(clock):
    app = EssayPlanApp()
    async with app.run_test(size=SIZE) as pilot:
        factor = app.plan.ranking[0].factor
        select(reason(app, factor))
        await pilot.press("enter")  # opens the field over the reason
        await burst(pilot, "Trotsky")
        assert app.plan.ranking[0].reason == "Trotsky"
        clock.advance(PAUSE)
        await burst(pilot, " was away")
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert app.plan.ranking[0].reason == "Trotsky"
        assert app.plan.ranking[0].factor == factor


async def test_the_undo_says_what_it_took_back(clock):
    app = EssayPlanApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f3")
        await pilot.pause()
        app.query_one(PlanView).field("point", "opposition").focus()
        await pilot.pause()
        await burst(pilot, "One")
        clock.advance(PAUSE)
        await burst(pilot, " two")
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert app.said[-1].text == "Undone: the Point of the paragraph on Weakness of the opposition."


async def test_a_link_sentence_breaks_at_pauses(bundled_pack, clock):
    plan = ops.new_plan(bundled_pack)
    app = Harness(bundled_pack, plan, lambda pack, plan: LinksView(pack, plan))
    async with app.run_test(size=SIZE) as pilot:
        app.query_one(LinkMap).focus()
        await pilot.press("enter", "down", "enter", "right", "right", "enter")
        await burst(pilot, "It split them")
        clock.advance(PAUSE)
        await burst(pilot, " for good")
        assert app.plan.links[0].how == "It split them for good"
        app.undo()
        assert app.plan.links[0].how == "It split them"


async def test_own_evidence_breaks_at_sentence_ends(bundled_pack, clock):
    plan = ops.new_plan(bundled_pack)
    factor = plan.paragraphs[0].factor
    app = Harness(bundled_pack, plan, lambda pack, plan: OwnEvidence(factor, plan))
    async with app.run_test() as pilot:
        await pilot.click(AddOwnLine)
        await pilot.pause()
        await burst(pilot, "He had a stroke. Then")
        app.undo()
        assert app.plan.paragraph(factor).own_evidence == ("He had a stroke. ",)


async def test_a_pack_editor_field_breaks_at_pauses(tmp_path, clock):
    from test_tui_packeditor import open_editor, select, type_into, write_pack

    path = write_pack(tmp_path)
    app = EssayPlanApp(pack=str(path), plan=tmp_path / "plan.toml")
    async with app.run_test(size=(120, 40)) as pilot:
        editor = await open_editor(pilot, app)
        await select(pilot, editor, ("card", "dreadnought"))
        await type_into(pilot, "card-text", "The race")
        clock.advance(PAUSE)
        await type_into(pilot, "card-text", " at sea", replace=False)
        assert editor.pack.evidence("dreadnought").text == "The race at sea"
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert editor.pack.evidence("dreadnought").text == "The race"
