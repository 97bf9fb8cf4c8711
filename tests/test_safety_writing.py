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
