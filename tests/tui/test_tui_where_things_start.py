"""Things start where a student expects (#15 item 11): Save as beside the plan, pack editor
fields from their start, the Check view's wrapped lines under their first, a new plan on its question."""

from __future__ import annotations

from dataclasses import replace

from essayplan import paths
from essayplan.model import Evidence
from essayplan.packs import save_pack
from essayplan.session import open_session
from essayplan.tui import EssayPlanApp
from essayplan.tui.bars import QuestionBar
from essayplan.tui.board import Bank
from essayplan.tui.screens import PromptScreen
from samples import ww1_pack
from test_tui_packeditor import open_editor, select

LONG = " ".join(f"word{n}" for n in range(120))


async def test_save_as_suggests_the_plans_own_folder(tmp_path, elsewhere):
    folder = tmp_path / "history"
    folder.mkdir()
    app = EssayPlanApp(plan=folder / "my-essay.toml")
    async with app.run_test(size=(80, 24)) as pilot:
        app.action_save_as()
        await pilot.pause()
        assert isinstance(app.screen, PromptScreen)
        assert app.screen.query_one("#prompt").value == str(folder / "my-essay.toml")  # not the folder it started from


async def test_save_as_offers_a_plan_in_the_data_folder_the_documents(elsewhere):
    app = EssayPlanApp()
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.session.in_data_folder
        app.action_save_as()
        await pilot.pause()
        assert app.screen.query_one("#prompt").value == str(paths.user_documents() / app.session.path.name)


async def test_pack_editor_fields_open_at_their_start(tmp_path):
    pack = ww1_pack()
    long_card = Evidence(id="long-card", text=LONG)
    factor = replace(pack.factors[0], title="A factor title far too long " + LONG[:200], evidence=pack.factors[0].evidence + (long_card,))
    pack = replace(pack, factors=(factor,) + pack.factors[1:])
    path = tmp_path / "ww1.toml"
    save_pack(pack, path)
    app = EssayPlanApp(pack=str(path), plan=tmp_path / "plan.toml")
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await open_editor(pilot, app)
        await select(pilot, editor, ("card", "long-card"))
        await pilot.pause()
        area = editor.query_one("#card-text")
        assert area.virtual_size.height > area.scrollable_content_region.height  # it does scroll
        assert area.scroll_y == 0 and area.cursor_location == (0, 0)
        await select(pilot, editor, ("factor", "alliances"))
        await pilot.pause()
        title = editor.query_one("#factor-title")
        assert title.cursor_position == 0
        assert title.scroll_x == 0


async def test_wrapped_advice_lines_hang_under_their_first_line():
    app = EssayPlanApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f4")
        options = app.query_one("#advice-list")
        for _ in range(50):  # the view fills its list once shown
            await pilot.pause()
            if options.option_count:
                break
        region = options.content_region
        lines = []
        for strip in app.screen._compositor.render_strips()[region.y : region.bottom]:
            lines.append("".join(segment.text for segment in strip)[region.x : region.right])
        assert lines[0].startswith("▸ ")
        wrapped = [line for line in lines if line.strip() and not line.startswith("▸ ")]
        assert len(wrapped) > 6  # messages, some wrapped over two lines
        assert all(line.startswith("  ") and not line[2].isspace() for line in wrapped), lines


async def test_a_new_plan_with_no_question_starts_on_the_question():
    app = EssayPlanApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.focused, QuestionBar)
        await pilot.press("enter")  # Enter chooses the question
        await pilot.pause()
        assert app.screen.__class__.__name__ == "QuestionScreen"


async def test_a_plan_with_a_question_starts_in_the_bank(tmp_path):
    session = open_session(tmp_path / "plan.toml")
    from essayplan import ops

    session.apply(ops.set_question(session.plan, "Why did Stalin win?"))
    session.save()
    app = EssayPlanApp(plan=tmp_path / "plan.toml")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.focused, Bank)


