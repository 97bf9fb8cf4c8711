"""Never overwrite silently, never lose work: the app's side, driven through Pilot
(and real processes for the lock, SIGTERM and a killed pack editor)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from essayplan import ops, paths, recovery
from essayplan.locks import lock_path
from essayplan.plans import load_plan, save_plan
from essayplan.session import open_session
from essayplan.tui import EssayPlanApp
from essayplan.tui import app as app_module
from essayplan.tui.screens import ChoiceScreen
from helpers import LOCK_HOLDER
from paths import HOSTILE

SIZE = (100, 30)
POSIX = pytest.mark.skipif(os.name != "posix", reason="POSIX mode bits and signals")


async def wait_for(pilot, condition, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting"
        await pilot.pause(0.02)


def dialog(app, dialog_id: str) -> ChoiceScreen | None:
    screen = app.screen
    return screen if isinstance(screen, ChoiceScreen) and screen.id == dialog_id else None


async def choose(pilot, dialog_id: str, button: str) -> None:
    await wait_for(pilot, lambda: dialog(pilot.app, dialog_id) is not None and dialog(pilot.app, dialog_id).query(f"#{button}"))
    await pilot.pause()
    await pilot.click(f"#{button}")
    await wait_for(pilot, lambda: dialog(pilot.app, dialog_id) is None)


def messages(app) -> str:
    return "\n".join(n.text for n in app.said)


def env(home: Path) -> dict[str, str]:
    return {**os.environ, "ESSAYPLAN_HOME": str(home), "TEXTUAL_ANIMATION": "none"}


# -- read-only plans ----------------------------------------------------------------


@POSIX
async def test_a_read_only_plan_is_never_written_and_save_as_keeps_the_changes(tmp_path, monkeypatch):
    monkeypatch.setattr(app_module, "AUTOSAVE_SECONDS", 0.01)
    path = tmp_path / "essay.toml"
    open_session(path)
    path.chmod(0o444)
    before = path.read_bytes()
    app = EssayPlanApp(plan=path)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: "read-only" in messages(app))
        assert "read-only" in str(app.query_one("#topbar").status)
        app.run_op(ops.set_question, "Mine")
        await wait_for(pilot, lambda: app._autosave_timer is None)  # autosave came and went
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: "use Save as" in messages(app))
        assert path.read_bytes() == before
        await pilot.press("ctrl+q")
        await choose(pilot, "read-only-dialog", "save-as")
        app.screen.query_one("#prompt").value = str(tmp_path / "mine.toml")
        await pilot.press("enter")
        await wait_for(pilot, lambda: (tmp_path / "mine.toml").exists())
    assert load_plan(tmp_path / "mine.toml").question == "Mine"
    assert path.read_bytes() == before


@POSIX
async def test_quitting_a_read_only_plan_without_saving_leaves_it_unchanged(tmp_path):
    path = tmp_path / "essay.toml"
    open_session(path)
    path.chmod(0o444)
    before = path.read_bytes()
    app = EssayPlanApp(plan=path)
    async with app.run_test(size=SIZE) as pilot:
        app.run_op(ops.set_question, "Mine")
        await pilot.press("ctrl+q")
        await choose(pilot, "read-only-dialog", "quit")
        await wait_for(pilot, lambda: not app.is_running)
    assert path.read_bytes() == before


# -- export and Save as ask before replacing -------------------------------------------


async def test_export_asks_before_replacing_a_file(tmp_path):
    out = tmp_path / "out.md"
    out.write_text("my own notes")
    from essayplan.export import save_student

    save_student("", "")  # asked already (#16): the export dialog opens straight away
    app = EssayPlanApp(plan=tmp_path / "plan.toml")
    async with app.run_test(size=SIZE) as pilot:
        for answer in ("cancel", "replace"):
            await pilot.press("ctrl+e")
            await pilot.pause()
            await pilot.click("#md")
            await pilot.pause()
            box = app.screen.query_one("#path")
            box.value = str(out)
            box.focus()
            await pilot.press("enter")
            await choose(pilot, "replace-dialog", answer)
            await app.workers.wait_for_complete()
            await pilot.pause()
            if answer == "cancel":
                assert out.read_text() == "my own notes"
    assert out.read_text().startswith("# ")


async def save_as(pilot, target: Path) -> None:
    pilot.app.action_save_as()
    await pilot.pause()
    pilot.app.screen.query_one("#prompt").value = str(target)
    await pilot.press("enter")
    await pilot.pause()


async def test_save_as_refuses_a_pack_and_asks_before_a_plan(tmp_path, bundled_pack):
    pack_file = tmp_path / "pack.toml"
    pack_file.write_bytes(bundled_pack.path.read_bytes())
    other = tmp_path / "other.toml"
    open_session(other)
    app = EssayPlanApp(plan=tmp_path / "plan.toml")
    async with app.run_test(size=SIZE) as pilot:
        app.run_op(ops.set_question, "Mine")
        await save_as(pilot, pack_file)
        await wait_for(pilot, lambda: "Save as never replaces it" in messages(app))
        assert pack_file.read_bytes() == bundled_pack.path.read_bytes()
        await save_as(pilot, other)
        await choose(pilot, "replace-dialog", "replace")
        await wait_for(pilot, lambda: app.session.path == other)
    assert load_plan(other).question == "Mine"


# -- conflicts ---------------------------------------------------------------------


async def test_a_plan_changed_on_disk_is_not_overwritten_and_both_are_kept(tmp_path, monkeypatch):
    monkeypatch.setattr(app_module, "AUTOSAVE_SECONDS", 0.01)
    path = tmp_path / "plan.toml"
    app = EssayPlanApp(plan=path)
    async with app.run_test(size=SIZE) as pilot:
        theirs = ops.set_question(load_plan(path), "Theirs")
        save_plan(theirs, path)  # another program, behind the app's back
        on_disk = path.read_bytes()
        app.run_op(ops.set_question, "Mine")  # the autosave stops and asks
        await wait_for(pilot, lambda: dialog(app, "conflict-dialog") is not None)
        assert path.read_bytes() == on_disk
        await choose(pilot, "conflict-dialog", "mine")
        [copy] = tmp_path.glob("plan (conflict *).toml")
        assert copy.read_bytes() == on_disk
        assert load_plan(path).question == "Mine"


async def test_loading_theirs_keeps_mine_in_a_conflict_copy(tmp_path):
    path = tmp_path / "plan.toml"
    app = EssayPlanApp(plan=path)
    async with app.run_test(size=SIZE) as pilot:
        save_plan(ops.set_question(load_plan(path), "Theirs"), path)
        app.run_op(ops.set_question, "Mine")
        await pilot.press("ctrl+s")
        await choose(pilot, "conflict-dialog", "theirs")
        assert app.plan.question == "Theirs"
        [copy] = tmp_path.glob("plan (conflict *).toml")
        assert load_plan(copy).question == "Mine"
        assert "Theirs" in str(app.query_one("#question").render())


# -- locks: a second app on the same plan -------------------------------------------------


async def test_a_second_app_says_who_holds_the_plan_and_can_open_it_read_only(tmp_path, user_home):
    path = tmp_path / "plan.toml"
    open_session(path)
    holder = subprocess.Popen(
        [sys.executable, "-c", LOCK_HOLDER, str(path)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env(user_home),
    )  # fmt: skip
    try:
        assert holder.stdout.readline().strip() == "ready"
        app = EssayPlanApp(plan=path)
        async with app.run_test(size=SIZE) as pilot:
            await wait_for(pilot, lambda: dialog(app, "lock-dialog") is not None)
            assert f"process {holder.pid} on this computer" in app.screen.message
            await choose(pilot, "lock-dialog", "read-only")
            assert app.session.read_only
            assert "read-only" in str(app.query_one("#topbar").status)
    finally:
        holder.communicate("\n", timeout=30)


async def test_the_app_holds_the_lock_while_open_and_removes_it_on_quit(tmp_path):
    path = tmp_path / "plan.toml"
    app = EssayPlanApp(plan=path)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: lock_path(path).exists())
        await pilot.press("ctrl+q")
        await wait_for(pilot, lambda: not app.is_running)
    assert not lock_path(path).exists()


# -- SIGTERM when saving is impossible: an emergency copy, offered at the next start -----

SIGTERM_DRIVER = r"""
import sys
from essayplan import ops
from essayplan.tui import EssayPlanApp

app = EssayPlanApp(plan=sys.argv[1])

async def auto(pilot):
    await pilot.pause()
    app.run_op(ops.set_question, "Unsaved work")
    print("ready", flush=True)

app.run(headless=True, auto_pilot=auto, size=(100, 30))
"""


@pytest.mark.skipif(not hasattr(signal, "SIGTERM") or os.name != "posix", reason="POSIX signals")
async def test_sigterm_with_the_folder_gone_keeps_an_emergency_copy_offered_at_next_start(
    tmp_path, user_home, monkeypatch
):
    import shutil

    folder = tmp_path / "essays"
    folder.mkdir()
    path = folder / "plan.toml"
    process = subprocess.Popen(
        [sys.executable, "-c", SIGTERM_DRIVER, str(path)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, env=env(user_home), text=True,
    )  # fmt: skip
    assert process.stdout.readline().strip() == "ready"
    shutil.rmtree(folder)
    process.send_signal(signal.SIGTERM)
    out, err = process.communicate(timeout=60)
    [copy] = recovery.pending()
    assert copy.original == path and recovery.load(copy).question == "Unsaved work"
    assert f"Your plan is kept in {copy.path}" in out + err

    documents = tmp_path / "documents"
    documents.mkdir()
    monkeypatch.setattr(paths, "user_documents", lambda: documents)
    app = EssayPlanApp(plan=tmp_path / "another.toml")
    async with app.run_test(size=SIZE) as pilot:
        await choose(pilot, "recovery-dialog", "recover")
        [restored] = documents.glob("plan (recovered *).toml")
        assert load_plan(restored).question == "Unsaved work"
        assert "Recovered to" in messages(app)
    assert recovery.pending() == []


async def test_an_emergency_copy_of_the_open_plan_comes_back_into_it(tmp_path):
    path = tmp_path / "plan.toml"
    session = open_session(path)
    session.apply(ops.set_question(session.plan, "Kept by the copy"))
    session.emergency_copy()
    app = EssayPlanApp(plan=path)
    async with app.run_test(size=SIZE) as pilot:
        await choose(pilot, "recovery-dialog", "recover")
        assert app.plan.question == "Kept by the copy"
    assert recovery.pending() == []


async def test_later_keeps_the_copy_and_discard_removes_it(tmp_path):
    path = tmp_path / "plan.toml"
    open_session(path).emergency_copy()
    for answer, left in (("later", 1), ("discard", 0)):
        app = EssayPlanApp(plan=path)
        async with app.run_test(size=SIZE) as pilot:
            await choose(pilot, "recovery-dialog", answer)
        assert len(recovery.pending()) == left


# -- the pack editor's draft survives a kill -----------------------------------------------

EDITOR_DRIVER = r"""
import sys
from essayplan import packdraft, packedit
from essayplan.tui import EssayPlanApp

app = EssayPlanApp(plan=sys.argv[1])

async def auto(pilot):
    await pilot.pause()
    app.action_edit_pack()
    await pilot.pause()
    editor = app.screen
    editor.apply(packedit.rename_pack(editor.pack, "Renamed but never saved"))
    while packdraft.load_draft(editor.draft_key) is None:
        await pilot.pause(0.02)
    print("ready", flush=True)

app.run(headless=True, auto_pilot=auto, size=(100, 30))
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX only")
async def test_the_pack_editor_draft_survives_a_kill_and_is_offered_back(tmp_path, user_home):
    from essayplan.tui.packeditor import PackEditor

    plan = tmp_path / "plan.toml"
    open_session(plan)
    process = subprocess.Popen(
        [sys.executable, "-c", EDITOR_DRIVER, str(plan)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, env=env(user_home), text=True,
    )  # fmt: skip
    line = process.stdout.readline()
    process.kill()
    _, err = process.communicate(timeout=30)
    assert line.strip() == "ready", err

    app = EssayPlanApp(plan=plan)
    async with app.run_test(size=SIZE) as pilot:
        app.action_edit_pack()
        await choose(pilot, "draft-dialog", "restore")
        await wait_for(pilot, lambda: isinstance(app.screen, PackEditor))
        editor = app.screen
        assert editor.pack.title == "Renamed but never saved" and editor.dirty
        await pilot.press("ctrl+z")
        await wait_for(pilot, lambda: not editor.dirty)  # one step back to the pack as saved
        await pilot.press("escape")
        await wait_for(pilot, lambda: not isinstance(app.screen, PackEditor))
    from essayplan import packdraft

    assert packdraft.load_draft(packdraft.key_of(app.pack)) is None  # nothing unsaved any more


# -- hostile names in the dialogs: shown literally, cleaned ---------------------------------


async def test_a_hostile_lock_and_emergency_copy_are_shown_literally(tmp_path):
    from essayplan.safetext import has_controls

    path = tmp_path / "plan.toml"
    open_session(path)
    lock_path(path).write_bytes((HOSTILE / "write-lock-held-markup-host.lock").read_bytes())
    recovery.folder().mkdir(parents=True)
    copy = HOSTILE / "write-recovery-offered-markup-original.toml"
    (recovery.folder() / copy.name).write_bytes(copy.read_bytes())
    app = EssayPlanApp(plan=path)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: dialog(app, "lock-dialog") is not None)
        assert "[/]" in app.screen.message and not has_controls(app.screen.message)
        await choose(pilot, "lock-dialog", "read-only")
        await wait_for(pilot, lambda: dialog(app, "recovery-dialog") is not None)
        assert "[/]" in app.screen.message and not has_controls(app.screen.message)
        await choose(pilot, "recovery-dialog", "later")
        assert app.is_running
    assert len(recovery.pending()) == 1


async def test_the_pack_editor_asks_before_save_as_replaces_a_file(tmp_path):
    from essayplan.tui.packeditor import PackEditor

    plan = tmp_path / "plan.toml"
    app = EssayPlanApp(plan=plan)
    async with app.run_test(size=SIZE) as pilot:
        app.action_edit_pack()
        await wait_for(pilot, lambda: isinstance(app.screen, PackEditor))
        editor = app.screen
        before = plan.read_bytes()
        for answer in ("cancel", "replace"):
            editor.action_save_as()
            await wait_for(pilot, lambda: app.screen.query("#prompt"))
            app.screen.query_one("#prompt").value = str(plan)
            await pilot.press("enter")
            await choose(pilot, "replace-dialog", answer)
            if answer == "cancel":
                assert plan.read_bytes() == before
        await wait_for(pilot, lambda: plan.read_bytes() != before)
    assert b"[[factors]]" in plan.read_bytes()  # the student chose to replace it


async def test_a_new_pack_killed_before_its_first_save_is_offered_back(tmp_path):
    from essayplan import packdraft, packedit
    from essayplan.tui.packeditor import PackEditor

    fresh = packedit.empty_pack("Causes of the Cold War")
    draft = packedit.add_factor(fresh, "The arms race")
    packdraft.save_draft(packdraft.key_of(fresh), draft)  # what a killed editor left
    app = EssayPlanApp(plan=tmp_path / "plan.toml")
    async with app.run_test(size=SIZE) as pilot:
        app.action_edit_pack(new=True)
        await wait_for(pilot, lambda: app.screen.query("#prompt"))
        app.screen.query_one("#prompt").value = "Causes of the Cold War"
        await pilot.press("enter")
        await choose(pilot, "draft-dialog", "restore")
        await wait_for(pilot, lambda: isinstance(app.screen, PackEditor))
        assert [f.title for f in app.screen.pack.factors][-1] == "The arms race"
