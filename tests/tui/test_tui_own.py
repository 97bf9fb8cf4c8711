"""Own factors (asked for by title) and own evidence lines in a paragraph, each gesture one operation."""

from __future__ import annotations

from structure_harness import Harness
from textual.binding import Binding
from textual.widgets import Input, Static

from essayplan import ops
from essayplan.tui.messages import AddOwnEvidence, AddOwnFactor, RemoveOwnEvidence
from essayplan.tui.own import AddOwnLine, OwnEvidence, OwnLine, ask_own_factor


class Board(Static, can_focus=True):
    BINDINGS = [Binding("o", "own", "Own factor")]

    def sync(self, plan, pack) -> None:
        pass

    def action_own(self) -> None:
        ask_own_factor(self)


async def test_add_own_factor_by_title(bundled_pack):
    app = Harness(bundled_pack, ops.new_plan(bundled_pack), lambda pack, plan: Board("board"))
    async with app.run_test() as pilot:
        app.query_one(Board).focus()
        await pilot.press("o")
        await pilot.press(*"Luck", "enter")
        await pilot.pause()
        assert [type(m) for m in app.posted] == [AddOwnFactor]
        own = app.plan.own_factors[-1]
        assert own.title == "Luck" and app.plan.ranking[-1].factor == own.id
        await pilot.press("o", "escape")  # cancelled: nothing
        await pilot.pause()
        assert len(app.posted) == 1
        app.undo()
        assert app.plan.own_factors == ()


async def test_own_evidence_lines(bundled_pack):
    plan = ops.new_plan(bundled_pack)
    factor = plan.paragraphs[0].factor
    app = Harness(bundled_pack, plan, lambda pack, plan: OwnEvidence(factor, plan))
    async with app.run_test() as pilot:
        await pilot.click(AddOwnLine)
        await pilot.pause()
        assert app.plan.paragraph(factor).own_evidence == ("",)
        assert app.query_one(OwnLine).has_focus
        await pilot.press(*"1923 stroke", "enter")
        await pilot.pause()
        assert app.plan.paragraph(factor).own_evidence == ("1923 stroke", "")
        assert app.query(OwnLine).last().has_focus
        await pilot.press("backspace")  # an empty line goes
        await pilot.pause()
        assert app.plan.paragraph(factor).own_evidence == ("1923 stroke",)
        kinds = [type(m) for m in app.posted]
        assert kinds[0] == AddOwnEvidence and kinds[-1] == RemoveOwnEvidence
        app.undo()  # the empty line back
        app.undo()  # the second line's adding
        app.undo()  # the typing: one step
        await pilot.pause()
        assert app.plan.paragraph(factor).own_evidence == ("",)
        assert app.query_one(OwnLine).value == ""


async def test_own_evidence_is_shown_literally(bundled_pack):
    plan = ops.new_plan(bundled_pack)
    factor = plan.paragraphs[0].factor
    plan = ops.add_own_evidence(plan, factor, "[b]x[/b]\x1b[2J")
    app = Harness(bundled_pack, plan, lambda pack, plan: OwnEvidence(factor, plan))
    async with app.run_test():
        value = app.query_one(Input).value
        assert "[b]x[/b]" in value and "\x1b" not in value
