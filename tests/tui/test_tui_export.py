"""Export from the app: ctrl+e asks where and how, a worker writes, a notification names the file."""

from __future__ import annotations

from docx import Document

from essayplan.export import save_student, student_settings
from essayplan.tui import EssayPlanApp
from essayplan.tui.exporting import ExportScreen, StudentScreen


async def export_through_dialog(pilot, path, markdown: bool = False, frame: bool = False) -> None:
    app = pilot.app
    await pilot.press("ctrl+e")
    await pilot.pause()
    if isinstance(app.screen, StudentScreen):  # #16: asked once, before the first export
        await pilot.click("#skip")
        await pilot.pause()
    if frame:
        await pilot.click("#frame")
        await pilot.pause()
    if markdown:
        await pilot.click("#md")
        await pilot.pause()
    box = app.screen.query_one("#path")
    box.value = str(path.with_suffix(".md" if markdown else ".docx"))
    box.focus()
    await pilot.press("enter")
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_ctrl_e_exports_word_in_a_worker(tmp_path):
    app = EssayPlanApp(plan=tmp_path / "plan.toml")
    async with app.run_test(size=(100, 30)) as pilot:
        app.attach_to_rank("trotsky-testament", 2)
        await export_through_dialog(pilot, tmp_path / "out")
        out = tmp_path / "out.docx"
        assert out.exists()
        text = "\n".join(p.text for p in Document(out).paragraphs)
        assert "Weakness of the opposition" in text
        messages = [n.text for n in app.said]
        assert any("out.docx" in m and "Exported" in m for m in messages)


async def test_the_dialog_switches_to_markdown(tmp_path):
    app = EssayPlanApp(plan=tmp_path / "plan.toml")
    async with app.run_test(size=(100, 30)) as pilot:
        await export_through_dialog(pilot, tmp_path / "notes", markdown=True)
        assert (tmp_path / "notes.md").read_text("utf-8").startswith("# ")


async def test_a_failed_export_keeps_the_dialog_open_with_the_path_and_why(tmp_path):
    app = EssayPlanApp(plan=tmp_path / "plan.toml")
    async with app.run_test(size=(100, 30)) as pilot:
        await export_through_dialog(pilot, tmp_path / "missing" / "out")
        assert isinstance(app.screen, ExportScreen)  # still open
        box = app.screen.query_one("#path")
        assert box.value == str(tmp_path / "missing" / "out.docx") and box.has_focus
        note = app.screen.query_one("#export-note")
        assert "does not exist" in str(note.render()) and note.display
        assert not (tmp_path / "missing").exists()
        # Correct the path and press Enter again: written, the dialog closes.
        box.value = str(tmp_path / "out.docx")
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert (tmp_path / "out.docx").exists()
        assert not isinstance(app.screen, ExportScreen)
        assert app.is_running


async def on_the_format_choice(pilot) -> None:
    """The export dialog open (name and class asked already), the cursor on Word/Markdown."""
    await pilot.press("ctrl+e")
    await pilot.pause()
    pilot.app.screen.query_one("#format").focus()
    await pilot.pause()


async def test_enter_on_the_format_choice_exports_that_format(tmp_path):
    save_student("", "")
    app = EssayPlanApp(plan=tmp_path / "plan.toml")
    async with app.run_test(size=(100, 30)) as pilot:
        await on_the_format_choice(pilot)
        app.screen.query_one("#path").value = str(tmp_path / "notes.docx")
        await pilot.press("down", "enter")  # Markdown, highlighted then Enter
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert (tmp_path / "notes.md").read_text("utf-8").startswith("# ")
        assert not (tmp_path / "notes.docx").exists()
        assert not isinstance(app.screen, ExportScreen)


async def test_the_key_bar_under_the_dialog_shows_its_keys(tmp_path):
    from essayplan.tui.bars import KeyBar

    save_student("", "")
    app = EssayPlanApp(plan=tmp_path / "plan.toml")
    async with app.run_test(size=(80, 24)) as pilot:
        await on_the_format_choice(pilot)
        bar = app.screen.query_one(KeyBar)
        assert bar.region.y == 23  # the bottom line, over the plan's key bar
        widget, _ = app.get_widget_at(2, 23)
        assert widget is bar
        words = [description for _key, _shown, description, _on in bar.keys()]
        assert "Export" in words and "Cancel" in words
        assert not {"Undo", "Lift/drop", "Quit"} & set(words)


async def test_the_first_export_asks_for_name_and_class_once(tmp_path):
    app = EssayPlanApp(plan=tmp_path / "plan.toml")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert isinstance(app.screen, StudentScreen)
        app.screen.query_one("#author").value = "Sam Smith"
        app.screen.query_one("#class").value = "10B"
        await pilot.click("#save")
        await pilot.pause()
        assert student_settings() == {"author": "Sam Smith", "class": "10B"}
        box = app.screen.query_one("#path")  # then the export dialog
        box.value = str(tmp_path / "out.docx")
        box.focus()
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        texts = [p.text for p in Document(tmp_path / "out.docx").paragraphs]
        assert any(t.startswith("Name: Sam Smith · Class: 10B · Date: ") for t in texts)
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert not isinstance(app.screen, StudentScreen)  # asked once


async def test_a_skipped_question_is_not_asked_again_and_the_frame_is_a_choice(tmp_path):
    app = EssayPlanApp(plan=tmp_path / "plan.toml")
    async with app.run_test(size=(100, 30)) as pilot:
        await export_through_dialog(pilot, tmp_path / "frame", frame=True)
        assert student_settings() == {"author": "", "class": ""}
        document = Document(tmp_path / "frame.docx")
        assert document.sections[-1].orientation == 1  # landscape: the writing frame's grid
        assert any(p.style.name == "Writing Box" for p in document.paragraphs)
