"""Never overwrite silently, never lose work: the core (no Textual).

Links, read-only files and locks are made at test time in tmp_path.
"""

from __future__ import annotations

import os
import stat
import sys

import pytest

from essayplan.atomic import write_atomic
from essayplan.errors import UserError
from essayplan.ops import set_text
from essayplan.plans import load_plan
from essayplan.session import open_session
from helpers import LOCK_HOLDER
from paths import HOSTILE

POSIX = pytest.mark.skipif(os.name != "posix", reason="POSIX links and mode bits")


# -- links and modes ------------------------------------------------------------


@POSIX
def test_writing_through_a_symbolic_link_writes_its_target_and_keeps_the_link(tmp_path):
    real = tmp_path / "real" / "plan.toml"
    real.parent.mkdir()
    real.write_text("old")
    link = tmp_path / "link.toml"
    link.symlink_to(real)
    write_atomic(link, b"new")
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_text() == "new"
    assert sorted(p.name for p in real.parent.iterdir()) == ["plan.toml"]


@POSIX
def test_a_chain_of_links_reaches_the_real_file(tmp_path):
    real = tmp_path / "plan.toml"
    real.write_text("old")
    (tmp_path / "one.toml").symlink_to(real)
    (tmp_path / "two.toml").symlink_to(tmp_path / "one.toml")
    write_atomic(tmp_path / "two.toml", b"new")
    assert (tmp_path / "two.toml").is_symlink() and (tmp_path / "one.toml").is_symlink()
    assert real.read_text() == "new"


@POSIX
def test_a_session_opened_through_a_link_saves_to_the_real_plan(tmp_path):
    real = tmp_path / "real.toml"
    open_session(real)
    link = tmp_path / "link.toml"
    link.symlink_to(real)
    session = open_session(link)
    session.apply(set_text(session.plan, "question", "Through the link?"))
    session.save()
    assert link.is_symlink()
    assert load_plan(real).question == "Through the link?"


@POSIX
def test_the_file_mode_is_kept(tmp_path):
    path = tmp_path / "shared.toml"
    path.write_text("old")
    path.chmod(0o640)
    write_atomic(path, b"new")
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    link = tmp_path / "link.toml"
    link.symlink_to(path)
    path.chmod(0o604)
    write_atomic(link, b"newer")
    assert stat.S_IMODE(path.stat().st_mode) == 0o604


@pytest.mark.skipif(not hasattr(os, "link"), reason="no hard links here")
def test_a_hard_linked_file_is_written_in_place_so_every_name_sees_the_new_text(tmp_path):
    first = tmp_path / "plan.toml"
    first.write_text("old")
    second = tmp_path / "also-plan.toml"
    os.link(first, second)
    write_atomic(first, b"new and longer")
    assert first.read_text() == second.read_text() == "new and longer"
    assert first.stat().st_ino == second.stat().st_ino and first.stat().st_nlink == 2
    write_atomic(second, b"short")
    assert first.read_text() == "short"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["also-plan.toml", "plan.toml"]  # the backup is gone


@pytest.mark.skipif(not hasattr(os, "link"), reason="no hard links here")
def test_a_failed_in_place_write_leaves_the_old_text_in_a_backup(tmp_path, monkeypatch):
    from essayplan import atomic

    first = tmp_path / "plan.toml"
    first.write_text("old")
    os.link(first, tmp_path / "other.toml")
    real_open = open

    def full_disk(path, mode="r", *args, **kwargs):
        if str(path) == str(first) and "+" in mode:
            raise OSError(28, "No space left on device")
        return real_open(path, mode, *args, **kwargs)

    monkeypatch.setattr("builtins.open", full_disk)
    with pytest.raises(UserError, match="No space left on device .the old text is in .*plan.toml.backup"):
        atomic.write_atomic(first, b"new")
    monkeypatch.undo()
    assert atomic.backup_path(first).read_text() == "old"


# -- export and Save as never replace without asking ------------------------------


def _plan_file(tmp_path, name="essay.toml"):
    session = open_session(tmp_path / name)
    return session.path


def test_cli_export_refuses_to_replace_an_existing_file_without_force(tmp_path, capsys):
    from essayplan.cli import main

    plan = _plan_file(tmp_path)
    out = tmp_path / "essay.md"
    out.write_text("my own notes")
    assert main(["export", str(plan), "-o", str(out)]) == 2
    assert capsys.readouterr().err.splitlines() == [f"{out} exists; add --force to replace it"]
    assert out.read_text() == "my own notes"
    assert main(["export", str(plan), "-o", str(out), "--force"]) == 0
    assert out.read_text().startswith("#")


def test_cli_export_to_the_default_output_refuses_too(tmp_path, capsys):
    from essayplan.cli import main

    plan = _plan_file(tmp_path)
    assert main(["export", str(plan)]) == 0
    before = (tmp_path / "essay.docx").read_bytes()
    assert main(["export", str(plan)]) == 2
    assert capsys.readouterr().err.endswith("essay.docx exists; add --force to replace it\n")
    assert (tmp_path / "essay.docx").read_bytes() == before


def test_save_as_never_replaces_a_pack(tmp_path, bundled_pack):
    pack_file = tmp_path / "my-pack.toml"
    pack_file.write_bytes(bundled_pack.path.read_bytes())
    session = open_session(tmp_path / "essay.toml")
    with pytest.raises(UserError, match=r"my-pack.toml: not a plan \(a pack or another file\); Save as never replaces it"):
        session.save_as(pack_file, replace_plan=True)
    assert pack_file.read_bytes() == bundled_pack.path.read_bytes()
    assert session.path == tmp_path / "essay.toml"


def test_save_as_over_a_plan_asks_first_then_replaces(tmp_path):
    from essayplan.session import PlanExists

    other = _plan_file(tmp_path, "other.toml")
    before = other.read_bytes()
    session = open_session(tmp_path / "essay.toml")
    session.apply(set_text(session.plan, "question", "Mine"))
    with pytest.raises(PlanExists):
        session.save_as(other)
    assert other.read_bytes() == before and session.path == tmp_path / "essay.toml"
    assert session.save_as(other, replace_plan=True) == other
    assert load_plan(other).question == "Mine"


# -- read-only plans --------------------------------------------------------------


@POSIX
def test_a_plan_without_write_bits_opens_read_only_and_is_never_written(tmp_path):
    from essayplan.session import ReadOnly

    path = _plan_file(tmp_path)
    path.chmod(0o444)  # root too: the mode bits decide, not os.access
    before = path.read_bytes()
    session = open_session(path)
    assert session.read_only
    session.apply(set_text(session.plan, "question", "Mine"))
    with pytest.raises(ReadOnly, match="read-only; your changes are not saved there .use Save as"):
        session.save()
    assert path.read_bytes() == before
    copy = session.save_as(tmp_path / "copy.toml")
    assert load_plan(copy).question == "Mine" and not session.read_only
    assert path.read_bytes() == before


# -- conflicts --------------------------------------------------------------------

WRITER = r"""
import sys
from essayplan.ops import set_text
from essayplan.session import open_session
session = open_session(sys.argv[1])
session.apply(set_text(session.plan, "question", sys.argv[2]))
session.save()
"""


def _other_process_saves(path, question, home):
    import subprocess

    env = {**os.environ, "ESSAYPLAN_HOME": str(home)}
    subprocess.run([sys.executable, "-c", WRITER, str(path), question], check=True, env=env, timeout=60)


def test_a_change_on_disk_behind_the_session_is_never_overwritten(tmp_path, user_home):
    from essayplan.conflicts import Conflict

    path = _plan_file(tmp_path)
    session = open_session(path)
    _other_process_saves(path, "Theirs", user_home)  # a real second process
    theirs = path.read_bytes()
    session.apply(set_text(session.plan, "question", "Mine"))
    with pytest.raises(Conflict, match="changed on disk since you opened it"):
        session.save()
    assert path.read_bytes() == theirs
    copy = session.keep_mine()
    assert copy.name.startswith("essay (conflict ") and copy.parent == tmp_path
    assert copy.read_bytes() == theirs
    assert load_plan(path).question == "Mine"
    session.apply(set_text(session.plan, "question", "Mine again"))
    session.save()  # no conflict any more: the session wrote the file itself


def test_taking_theirs_keeps_mine_in_a_conflict_copy(tmp_path, user_home):
    from essayplan.conflicts import Conflict

    path = _plan_file(tmp_path)
    session = open_session(path)
    session.apply(set_text(session.plan, "introduction", "My long introduction"))
    _other_process_saves(path, "Theirs", user_home)
    with pytest.raises(Conflict):
        session.save()
    copy, _notes = session.take_theirs()
    assert load_plan(copy).introduction == "My long introduction"
    assert session.plan.question == "Theirs" and not session.dirty
    assert load_plan(path).question == "Theirs"
    assert session.undo().introduction == "My long introduction"  # one step back to mine


def test_touching_the_file_without_changing_it_is_no_conflict(tmp_path):
    path = _plan_file(tmp_path)
    session = open_session(path)
    os.utime(path, ns=(1, 1))
    session.apply(set_text(session.plan, "question", "Mine"))
    session.save()
    assert load_plan(path).question == "Mine"


def test_conflict_copies_never_replace_each_other(tmp_path):
    from essayplan.conflicts import write_conflict_copy

    path = tmp_path / "essay.toml"
    first = write_conflict_copy(path, b"one")
    second = write_conflict_copy(path, b"two")
    assert first != second and first.read_bytes() == b"one" and second.read_bytes() == b"two"


# -- locks ------------------------------------------------------------------------


def _hold(path, home):
    import subprocess

    env = {**os.environ, "ESSAYPLAN_HOME": str(home)}
    process = subprocess.Popen(
        [sys.executable, "-c", LOCK_HOLDER, str(path)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )  # fmt: skip
    assert process.stdout.readline().strip() == "ready", process.stderr.read()
    return process


def test_a_second_process_is_told_who_holds_the_plan(tmp_path, user_home):
    from essayplan.locks import Locked, lock_path

    path = _plan_file(tmp_path)
    holder = _hold(path, user_home)
    try:
        assert lock_path(path) == tmp_path / ".essay.toml.lock"
        session = open_session(path)
        with pytest.raises(Locked) as caught:
            session.take_lock()
        assert caught.value.holder.pid == holder.pid
        assert f"process {holder.pid} on this computer" in str(caught.value)
    finally:
        holder.communicate("\n", timeout=30)
    assert not lock_path(path).exists()  # released on quit
    session.take_lock()
    assert lock_path(path).exists()
    session.release_lock()
    assert not lock_path(path).exists()


@pytest.mark.skipif(not hasattr(__import__("signal"), "SIGKILL"), reason="SIGKILL is POSIX only")
def test_a_lock_whose_process_is_gone_is_taken_over(tmp_path, user_home):
    from essayplan.locks import lock_path, read_holder

    path = _plan_file(tmp_path)
    holder = _hold(path, user_home)
    holder.kill()
    holder.communicate(timeout=30)
    assert read_holder(lock_path(path)).pid == holder.pid  # left behind by the kill
    session = open_session(path)
    session.take_lock()
    assert read_holder(lock_path(path)).pid == os.getpid()


# -- emergency copies ---------------------------------------------------------------


def test_an_emergency_copy_goes_to_the_data_folder_and_can_be_restored(tmp_path):
    from essayplan import paths, recovery

    path = _plan_file(tmp_path)
    session = open_session(path)
    session.apply(set_text(session.plan, "question", "Do not lose me"))
    copy = session.emergency_copy()
    assert copy.parent == paths.user_data() / "recovery"
    [waiting] = recovery.pending()
    assert waiting.path == copy and waiting.original == path.absolute()
    assert recovery.load(waiting).question == "Do not lose me"
    restored = recovery.restore(waiting)
    assert restored.parent == tmp_path and restored.name.startswith("essay (recovered ")
    assert load_plan(restored).question == "Do not lose me"
    assert recovery.pending() == [] and load_plan(path).question == ""


# -- pack editor drafts -------------------------------------------------------------


def test_a_pack_draft_keeps_an_unfinished_pack_and_is_removed_on_request(bundled_pack):
    from dataclasses import replace

    from essayplan import packdraft, packedit

    pack = packedit.add_factor(bundled_pack, "A factor with no cards yet")  # not valid yet: kept all the same
    key = packdraft.key_of(bundled_pack)
    assert packdraft.load_draft(key) is None
    packdraft.save_draft(key, pack)
    draft, _when = packdraft.load_draft(key)
    assert draft == pack and draft.path == bundled_pack.path
    assert packdraft.load_draft(packdraft.key_of(replace(bundled_pack, path=None))) is None
    packdraft.remove_draft(key)
    assert packdraft.load_draft(key) is None


def test_a_broken_draft_is_ignored(bundled_pack):
    from essayplan import packdraft

    key = packdraft.key_of(bundled_pack)
    path = packdraft.draft_path(key)
    path.parent.mkdir(parents=True)
    path.write_text(f'draft_of = "{key}"\nfactors = [1, 2]\n')
    assert packdraft.load_draft(key) is None


# -- the hostile corpus: tests/data/hostile/write-* ------------------------------------------


def _hostile(pattern):
    return sorted(HOSTILE.glob(pattern), key=lambda p: p.name)


def _dead_pid() -> int:
    import subprocess

    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid  # reaped: no process has it (until the system reuses it, much later)


def test_the_writing_corpus_is_all_used():
    names = {p.name for p in _hostile("write-*")}
    used = {p.name for kind in ("lock-stale", "lock-held", "recovery-ignored", "recovery-offered", "recovery-unrestorable",
                                "draft-ignored", "saveas-refused", "saveas-asks") for p in _hostile(f"write-{kind}-*")}  # fmt: skip
    assert names == used and len(names) >= 10


def _plant_lock(case, plan):
    from essayplan.locks import _host, lock_path

    text = case.read_text("utf-8").replace("{host}", _host()).replace("{dead_pid}", str(_dead_pid()))
    lock_path(plan).write_text(text, "utf-8")


@pytest.mark.parametrize("case", _hostile("write-lock-stale-*"), ids=lambda p: p.name)
def test_a_stale_or_unreadable_lock_is_taken_over(case, tmp_path):
    from essayplan.locks import lock_path, read_holder

    plan = _plan_file(tmp_path)
    _plant_lock(case, plan)
    session = open_session(plan)
    session.take_lock()
    assert read_holder(lock_path(plan)).pid == os.getpid()
    session.release_lock()
    assert not lock_path(plan).exists()


@pytest.mark.parametrize("case", _hostile("write-lock-held-*"), ids=lambda p: p.name)
def test_a_lock_held_elsewhere_is_reported_cleanly_and_never_taken(case, tmp_path):
    from essayplan.locks import Locked, lock_path
    from essayplan.safetext import has_controls

    plan = _plan_file(tmp_path)
    _plant_lock(case, plan)
    before = lock_path(plan).read_bytes()
    with pytest.raises(Locked) as caught:
        open_session(plan).take_lock()
    assert caught.value.holder.pid == 1 and not has_controls(str(caught.value))
    assert lock_path(plan).read_bytes() == before


def test_quitting_removes_our_own_lock_and_never_one_taken_over_since(tmp_path):
    from essayplan.locks import lock_path

    plan = _plan_file(tmp_path)
    session = open_session(plan)
    session.take_lock()
    ours = lock_path(plan).read_bytes()
    # Rewritten by hand, still naming this process: ours all the same (read, not just compared).
    lock_path(plan).write_bytes(b"# kept open\n" + ours)
    session.release_lock()
    assert not lock_path(plan).exists()

    session.take_lock()
    _plant_lock(HOSTILE / "write-lock-held-other-host.lock", plan)  # another app took it over
    taken = lock_path(plan).read_bytes()
    session.release_lock()
    assert lock_path(plan).read_bytes() == taken


def _plant_copy(case):
    from essayplan import recovery

    recovery.folder().mkdir(parents=True, exist_ok=True)
    target = recovery.folder() / case.name
    target.write_bytes(case.read_bytes())
    return target


@pytest.mark.parametrize("case", _hostile("write-recovery-ignored-*"), ids=lambda p: p.name)
def test_a_file_in_the_recovery_folder_that_is_no_emergency_copy_is_ignored(case):
    from essayplan import recovery

    _plant_copy(case)
    assert recovery.pending() == []


@pytest.mark.parametrize("case", _hostile("write-recovery-offered-*"), ids=lambda p: p.name)
def test_an_emergency_copy_with_a_hostile_original_name_is_restored_safely(case, monkeypatch, tmp_path):
    from essayplan import paths, recovery

    _plant_copy(case)
    monkeypatch.setattr(paths, "user_documents", lambda: tmp_path)
    [copy] = recovery.pending()
    restored = recovery.restore(copy)  # its folder does not exist: into the documents folder
    assert restored.parent == tmp_path and load_plan(restored).question
    assert recovery.pending() == []


@pytest.mark.parametrize("case", _hostile("write-recovery-unrestorable-*"), ids=lambda p: p.name)
def test_an_emergency_copy_that_is_not_a_plan_is_never_restored_and_kept(case, monkeypatch, tmp_path):
    from essayplan import paths, recovery

    _plant_copy(case)
    monkeypatch.setattr(paths, "user_documents", lambda: tmp_path)
    [copy] = recovery.pending()
    with pytest.raises(UserError):
        recovery.restore(copy)
    assert recovery.pending() == [copy] and list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("case", _hostile("write-draft-ignored-*"), ids=lambda p: p.name)
def test_a_draft_that_does_not_read_as_one_is_ignored(case, bundled_pack):
    from essayplan import packdraft

    key = packdraft.key_of(bundled_pack)
    path = packdraft.draft_path(key)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(case.read_text("utf-8").replace("{key}", key), "utf-8")
    assert packdraft.load_draft(key) is None


@pytest.mark.parametrize("case", _hostile("write-saveas-refused-*"), ids=lambda p: p.name)
def test_save_as_never_replaces_a_file_that_is_not_a_plan(case, tmp_path):
    target = tmp_path / case.name
    target.write_bytes(case.read_bytes())
    session = open_session(tmp_path / "essay.toml")
    with pytest.raises(UserError, match="not a plan"):
        session.save_as(target, replace_plan=True)
    assert target.read_bytes() == case.read_bytes()


@pytest.mark.parametrize("case", _hostile("write-saveas-asks-*"), ids=lambda p: p.name)
def test_save_as_over_a_plan_from_the_corpus_asks(case, tmp_path):
    from essayplan.session import PlanExists

    target = tmp_path / case.name
    target.write_bytes(case.read_bytes())
    session = open_session(tmp_path / "essay.toml")
    with pytest.raises(PlanExists):
        session.save_as(target)
    assert target.read_bytes() == case.read_bytes()
