"""Weighing a factor in the ranking panel: keys, clicks and drags along the bar, each one operation."""

from __future__ import annotations

from structure_harness import Harness

from essayplan import ops
from essayplan.tui.messages import SetRole, SetWeight, SetWithout
from essayplan.tui.weights import WeighPanel, bar, ladder_line, total_words


def harness(pack, plan=None):
    plan = plan or ops.new_plan(pack)
    return Harness(pack, plan, lambda pack, plan: WeighPanel(pack, plan))


def test_bar_and_total(bundled_pack):
    assert bar(45, 14) == ("██████▌", "·······")
    plan = ops.new_plan(bundled_pack)
    assert total_words(plan) == ""
    first, second = (r.factor for r in plan.ranking[:2])
    plan = ops.set_weight(ops.set_weight(plan, first, 60), second, 25)
    assert total_words(plan) == "total 85% (15% left)"
    assert total_words(ops.set_weight(plan, second, 40)) == "= 100%"


async def test_keys_weigh_cycle_and_undo(bundled_pack):
    app = harness(bundled_pack)
    async with app.run_test() as pilot:
        panel = app.query_one(WeighPanel)
        panel.focus()
        factor = app.plan.ranking[0].factor
        await pilot.press("right", "right", "right", "left")
        assert app.plan.ranking[0].weight == 10
        assert [type(m) for m in app.posted] == [SetWeight] * 4
        await pilot.press("down", "right", "right", "down", "right")
        assert app.plan.ranking[0].without == "later"
        assert app.plan.ranking[0].role == "long-term"
        assert isinstance(app.posted[-1], SetRole) and isinstance(app.posted[-2], SetWithout)
        assert "10%" in str(panel.render()) and "total 10%" in str(panel.border_subtitle)
        app.undo()
        assert app.plan.ranking[0].role is None and app.plan.ranking[0].factor == factor
        await pilot.press("up", "up", "delete")
        assert app.plan.ranking[0].weight is None


async def test_weighs_the_selected_factor(bundled_pack):
    app = harness(bundled_pack)
    async with app.run_test() as pilot:
        panel = app.query_one(WeighPanel)
        panel.focus()
        third = app.plan.ranking[2].factor
        panel.show_factor(third)
        await pilot.press("right")
        assert app.plan.ranking[2].weight == 5 and app.plan.ranking[0].weight is None
        assert "Weigh #3" in str(panel.border_title)


async def test_click_and_drag_along_the_bar(bundled_pack):
    app = harness(bundled_pack)
    async with app.run_test(size=(60, 10)) as pilot:
        panel = app.query_one(WeighPanel)
        await pilot.pause()
        start, cells = panel._bar
        left = panel.content_region.x - panel.region.x
        top = panel.content_region.y - panel.region.y
        # A click on the bar's middle cell: half the outcome.
        await pilot.click(panel, offset=(left + start + cells // 2 - 1, top))
        assert app.plan.ranking[0].weight == 50
        assert len(app.posted) == 1
        # A drag from near the start to the end: one operation, 100%.
        await pilot.mouse_down(panel, offset=(left + start, top))
        await pilot.hover(panel, offset=(left + start + cells // 2, top))
        await pilot.hover(panel, offset=(left + start + cells - 1, top))
        await pilot.mouse_up(panel, offset=(left + start + cells - 1, top))
        assert app.plan.ranking[0].weight == 100
        assert len(app.posted) == 2
        app.undo()
        assert app.plan.ranking[0].weight == 50
        # A click on the counterfactual's line and on the role's line cycles them.
        await pilot.click(panel, offset=(left + 3, top + 1))
        await pilot.click(panel, offset=(left + 3, top + 2))
        assert (app.plan.ranking[0].without, app.plan.ranking[0].role) == ("anyway", "long-term")


def test_ladder_line(bundled_pack):
    plan = ops.new_plan(bundled_pack)
    factor = plan.ranking[0].factor
    assert ladder_line(plan.ranking[0]) is None  # a plan that does not weigh looks as before
    plan = ops.set_role(ops.set_without(ops.set_weight(plan, factor, 45), factor, "later"), factor, "trigger")
    assert ladder_line(plan.ranking[0], 10).plain == "████▌·····  45% · later without it · trigger"


async def test_keys_faster_than_the_plan_comes_back(bundled_pack):
    app = harness(bundled_pack)
    async with app.run_test() as pilot:
        panel = app.query_one(WeighPanel)
        for _ in range(3):  # three presses before any of them is applied
            panel.action_step(5)
        panel.action_without()
        panel.action_without()
        await pilot.pause()
        assert app.plan.ranking[0].weight == 15
        assert app.plan.ranking[0].without == "later"
