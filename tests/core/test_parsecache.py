"""Packs and templates are parsed once and read from a kept copy until the file changes."""

from __future__ import annotations

import os

from essayplan import packs, paths
from essayplan.packs import load_pack


def write_big_pack(path, title="A big pack", cards=400):
    lines = ["schema = 1", 'id = "big"', f'title = "{title}"', ""]
    for f in range(4):
        lines += ["[[factors]]", f'id = "factor-{f}"', f'title = "Factor {f}"', ""]
        for c in range(cards // 4):
            text = f"Card {c} of factor {f}: " + "the grey blur filled the Party with loyal men. " * 3
            lines += ["[[factors.evidence]]", f'id = "f{f}-c{c}"', f'text = "{text}"', ""]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def copies():
    folder = paths.user_cache() / "parsed"
    return sorted(folder.iterdir()) if folder.is_dir() else []


def fresh_load(path):
    packs._read.clear()  # this run's in-memory packs: go to the disk again
    return load_pack(path)


def test_a_big_pack_reads_the_same_from_its_copy(tmp_path):
    path = write_big_pack(tmp_path / "big.toml")
    parsed = fresh_load(path)
    assert len(copies()) == 1
    assert fresh_load(path) == parsed
    assert parsed.evidence_count == 400


def test_an_edited_pack_is_read_again_and_keeps_one_copy(tmp_path):
    path = write_big_pack(tmp_path / "big.toml")
    fresh_load(path)
    before = path.stat()
    write_big_pack(path, title="A new pack")  # the same size as "A big pack"
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # and the same time: a coarse clock
    assert path.stat().st_size == before.st_size
    assert fresh_load(path).title == "A new pack"
    assert len(copies()) == 1


def test_a_damaged_copy_is_ignored_and_replaced(tmp_path):
    path = write_big_pack(tmp_path / "big.toml")
    expected = fresh_load(path)
    (copy,) = copies()
    copy.write_bytes(b"\x00not marshal at all")
    assert fresh_load(path) == expected
    assert fresh_load(path) == expected


def test_no_place_for_copies_is_no_problem(tmp_path, monkeypatch):
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder would be")
    monkeypatch.setattr(paths, "user_cache", lambda: blocked)
    path = write_big_pack(tmp_path / "big.toml")
    assert fresh_load(path).evidence_count == 400
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_two_packs_with_one_name_keep_a_copy_each(tmp_path):
    first = write_big_pack((tmp_path / "a").mkdir() or tmp_path / "a" / "big.toml", title="First")
    second = write_big_pack((tmp_path / "b").mkdir() or tmp_path / "b" / "big.toml", title="Second")
    assert (fresh_load(first).title, fresh_load(second).title) == ("First", "Second")
    assert (fresh_load(first).title, fresh_load(second).title) == ("First", "Second")
    assert len(copies()) == 2


def test_plans_are_not_kept(tmp_path, bundled_pack):
    from essayplan import ops
    from essayplan.plans import load_plan, save_plan

    save_plan(ops.new_plan(bundled_pack), tmp_path / "plan.toml")
    load_plan(tmp_path / "plan.toml")
    assert [c.name for c in copies() if c.name.startswith("plan-")] == []

