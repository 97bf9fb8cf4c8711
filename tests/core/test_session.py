"""Sessions: which plan opens, where it is saved, and nothing a student typed is lost."""

from __future__ import annotations

import os
from dataclasses import replace

import pytest

from essayplan import paths
from essayplan.errors import UserError
from essayplan.model import Paragraph
from essayplan.ops import move_factor, set_text
from essayplan.plans import load_plan, save_plan
from essayplan.session import last_plan, open_session


def test_no_arguments_creates_a_plan_in_the_data_folder_and_remembers_it(bundled_pack):
    session = open_session()
    assert session.pack == bundled_pack
    assert session.path == paths.user_data() / "plans" / "stalin-rise.toml"
    assert session.in_data_folder and not session.dirty
    # (a save stamps the file with its own time: a second may have passed since the plan was made)
    assert replace(load_plan(session.path), modified=session.plan.modified) == session.plan
    assert last_plan() == session.path.resolve()


def test_the_second_open_returns_the_same_plan():
    first = open_session()
    first.apply(set_text(first.plan, "question", "Why did Stalin win?"))
    first.save()
    second = open_session()
    assert second.path.resolve() == first.path.resolve()
    assert second.plan.question == "Why did Stalin win?"
    assert second.plan == load_plan(first.path)


def test_the_last_plan_worked_on_opens_next_time(tmp_path):
    open_session()
    mine = tmp_path / "mine.toml"
    open_session(mine)
    assert open_session().path.resolve() == mine.resolve()


def test_a_plan_path_that_does_not_exist_is_created(tmp_path, bundled_pack):
    path = tmp_path / "essay.toml"
    session = open_session(path)
    assert path.is_file()
    assert load_plan(path).ranking == session.plan.ranking
    assert [r.factor for r in session.plan.ranking] == [f.id for f in bundled_pack.factors]
    assert not session.in_data_folder


def test_a_new_plan_path_in_a_missing_folder_is_refused(tmp_path):
    path = tmp_path / "nowhere" / "essay.toml"
    with pytest.raises(UserError, match=rf"^{path}: folder {path.parent} does not exist$"):
        open_session(path)
    assert not path.parent.exists()


def test_an_unreadable_plan_is_refused_and_left_untouched(tmp_path):
    path = tmp_path / "essay.toml"
    broken = b'schema = 1\npack = "stalin-rise"\nintroduction = """My work\n'
    path.write_bytes(broken)
    with pytest.raises(UserError) as caught:
        open_session(path)
    assert caught.value.problems == [f"{path}:3:26: the file ends inside a text (a closing quote is missing)"]
    assert path.read_bytes() == broken
    assert os.listdir(tmp_path) == ["essay.toml"]


def test_a_plan_on_an_unknown_pack_is_refused_and_left_untouched(tmp_path):
    path = tmp_path / "essay.toml"
    path.write_text('schema = 1\npack = "ww1"\nintroduction = "Mine"\n', encoding="utf-8")
    before = path.read_bytes()
    with pytest.raises(UserError, match="no pack with id 'ww1'"):
        open_session(path)
    assert path.read_bytes() == before


def test_save_as_writes_a_new_file_and_moves_the_session_there(tmp_path):
    session = open_session()
    session.apply(move_factor(session.plan, "personality", 0))
    assert session.dirty
    target = session.save_as(tmp_path / "Mr. Smith's essay")
    assert target == tmp_path / "Mr. Smith's essay.toml"
    assert session.path == target and not session.dirty and not session.in_data_folder
    assert load_plan(target).ranking == session.plan.ranking


def test_save_as_to_a_missing_folder_is_a_user_error_and_keeps_the_path(tmp_path):
    session = open_session()
    old = session.path
    target = tmp_path / "nowhere" / "essay.toml"
    with pytest.raises(UserError) as caught:
        session.save_as(target)
    assert caught.value.problems == [f"{target}: cannot save: folder {target.parent} does not exist"]
    assert session.path == old


def test_opening_a_plan_whose_pack_changed_reports_and_keeps_unknown_ids(tmp_path, bundled_pack):
    session = open_session(tmp_path / "essay.toml")
    plan = set_text(session.plan, "point", "Gone but kept", "policies")
    plan = replace(plan, paragraphs=plan.paragraphs + (Paragraph("economy", "Mine"),))  # a factor the pack lacks
    save_plan(plan, session.path)
    again = open_session(session.path)
    assert again.notes == ["paragraph 'economy': factor is not in pack 'stalin-rise'; kept"]
    assert again.plan.paragraph("economy").point == "Mine"
    assert again.dirty  # fitted to the pack, so the next save writes it


def test_undo_and_redo_go_through_the_session():
    session = open_session()
    start = session.plan
    session.apply(move_factor(start, "personality", 0))
    assert session.undo() == start
    assert session.redo().ranking[0].factor == "personality"


def test_a_broken_state_file_is_ignored():
    paths.user_data().mkdir(parents=True, exist_ok=True)
    (paths.user_data() / "state.toml").write_text("last_plan = [", encoding="utf-8")
    assert last_plan() is None
    assert open_session().path == paths.user_data() / "plans" / "stalin-rise.toml"


def test_a_broken_last_plan_says_how_to_start_another(tmp_path):
    from essayplan.session import open_session, remember_last

    broken = tmp_path / "last.toml"
    broken.write_text('schema = 1\npack = "stalin-rise"\nquestion = "oops\n', "utf-8")
    remember_last(broken)
    with pytest.raises(UserError) as caught:
        open_session()
    line = caught.value.problems[0]
    assert line.startswith(f"{broken}:3:")
    assert line.endswith("(to start another plan instead: essayplan NEW-PLAN.toml)")
    assert broken.read_text("utf-8") == 'schema = 1\npack = "stalin-rise"\nquestion = "oops\n'


def test_opening_a_plan_clears_old_leftovers_of_killed_saves(tmp_path):
    import os
    import time

    from essayplan.session import open_session

    path = tmp_path / "plan.toml"
    open_session(plan_path=path)
    old = tmp_path / ".plan.toml.abc123.tmp"
    recent = tmp_path / ".plan.toml.def456.tmp"
    old.write_text("half a plan")
    recent.write_text("a save in progress")
    an_hour_ago = time.time() - 3600
    os.utime(old, (an_hour_ago, an_hour_ago))
    open_session(plan_path=path)
    assert not old.exists()
    assert recent.exists()


def test_reopening_a_pack_plan_reads_the_pack_folders_once_and_writes_no_state(monkeypatch, bundled_pack):
    from essayplan import atomic, packs

    first = open_session(pack="stalin-rise")
    first.apply(set_text(first.plan, "question", "Why did Stalin win?"))
    first.save()
    searches, writes = [], []
    discover, write_atomic = packs.discover, atomic.write_atomic
    monkeypatch.setattr(packs, "discover", lambda *a: searches.append(1) or discover(*a))
    monkeypatch.setattr(atomic, "write_atomic", lambda *a, **k: writes.append(a[0]) or write_atomic(*a, **k))
    again = open_session(pack="stalin-rise")
    # The pack asked for is the plan's pack: the folders are searched once, not once for each.
    assert len(searches) == 1
    assert again.pack == bundled_pack and again.plan.question == "Why did Stalin win?"
    # The state file already names this plan: reopening it writes (and syncs) nothing.
    assert writes == [] and last_plan() == again.path.resolve()
