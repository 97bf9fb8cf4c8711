"""The app in a served class: the name first, the student's folder only, downloads, browser keys."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
from textual import messages as textual_messages

from essayplan.classroom import Policy
from essayplan.plans import load_plan
from essayplan.tui.bars import KeyBar, TopBar
from essayplan.tui.board import Ladder
from essayplan.tui.classroom import ClassHelpScreen, ClassroomApp, DownloadScreen, NameScreen
from essayplan.tui.commands import PlanCommands
from essayplan.tui.planscreen import PlanScreen
from paths import FACTORS

STALIN = FACTORS / "stalin-rise.toml"
WW1 = FACTORS / "ww1-causes.toml"
SIZE = (100, 30)


@pytest.fixture
def policy(tmp_path) -> Policy:
    return Policy(folder=tmp_path / "class", packs=(STALIN,), homes=tmp_path / "homes")


async def until(pilot, condition, rounds: int = 100) -> None:
    """Pause until `condition()` holds (a deadline of rounds, never a fixed sleep)."""
    for _ in range(rounds):
        if condition():
            return
        await pilot.pause(0.02)
    assert condition()


async def give_name(pilot, name: str) -> None:
    box = pilot.app.screen.query_one("#name")
    box.value = name
    box.focus()
    await pilot.press("enter")
    await pilot.pause()


def files_under(folder: Path) -> set[Path]:
    return {p.relative_to(folder) for p in folder.rglob("*") if p.is_file()}


async def test_the_name_comes_first_and_the_plan_lands_in_the_students_folder(policy, tmp_path):
    app = ClassroomApp(policy)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, NameScreen)
        assert app.session is None
        await give_name(pilot, "Sam Lee")
        await until(pilot, lambda: isinstance(app.screen, PlanScreen))
        plan_path = tmp_path / "class" / "sam-lee" / "stalin-rise.toml"
        assert app.session.path == plan_path and plan_path.is_file()
        app.attach_to_rank("trotsky-testament", 1)
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert "trotsky-testament" in load_plan(plan_path).paragraphs[0].evidence
    # Settings and recovery copies are the student's own, outside the class folder.
    assert not (tmp_path / "class" / "sam-lee" / "data").exists()


async def test_a_name_like_a_path_stays_inside_the_class_folder(policy, tmp_path):
    app = ClassroomApp(policy)
    async with app.run_test(size=SIZE) as pilot:
        await give_name(pilot, "../../x")
        await until(pilot, lambda: isinstance(app.screen, PlanScreen))
    assert app.session.path == tmp_path / "class" / "x" / "stalin-rise.toml"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["class", "homes"]


async def test_a_name_with_no_letters_is_refused_and_nothing_is_written(policy, tmp_path):
    app = ClassroomApp(policy)
    async with app.run_test(size=SIZE) as pilot:
        await give_name(pilot, "../..")
        assert isinstance(app.screen, NameScreen)
        assert "letters or digits" in str(app.screen.query_one("#name-error").render())
        assert app.session is None
        await pilot.press("ctrl+e", "ctrl+z", "ctrl+s")  # nothing to export, undo or save yet
        await pilot.pause()
        assert isinstance(app.screen, NameScreen)
    assert not (tmp_path / "class").exists() or not any((tmp_path / "class").iterdir())


async def test_before_the_name_the_palette_waits_and_quit_quits(policy, tmp_path):
    app = ClassroomApp(policy)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p", "f2", "alt+p")
        await pilot.pause()
        assert isinstance(app.screen, NameScreen)
        await pilot.press("alt+q")  # ctrl+q, which a browser keeps
        await until(pilot, lambda: not app.is_running)
    assert app.return_code == 0
    assert not (tmp_path / "class").exists()


async def test_the_topic_is_chosen_on_the_name_screen(tmp_path):
    policy = Policy(folder=tmp_path / "class", packs=(STALIN, WW1), homes=tmp_path / "homes")
    app = ClassroomApp(policy)
    async with app.run_test(size=SIZE) as pilot:
        app.screen.query_one("#name").value = "Ana"
        await pilot.press("down", "enter")  # ↓ from the name field chooses the second topic
        await until(pilot, lambda: isinstance(app.screen, PlanScreen))
        assert app.pack.id == "ww1-causes"
    assert (tmp_path / "class" / "ana" / "ww1-causes.toml").is_file()


async def test_two_students_never_share_a_plan(policy, tmp_path):
    for name, card in (("Ana", "trotsky-testament"), ("Ben", None)):
        app = ClassroomApp(policy)
        async with app.run_test(size=SIZE) as pilot:
            await give_name(pilot, name)
            await until(pilot, lambda: isinstance(app.screen, PlanScreen))
            if card:
                app.attach_to_rank(card, 1)
            else:
                assert not any(p.evidence for p in app.plan.paragraphs)  # Ben starts afresh
    assert files_under(tmp_path / "class") == {Path("ana/stalin-rise.toml"), Path("ben/stalin-rise.toml")}


async def test_save_as_pack_editing_and_the_library_are_not_offered(policy, tmp_path):
    app = ClassroomApp(policy)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await give_name(pilot, "Sam")
        await until(pilot, lambda: isinstance(app.screen, PlanScreen))
        entries = list(PlanCommands.commands(SimpleNamespace(app=app)))
        offered = {title for title, _help, _run in entries}
        assert dict((title, help_text) for title, help_text, _run in entries)["Help: keys and dragging"].endswith("(Alt+H)")
        assert "Export…" in offered and "Save" in offered
        assert not {"Save as…", "Edit this pack…", "New pack…", "Open another pack…"} & offered
        for action in ("save_as", "edit_pack", "edit_pack(True)", "choose_pack"):
            assert app.check_action(action.split("(")[0], ()) is False
            await app.run_action(action)  # even when asked for by name
            await pilot.pause()
            assert isinstance(app.screen, PlanScreen), action
        app.action_save_as()  # called straight (a dialog's button): it says why not
        await pilot.pause()
        assert isinstance(app.screen, PlanScreen)
        assert any("Not in class" in n.text for n in app.said)
    assert files_under(tmp_path / "class") == {Path("sam/stalin-rise.toml")}
    assert not (tmp_path / "homes" / "sam" / "data" / "packs").exists()


@pytest.mark.parametrize(("fmt", "start"), [("docx", b"PK"), ("md", b"# ")])
async def test_export_is_a_download_not_a_file_on_the_server(policy, tmp_path, monkeypatch, fmt, start):
    delivered = []
    app = ClassroomApp(policy)
    monkeypatch.setattr(app, "deliver_binary", lambda file, **options: delivered.append((file.read(), options)))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await give_name(pilot, "Sam Lee")
        await until(pilot, lambda: isinstance(app.screen, PlanScreen))
        await pilot.press("ctrl+e")
        await until(pilot, lambda: isinstance(app.screen, DownloadScreen))
        if fmt == "md":
            await pilot.click("#md")
        await pilot.click("#ok")
        await app.workers.wait_for_complete()
        await until(pilot, lambda: delivered)
        await until(pilot, lambda: any("downloading" in n.text for n in app.said))
    data, options = delivered[0]
    assert data.startswith(start)
    assert options["save_filename"] == f"sam-lee-stalin-rise.{fmt}"
    assert files_under(tmp_path / "class") == {Path("sam-lee/stalin-rise.toml")}  # no document left there


async def test_the_keys_shown_are_the_ones_a_browser_lets_through(policy):
    app = ClassroomApp(policy)
    async with app.run_test(size=(120, 30)) as pilot:
        await give_name(pilot, "Sam")
        await until(pilot, lambda: isinstance(app.screen, PlanScreen))
        tabs = str(app.screen.query_one(TopBar).render())
        assert "Rank Alt+R" in tabs and "Links Alt+L" in tabs and "F2" not in tabs
        assert "sam/stalin-rise.toml in the class folder" in tabs and str(policy.folder) not in tabs
        await pilot.press("alt+p")  # F3 in a terminal
        await until(pilot, lambda: app.plan_screen.current == "plan")
        keys = str(app.screen.query_one(KeyBar).render())
        assert "Alt+N" in keys  # the plan view's ctrl+n
        # The Plan view's own hints name the browser's keys too.
        await until(pilot, lambda: "Check)" in str(app.screen.query_one("#plan-status").render()))
        assert "(Alt+C Check)" in str(app.screen.query_one("#plan-status").render())
        await until(pilot, lambda: bool(app.screen.query(".add-evidence")))
        assert all("(Enter or Alt+N)" in str(add.render()) for add in app.screen.query(".add-evidence"))
        assert "^n" not in keys and "^t" not in keys and "^q" not in keys and "F1" not in keys
        await pilot.press("alt+h")
        await until(pilot, lambda: isinstance(app.screen, ClassHelpScreen))
        help_text = app.screen.query_one("Markdown").source
        assert "Alt+R / Alt+P / Alt+C / Alt+L" in help_text
        for kept in ("F1", "F2", "F3", "F4", "F5", "ctrl+n", "ctrl+t"):
            assert kept not in help_text.split("## In the browser")[1].split("| ctrl+q (quit)")[1], kept


async def test_a_click_on_a_tab_shows_its_view(policy):
    app = ClassroomApp(policy)
    async with app.run_test(size=SIZE) as pilot:
        await give_name(pilot, "Sam")
        await until(pilot, lambda: isinstance(app.screen, PlanScreen))
        bar = app.screen.query_one(TopBar)
        bar.render()
        start = next(start for start, _end, view in bar.parts if view == "check")
        await pilot.click(TopBar, offset=(start + 1, 0))
        await until(pilot, lambda: app.plan_screen.current == "check")


async def test_alt_n_adds_evidence_where_ctrl_n_would(policy):
    app = ClassroomApp(policy)
    async with app.run_test(size=SIZE) as pilot:
        await give_name(pilot, "Sam")
        await until(pilot, lambda: isinstance(app.screen, PlanScreen))
        await pilot.press("alt+p")
        await until(pilot, lambda: app.plan_screen.current == "plan")
        heading = app.screen.query_one("#plan").query(".paragraph-heading, ParagraphHeading").first()
        heading.focus()
        await pilot.pause()
        before = len(app.screen_stack)
        await pilot.press("alt+n")
        await until(pilot, lambda: len(app.screen_stack) > before)


async def test_keys_after_the_browser_tab_comes_back_still_reach_the_reason(policy, tmp_path):
    """A student types a reason, looks at another tab, comes back and types on (textual-serve
    sends blur and focus: Textual's AppBlur and AppFocus)."""
    from textual import events

    app = ClassroomApp(policy)
    async with app.run_test(size=SIZE) as pilot:
        await give_name(pilot, "Sam")
        await until(pilot, lambda: isinstance(app.screen, PlanScreen))
        ladder = app.screen.query_one(Ladder)
        ladder.focus()  # a new plan starts on its question; the reason is typed on the ranking
        await until(pilot, lambda: app.focused is ladder)
        await pilot.press(*"abc")
        await until(pilot, lambda: app.plan.ranking[0].reason == "abc")
        app.post_message(events.AppBlur())
        await until(pilot, lambda: not app.app_focus)
        app.post_message(events.AppFocus())
        await until(pilot, lambda: app.app_focus and app.focused is not None)
        await pilot.press(*"def")
        await until(pilot, lambda: app.plan.ranking[0].reason == "abcdef")


async def test_a_closed_tab_loses_nothing(policy, tmp_path):
    """The browser gone (textual-serve's quit: Textual's ExitApp) saves what the autosave had not."""
    app = ClassroomApp(policy)
    async with app.run_test(size=SIZE) as pilot:
        await give_name(pilot, "Sam")
        await until(pilot, lambda: isinstance(app.screen, PlanScreen))
        app.attach_to_rank("trotsky-testament", 1)  # the autosave is a second away
        assert app.session.dirty
        app.post_message(textual_messages.ExitApp())
        await until(pilot, lambda: not app.is_running)
    plan = load_plan(tmp_path / "class" / "sam" / "stalin-rise.toml")
    assert "trotsky-testament" in plan.paragraphs[0].evidence
    assert not list((tmp_path / "class" / "sam").glob(".*.lock"))  # the lock is released


async def test_the_same_name_again_finds_the_plan(policy, tmp_path):
    for _ in range(2):
        app = ClassroomApp(policy)
        async with app.run_test(size=SIZE) as pilot:
            await give_name(pilot, "Sam")
            await until(pilot, lambda: isinstance(app.screen, PlanScreen))
            if not app.plan.paragraphs[0].evidence:
                app.attach_to_rank("trotsky-testament", 1)
            else:
                assert app.plan.paragraphs[0].evidence == ("trotsky-testament",)
