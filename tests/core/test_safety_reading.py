"""Bounded reading: hostile packs, plans, cards and cache copies get one line, promptly, never a hang or a crash.

Small hostile files live in tests/data/hostile/read-*.toml, each with its expected
lines in a `# expect:` header. FIFOs, devices and big files are made here, at
test time. Anything that could hang on a regression runs under a time limit.
"""

from __future__ import annotations

import marshal
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from helpers import expected_lines
from essayplan import packs, paths
from essayplan.cli import main
from essayplan.errors import UserError
from essayplan.packs import discover, find_pack, load_pack
from essayplan.paths import display
from essayplan.session import open_session
from paths import HOSTILE

CASES = sorted(HOSTILE.glob("read-*.toml"))
POSIX = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs and /dev/zero are POSIX")
LIMIT = 10  # seconds: far more than any of these needs, far less than "forever"

PACK = """schema = 1
id = "{id}"
title = "{title}"

[[factors]]
id = "f"
title = "A factor"

[[factors.evidence]]
id = "c"
text = "A card."
"""


def promptly(call, *args, fifos=(), **kwargs):
    """call(*args) in a thread; fail, not hang, if it has not returned in LIMIT seconds."""
    outcome: dict = {}

    def run():
        try:
            outcome["value"] = call(*args, **kwargs)
        except BaseException as error:  # noqa: BLE001 - handed back to the test
            outcome["error"] = error

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(LIMIT)
    if thread.is_alive():
        for fifo in fifos:  # let a reader stuck on the FIFO see its end, so the thread can finish
            try:
                os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
            except OSError:
                pass
        pytest.fail(f"{getattr(call, '__name__', call)} did not return within {LIMIT} s")
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("value")


def cli(capsys, *args, fifos=()):
    """(status, stdout lines, stderr lines) of essayplan ARGS, with no traceback."""
    status = promptly(main, list(args), fifos=fifos)
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return status, out.splitlines(), err.splitlines()


def fresh(path):
    packs._read.clear()  # this run's in-memory packs: go to the disk again
    return load_pack(path)


# -- The hostile corpus ------------------------------------------------------


@pytest.mark.parametrize("path", CASES, ids=[p.name for p in CASES])
def test_check_says_what_is_wrong_in_one_line_each(path, capsys, bundled):
    status, out, err = cli(capsys, "check", str(path))
    assert (status, out, err) == (2, [], expected_lines(path))


@pytest.mark.parametrize("path", [p for p in CASES if "plan" in p.name or "date" in p.name], ids=lambda p: p.name)
def test_a_hostile_plan_is_refused_by_every_command(path, capsys, bundled, tmp_path):
    for args in (["export", str(path), "-o", str(tmp_path / "x.md")], ["export", str(path), "-o", str(tmp_path / "x.docx")]):
        status, out, err = cli(capsys, *args)
        assert (status, out, err) == (2, [], expected_lines(path))
    with pytest.raises(UserError) as caught:
        open_session(path)
    assert caught.value.problems == expected_lines(path)
    assert not (tmp_path / "x.md").exists() and not (tmp_path / "x.docx").exists()


def test_the_corpus_has_ten_cases_or_more():
    assert len(CASES) >= 10


# -- Special files: FIFOs, devices, big files ----------------------------------


@POSIX
def test_a_fifo_as_plan_is_refused_promptly(tmp_path, capsys, bundled):
    fifo = tmp_path / "plan.toml"
    os.mkfifo(fifo)
    expected = [f"{fifo}: not a regular file (a FIFO); essayplan reads only ordinary files"]
    for args in (["check", str(fifo)], ["export", str(fifo), "-o", str(tmp_path / "x.md")]):
        assert cli(capsys, *args, fifos=[fifo]) == (2, [], expected)
    with pytest.raises(UserError) as caught:
        promptly(open_session, fifo, fifos=[fifo])
    assert caught.value.problems == expected


@POSIX
def test_a_fifo_named_like_a_plans_lock_does_not_block_opening_the_plan(tmp_path, bundled):
    # A downloaded folder can hold `.plan.toml.lock` as a FIFO: it is no lock, and never read.
    from essayplan.locks import lock_path, read_holder

    plan = tmp_path / "plan.toml"
    promptly(open_session, plan).release_lock()  # a real plan, closed again
    fifo = lock_path(plan)
    os.mkfifo(fifo)
    assert promptly(read_holder, fifo, fifos=[fifo]) is None
    session = promptly(open_session, plan, fifos=[fifo])
    assert session.plan.pack == "stalin-rise"


@POSIX
def test_a_fifo_as_pack_is_refused_promptly(tmp_path, capsys, bundled):
    fifo = tmp_path / "pack.toml"
    os.mkfifo(fifo)
    expected = [f"{fifo}: not a regular file (a FIFO); essayplan reads only ordinary files"]
    with pytest.raises(UserError) as caught:
        promptly(fresh, fifo, fifos=[fifo])
    assert caught.value.problems == expected
    with pytest.raises(UserError) as caught:
        promptly(open_session, tmp_path / "new.toml", str(fifo), fifos=[fifo])
    assert caught.value.problems == expected
    assert not (tmp_path / "new.toml").exists()


@POSIX
def test_a_fifo_as_card_to_import_is_refused_promptly(tmp_path, capsys):
    fifo = tmp_path / "card.txt"
    os.mkfifo(fifo)
    status, out, err = cli(capsys, "import", str(fifo), "-o", str(tmp_path / "pack.toml"), fifos=[fifo])
    assert (status, out, err) == (2, [], [f"{fifo}: not a regular file (a FIFO); essayplan reads only ordinary files"])


@POSIX
def test_a_fifo_in_a_packs_folder_is_listed_as_broken_and_the_others_still_load(capsys, bundled):
    fifo = Path.cwd() / "factors" / "fifo.toml"
    fifo.parent.mkdir()
    os.mkfifo(fifo)
    status, out, err = cli(capsys, "packs", fifos=[fifo])
    assert status == 0
    assert f"      {fifo}: not a regular file (a FIFO); essayplan reads only ordinary files" in out
    assert promptly(find_pack, "stalin-rise", fifos=[fifo]).id == "stalin-rise"


@POSIX
def test_a_link_to_dev_zero_in_a_packs_folder_is_refused_in_a_real_process(tmp_path):
    # A real process: a regression would read /dev/zero until memory runs out, so it must be killable.
    (tmp_path / "factors").mkdir()
    os.symlink("/dev/zero", tmp_path / "factors" / "evil.toml")
    env = {**os.environ, "ESSAYPLAN_HOME": str(tmp_path / "home")}
    result = subprocess.run(
        [sys.executable, "-m", "essayplan", "packs"], capture_output=True, text=True, cwd=tmp_path, env=env, timeout=60
    )
    assert "Traceback" not in result.stdout + result.stderr
    assert result.returncode == 0
    evil = display(tmp_path / "factors" / "evil.toml")
    assert f"    {evil}: not a regular file (a device); essayplan reads only ordinary files" in result.stdout
    assert "stalin-rise" in result.stdout  # the bundled pack is still there


def test_a_file_over_20_mb_is_refused_without_reading_it(tmp_path, capsys):
    big = tmp_path / "big.toml"
    with open(big, "wb") as handle:
        handle.truncate(21 * 1024 * 1024)  # sparse: no disk used
    expected = [f"{big}: too big (21.0 MB); essayplan reads files up to 20 MB"]
    assert cli(capsys, "check", str(big)) == (2, [], expected)
    card = big.rename(tmp_path / "card.txt")
    status, out, err = cli(capsys, "import", str(card), "-o", str(tmp_path / "pack.toml"))
    assert (status, err) == (2, [f"{card}: too big (21.0 MB); essayplan reads files up to 20 MB"])


def test_a_folder_named_like_a_plan_is_one_line(tmp_path, capsys):
    folder = tmp_path / "plan.toml"
    folder.mkdir()
    assert cli(capsys, "check", str(folder)) == (2, [], [f"{folder}: is a folder, not a pack or plan file"])


# -- Ids ---------------------------------------------------------------------------


def test_a_plans_relative_pack_file_is_read_from_the_plans_folder_not_the_working_folder(tmp_path, capsys, bundled):
    work = tmp_path / "work"
    (work / "packs").mkdir(parents=True)
    (work / "packs" / "mine.toml").write_text(PACK.format(id="mine", title="Mine"), encoding="utf-8")
    plan = work / "plan.toml"
    plan.write_text('schema = 1\npack = "mine"\npack_file = "packs/mine.toml"\n', encoding="utf-8")
    status, out, err = cli(capsys, "check", str(plan))
    assert (status, out[0]) == (0, f"{plan}: ok: plan for pack 'mine'")
    assert open_session(plan).pack.title == "Mine"


def test_a_plan_whose_pack_file_is_a_device_falls_back_to_the_pack_folders(tmp_path, capsys, bundled):
    if not os.path.exists(os.devnull) or os.name == "nt":
        pytest.skip("needs a POSIX device")
    plan = tmp_path / "plan.toml"
    plan.write_text('schema = 1\npack = "stalin-rise"\npack_file = "/dev/zero"\n', encoding="utf-8")
    session = promptly(open_session, plan)
    assert session.pack.id == "stalin-rise"


def test_pack_ids_are_one_id_whatever_their_case(capsys, bundled):
    # ./factors beats the bundled folder, and within a folder the last file by name wins.
    local = Path.cwd() / "factors"
    local.mkdir()
    (local / "a.toml").write_text(PACK.format(id="Stalin-Rise", title="Shouting"), encoding="utf-8")
    (local / "b.toml").write_text(PACK.format(id="stalin-RISE", title="Whispering"), encoding="utf-8")
    assert find_pack("stalin-rise").title == "Whispering"
    assert find_pack("STALIN-RISE").title == "Whispering"
    assert [item.pack.title for item in discover() if item.shadowed_by is None and "stalin" in item.pack.id.lower()] == [
        "Whispering"
    ]

    status, out, _ = cli(capsys, "packs")
    assert status == 0
    assert f"  {'':10} {'':20} shadowed by {display(local / 'a.toml')} (its id 'Stalin-Rise' is the same ignoring case)" in out
    assert f"  {'':10} {'':20} shadowed by {display(local / 'b.toml')} (its id 'stalin-RISE' is the same ignoring case)" in out

    status, out, _ = cli(capsys, "check", str(local / "a.toml"))
    # (the file checked is named as given; the others as `packs` shows them)
    assert status == 0
    assert out[1] == (
        f"{local / 'a.toml'}: note: pack ids are the same ignoring case: {display(bundled)} ('stalin-rise'), "
        f"{display(local / 'b.toml')} ('stalin-RISE'); essayplan opens {display(local / 'b.toml')}"
    )


def test_an_id_never_walks_folders(tmp_path, monkeypatch, capsys, bundled):
    # Even with a pack file where the id would lead, a plan's id is looked up only in the pack folders.
    secret = tmp_path / "secret.toml"
    secret.write_text(PACK.format(id="secret", title="Not yours"), encoding="utf-8")
    with pytest.raises(UserError, match="is not a valid id"):
        packs.pack_by_id("../secret")
    plan = tmp_path / "sub" / "plan.toml"
    plan.parent.mkdir()
    plan.write_text('schema = 1\npack = "../secret"\n', encoding="utf-8")
    status, _, err = cli(capsys, "check", str(plan))
    assert status == 2 and err[0].startswith(f"{plan}: pack: '../secret' is not a valid id")


# -- The parse cache ------------------------------------------------------------


def _copy_of(pack_path) -> Path:
    fresh(pack_path)
    (copy,) = sorted((paths.user_cache() / "parsed").iterdir())
    return copy


def _key(copy: Path) -> str:
    return marshal.loads(copy.read_bytes())[0]


def _nested(depth):
    value: list = []
    for _ in range(depth):
        value = [value]
    return value


def _holding_itself():
    itself: list = [("date", "1924-01-21")]
    itself.append(itself)
    return itself


def _code():
    return compile("open('pwned', 'w')", "forged", "exec")


FORGED = {
    "garbage": lambda key: b"\x00\xffnot marshal at all",
    "truncated": lambda key: marshal.dumps((key, {"schema": 1}, False))[:-3],
    "empty": lambda key: b"",
    "a list": lambda key: marshal.dumps([key, {}, False]),
    "two items": lambda key: marshal.dumps((key, {})),
    "no flag": lambda key: marshal.dumps((key, {}, {})),
    "a string": lambda key: marshal.dumps("ab"),
    "data not a table": lambda key: marshal.dumps((key, [1, 2], False)),
    "integer keys": lambda key: marshal.dumps((key, {"schema": 1, 7: "x", "id": "p", "title": "t", "factors": []}, False)),
    "a huge integer": lambda key: marshal.dumps((key, {"schema": 10**5000}, False)),
    "a set": lambda key: marshal.dumps((key, {"schema": 1, "questions": {"a", "b"}}, False)),
    "bytes": lambda key: marshal.dumps((key, {"schema": 1, "title": b"x"}, False)),
    "a tuple for a list": lambda key: marshal.dumps((key, {"schema": 1, "factors": ({"id": "f"},)}, False)),
    "code": lambda key: marshal.dumps((key, {"schema": 1, "title": _code()}, False)),
    "a date that is not one": lambda key: marshal.dumps((key, {"schema": 1, "d": ("date", "1924-13-45")}, True)),
    "a stamp of no kind": lambda key: marshal.dumps((key, {"schema": 1, "d": ("open", "pwned")}, True)),
    "a stamp of three": lambda key: marshal.dumps((key, {"schema": 1, "d": ("date", "1924-01-21", 1)}, True)),
    "a deep stamp": lambda key: marshal.dumps((key, {"schema": 1, "x": _nested(40) + [("date", "1924-01-21")]}, True)),
    "deep": lambda key: marshal.dumps((key, {"schema": 1, "x": _nested(40)}, False)),
    "a list that holds itself": lambda key: marshal.dumps((key, {"schema": 1, "x": _holding_itself()}, True)),
}


@pytest.mark.parametrize("forge", FORGED.values(), ids=FORGED.keys())
def test_a_forged_cache_copy_is_a_miss(forge, tmp_path, monkeypatch):
    pack_path = tmp_path / "pack.toml"
    pack_path.write_text(PACK.format(id="p", title="The real title"), encoding="utf-8")
    copy = _copy_of(pack_path)
    copy.write_bytes(forge(_key(copy)))
    monkeypatch.chdir(tmp_path)
    assert promptly(fresh, pack_path).title == "The real title"  # (a copy must never hang the app)
    assert not (tmp_path / "pwned").exists()
    assert _key(copy)  # and the copy is made good again


@pytest.mark.parametrize("kind", ["folder", "fifo", "unreadable"])
def test_a_cache_copy_that_cannot_be_read_is_a_miss(kind, tmp_path):
    pack_path = tmp_path / "pack.toml"
    pack_path.write_text(PACK.format(id="p", title="The real title"), encoding="utf-8")
    copy = _copy_of(pack_path)
    copy.unlink()
    if kind == "folder":
        copy.mkdir()
    elif kind == "fifo":
        if not hasattr(os, "mkfifo"):
            pytest.skip("FIFOs are POSIX")
        os.mkfifo(copy)
    else:
        if os.name == "nt" or os.geteuid() == 0:
            pytest.skip("needs POSIX permission bits, not root")
        copy.write_bytes(b"x")
        copy.chmod(0)
    assert promptly(fresh, pack_path, fifos=[copy]).title == "The real title"


def test_a_forged_copy_cannot_slip_past_the_pack_checks(tmp_path):
    # A well-formed copy with the right key but content the file does not have is still checked.
    pack_path = tmp_path / "pack.toml"
    pack_path.write_text(PACK.format(id="p", title="The real title"), encoding="utf-8")
    copy = _copy_of(pack_path)
    copy.write_bytes(marshal.dumps((_key(copy), {"schema": 1, "id": "../../etc", "title": "x", "factors": []}, False)))
    with pytest.raises(UserError) as caught:
        fresh(pack_path)
    assert f"{pack_path}: id: '../../etc' is not a valid id" in caught.value.problems[0]


# -- The app's own files: settings and state -------------------------------------


@POSIX
def test_a_fifo_as_the_state_or_settings_file_does_not_block(bundled):
    from essayplan.export import default_author
    from essayplan.session import STATE_FILE

    state = paths.user_data() / STATE_FILE
    settings = paths.user_config() / "settings.toml"
    for fifo in (state, settings):
        fifo.parent.mkdir(parents=True, exist_ok=True)
        os.mkfifo(fifo)
    assert isinstance(promptly(default_author, fifos=[settings]), str)
    # No plan to remember: a fresh plan on the bundled pack, as on a first start.
    assert promptly(open_session, fifos=[state]).pack.id == "stalin-rise"


def test_reading_a_small_file_allocates_about_its_size(tmp_path):
    # read_bytes asks for the whole file and then checks for its end: that check must not
    # allocate a big buffer (it once asked for a megabyte each time, which kept the pack's
    # bytes in the process's memory after start-up; see reading._MORE).
    import tracemalloc

    from essayplan.reading import read_bytes

    small = tmp_path / "small.toml"
    small.write_bytes(b"x" * 10_000)
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        assert read_bytes(small, "pack file") == b"x" * 10_000
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 200_000
