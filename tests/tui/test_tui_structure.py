"""The plan's structure in the app: the Links view, weighing in the Rank view, the judgement line
under a how-far question, own factors and own evidence; every gesture undoable and saved."""

from __future__ import annotations

import tomllib

from essayplan import ops
from essayplan.tui import EssayPlanApp
from essayplan.tui.board import Ladder
from essayplan.tui.judgement import JudgementLine
from essayplan.tui.linksview import LinkMap
from essayplan.tui.own import OwnLine
from essayplan.tui.weights import WeighPanel

SIZE = (120, 40)
HOW_FAR = "How far was the weakness of the opposition the main reason for Stalin's rise to power?"


async def test_links_view_by_keys_undo_and_save(tmp_path):
    path = tmp_path / "essay.toml"
    app = EssayPlanApp(pack="stalin-rise", plan=path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f5")
        await pilot.pause()
        links_map = app.plan_screen.query_one(LinkMap)
        assert links_map.has_focus
        first, second = (r.factor for r in app.plan.ranking[:2])
        await pilot.press("enter", "enter", "2", *"It helped", "enter")
        assert [(k.source, k.target, k.kind, k.how) for k in app.plan.links] == [(first, second, "strengthened", "It helped")]
        app.save(quiet=True)
        saved = tomllib.loads(path.read_text(encoding="utf-8"))
        assert saved["links"] == [{"from": first, "to": second, "kind": "strengthened", "how": "It helped"}]
        await pilot.press("ctrl+z")
        assert app.plan.links[0].how == ""
        await pilot.press("ctrl+z")
        assert app.plan.links == ()


async def test_the_palette_lists_the_links_view_and_own_factor():
    from essayplan.tui.commands import PlanCommands

    app = EssayPlanApp()
    async with app.run_test(size=SIZE):
        titles = [title for title, _help, _call in PlanCommands(app.screen).commands()]
        assert "Links view" in titles and "Add a factor of my own…" in titles


async def test_weighing_follows_the_ladder_cursor():
    app = EssayPlanApp()
    async with app.run_test(size=SIZE) as pilot:
        ladder = app.plan_screen.query_one(Ladder)
        panel = app.plan_screen.query_one(WeighPanel)
        second = app.plan.ranking[1].factor
        ladder.focus()
        ladder.move_cursor(ladder.index_of(("factor", second)))
        await pilot.pause()
        assert panel.factor == second
        panel.focus()
        await pilot.press("right", "right", "down", "down", "right")
        assert app.plan.ranking[1].weight == 10 and app.plan.ranking[1].role == "long-term"
        assert "10%" in ladder.text_of(("weight", second))  # the weighed factor's line in the ranking
        await pilot.press("ctrl+z")
        assert app.plan.ranking[1].role is None


async def test_judgement_line_under_a_how_far_question():
    app = EssayPlanApp()
    async with app.run_test(size=SIZE) as pilot:
        line = app.plan_screen.query_one(JudgementLine)
        app.apply(ops.set_question(app.plan, "Why did Stalin win?"))
        await pilot.pause()
        assert not line.display
        app.apply(ops.set_question(app.plan, HOW_FAR))
        await pilot.pause()
        assert line.display
        line.focus()
        await pilot.press("right", "right", "right")
        assert app.plan.extent == 70
        await pilot.press("ctrl+z")
        assert app.plan.extent == 60


async def test_own_factor_from_the_board_then_own_evidence_in_its_paragraph():
    app = EssayPlanApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+f")
        await pilot.press(*"Luck", "enter")
        await pilot.pause()
        own = app.plan.own_factors[-1]
        assert own.title == "Luck" and app.plan.ranking[-1].factor == own.id
        ladder = app.plan_screen.query_one(Ladder)
        assert "Luck" in ladder.text_of(("factor", own.id))
        assert ladder.has_focus and ladder.current.key == ("factor", own.id)  # shown, ready to move up
        await pilot.press("f3")
        await pilot.pause()
        view = app.plan_screen.query_one("#plan")
        view.scroll_end(animate=False)  # to the last paragraph: its fields are built once it is on screen
        for _ in range(100):  # wait on the condition, not a fixed time
            if view.query("#paragraphs .paragraph-box:last-child .add-own"):
                break
            await pilot.pause()
        add = view.query_one(f"#paragraphs .paragraph-box:last-child .add-own")
        add.focus()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press(*"Lenin's stroke, March 1923")
        assert app.plan.paragraph(own.id).own_evidence == ("Lenin's stroke, March 1923",)
        assert isinstance(app.focused, OwnLine)
        await pilot.press("ctrl+z")  # the typing, one step
        assert app.plan.paragraph(own.id).own_evidence == ("",)
