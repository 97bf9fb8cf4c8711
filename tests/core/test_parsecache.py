"""Packs, templates, plans and the state file are parsed once and read from a kept copy until the file changes."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date, datetime, time, timedelta, timezone

from essayplan import packs, parsecache, paths
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


def test_a_saved_plan_is_read_from_its_copy_and_a_stale_copy_is_never_used(tmp_path, bundled_pack):
    from essayplan import ops
    from essayplan.plans import load_plan, save_plan

    path = tmp_path / "plan.toml"
    save_plan(ops.set_text(ops.new_plan(bundled_pack), "question", "Saved by us"), path)
    (copy,) = [c for c in copies() if c.name.startswith("plan-")]
    assert load_plan(path).question == "Saved by us"
    # Edited by hand to the same length: the bytes' checksum tells, and the file is parsed.
    path.write_text(path.read_text("utf-8").replace("Saved by us", "Edited by me"), encoding="utf-8")
    assert load_plan(path).question == "Edited by me"
    assert load_plan(path).question == "Edited by me"  # from the copy made when it was parsed
    assert [c for c in copies() if c.name.startswith("plan-")] == [copy]


def test_a_copy_holds_a_pack_s_toml_dates_and_gives_them_back(tmp_path):
    path = tmp_path / "dated.toml"
    path.write_text(
        'schema = 1\nid = "dated"\ntitle = "Dated"\n\n[[factors]]\nid = "f"\ntitle = "F"\n\n'
        '[[factors.evidence]]\nid = "c"\ntext = "Lenin died."\ndate = 1924-01-21\n',
        encoding="utf-8",
    )
    parsed = fresh_load(path)
    assert len(copies()) == 1  # marshal holds no dates: the copy holds them as text
    assert fresh_load(path) == parsed
    assert parsed.factors[0].evidence[0].date == "1924-01-21"


STAMPS = {
    "schema": 1,
    "created": datetime(2026, 11, 26, 10, 0, tzinfo=timezone.utc),
    "local": datetime(1924, 1, 21, 18, 50, 0, 250),
    "offset": datetime(1927, 12, 2, 9, 30, tzinfo=timezone(timedelta(hours=-5, minutes=-30))),
    "days": [date(1922, 4, 3), {"at": time(6, 50, 0, 1)}],
}


def test_dates_and_times_come_back_from_a_copy_exactly(tmp_path):
    raw = b"# any bytes: the copy is keyed by them\n"
    path = tmp_path / "stamps.toml"
    path.write_bytes(raw)
    parsecache.keep(path, raw, STAMPS)
    again = parsecache.read_toml_cached(path, "test")
    assert again == STAMPS
    assert again["offset"].utcoffset() == timedelta(hours=-5, minutes=-30)
    assert type(again["days"][0]) is date and type(again["days"][1]["at"]) is time


def test_reopening_a_plan_we_saved_loads_no_toml_parser(tmp_path, bundled_pack):
    # The parser is ~0.4 MiB of compiled code at every start: not needed for our own files.
    from essayplan import ops
    from essayplan.plans import save_plan

    path = tmp_path / "plan.toml"
    save_plan(ops.new_plan(bundled_pack), path)
    probe = (
        "import sys; from essayplan.plans import load_plan; "
        "plan = load_plan(sys.argv[1]); print(plan.pack, 'tomli' in sys.modules)"
    )
    run = lambda: subprocess.run(  # noqa: E731
        [sys.executable, "-c", probe, str(path)], capture_output=True, text=True, check=True
    ).stdout.split()
    assert run() == [bundled_pack.id, "False"]
    for copy in copies():
        copy.unlink()
    assert run() == [bundled_pack.id, "True"]  # no copy: parsed, and kept for next time
    assert run() == [bundled_pack.id, "False"]
