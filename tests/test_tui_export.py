"""Export from the app: ctrl+e asks where and how, a worker writes, a notification names the file."""

from __future__ import annotations

from docx import Document

from essayplan.tui import EssayPlanApp


async def export_through_dialog(pilot, path, markdown: bool = False) -> None:
    app = pilot.app
    await pilot.press("ctrl+e")
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
        messages = [n.message for n in app._notifications]
        assert any("out.docx" in m and "Exported" in m for m in messages)


async def test_the_dialog_switches_to_markdown(tmp_path):
    app = EssayPlanApp(plan=tmp_path / "plan.toml")
    async with app.run_test(size=(100, 30)) as pilot:
        await export_through_dialog(pilot, tmp_path / "notes", markdown=True)
        assert (tmp_path / "notes.md").read_text("utf-8").startswith("# ")


async def test_a_failed_export_says_why_and_keeps_working(tmp_path):
    app = EssayPlanApp(plan=tmp_path / "plan.toml")
    async with app.run_test(size=(100, 30)) as pilot:
        await export_through_dialog(pilot, tmp_path / "missing" / "out")
        messages = [n.message for n in app._notifications]
        assert any("does not exist" in m for m in messages)
        assert not (tmp_path / "missing").exists()
        assert app.is_running
