"""The judgement line: shown for how-far questions, moved by keys, clicks and drags, one operation each."""

from __future__ import annotations

from structure_harness import Harness

from essayplan import ops
from essayplan.tui.judgement import JudgementLine
from essayplan.tui.messages import SetExtent

HOW_FAR = "How far was the weakness of the opposition the main reason for Stalin's rise to power?"


def harness(pack, question=HOW_FAR):
    plan = ops.new_plan(pack, question)
    return Harness(pack, plan, lambda pack, plan: JudgementLine(pack, plan))


async def test_only_for_how_far_questions(bundled_pack):
    app = harness(bundled_pack, "Why was Stalin able to become leader by 1929?")
    async with app.run_test():
        line = app.query_one(JudgementLine)
        assert not line.display
        line.sync(ops.set_question(app.plan, HOW_FAR), app.pack)
        assert line.display


async def test_keys_move_the_mark(bundled_pack):
    app = harness(bundled_pack)
    async with app.run_test(size=(80, 10)) as pilot:
        line = app.query_one(JudgementLine)
        line.focus()
        text = str(line.render())
        for word in ("not at all", "to a limited extent", "partly", "largely", "entirely"):
            assert word in text
        await pilot.press("right")
        assert app.plan.extent == 50  # the first press starts in the middle
        await pilot.press("right", "right", "left", "right", "right")
        assert app.plan.extent == 80
        assert "80 largely" in str(line.render())
        await pilot.press("end", "right")
        assert app.plan.extent == 100
        assert len(app.posted) == 7  # the press past the end does nothing
        await pilot.press("delete")
        assert app.plan.extent is None
        app.undo()
        assert app.plan.extent == 100
        assert all(isinstance(m, SetExtent) for m in app.posted)


async def test_click_and_drag(bundled_pack):
    app = harness(bundled_pack)
    async with app.run_test(size=(80, 10)) as pilot:
        line = app.query_one(JudgementLine)
        await pilot.pause()
        left = line.content_region.x - line.region.x
        await pilot.click(line, offset=(left + line.x_of(30), 1))
        assert app.plan.extent == 30
        await pilot.mouse_down(line, offset=(left + line.x_of(30), 1))
        await pilot.hover(line, offset=(left + line.x_of(50), 1))
        await pilot.hover(line, offset=(left + line.x_of(70), 1))
        await pilot.mouse_up(line, offset=(left + line.x_of(70), 1))
        assert app.plan.extent == 70
        assert len(app.posted) == 2
        app.undo()
        assert app.plan.extent == 30


async def test_keys_faster_than_the_plan_comes_back(bundled_pack):
    app = harness(bundled_pack)
    async with app.run_test() as pilot:
        line = app.query_one(JudgementLine)
        for _ in range(3):  # three presses before any of them is applied
            line.action_step(10)
        await pilot.pause()
        assert app.plan.extent == 70


async def test_the_key_bar_says_what_the_arrows_do_on_the_line(tmp_path, bundled_pack):
    from essayplan.plans import save_plan
    from essayplan.tui import EssayPlanApp
    from essayplan.tui.bars import KeyBar

    path = tmp_path / "essay.toml"
    save_plan(ops.new_plan(bundled_pack, HOW_FAR), path)
    app = EssayPlanApp(plan=path)
    async with app.run_test(size=(80, 24)) as pilot:
        line = app.query_one(JudgementLine)
        line.focus()
        for _ in range(50):
            await pilot.pause()
            bar = app.query_one(KeyBar).render().plain
            if "More" in bar:
                break
        assert "Less" in bar and "More" in bar and "Take off" in bar
