"""The command line: one line and status 2 for every mistake, never a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from helpers import expected_lines
from essayplan import __version__, paths
from essayplan.cli import main
from essayplan.ops import new_plan
from essayplan.packs import load_pack
from essayplan.plans import save_plan
from paths import BROKEN, BUNDLED_PACK

BUNDLED = BUNDLED_PACK


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [sys.executable, "-m", "essayplan", *args], capture_output=True, text=True, cwd=cwd, timeout=60
    )
    assert "Traceback" not in result.stderr + result.stdout
    return result


# -- Through a real process ---------------------------------------------------


def test_version(tmp_path):
    result = run("--version", cwd=tmp_path)
    assert (result.returncode, result.stdout, result.stderr) == (0, f"essayplan {__version__}\n", "")


def test_help_lists_the_commands(tmp_path):
    result = run("--help", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout.startswith("usage: essayplan")
    for command in ("open", "packs", "check", "export", "import", "new-pack"):
        assert f"    {command}" in result.stdout


def test_packs_from_another_folder(tmp_path):
    result = run("packs", cwd=tmp_path)
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "History"  # the library, by subject, then period
    assert lines[1].startswith("  1879–1914  ww1-causes           The Causes of the First World War — 5 factors, ")
    stalin = next(line for line in lines if " stalin-rise " in line)
    assert stalin.startswith("  1924–29    stalin-rise          Stalin's Rise to Power — 4 factors, 38 evidence cards — ")
    assert stalin.endswith("stalin-rise.toml [bundled]")
    periods = [line.split()[0] for line in lines[1:]]
    assert periods == ["1879–1914", "1905–17", "1917", "1919–23", "1919–39", "1924–29", "1929–33"]


@pytest.mark.parametrize(
    ("words", "ids"),
    [
        (["weimar"], ["weimar-survival", "hitler-rise"]),  # a title, and a factor ("the weakness of Weimar democracy")
        (["Russia"], []),
        (["1917"], ["tsar-fall", "bolsheviks-october"]),  # a year in the period ("1905–17")
        (["1930"], ["ww2-causes", "hitler-rise"]),
        (["lenin", "1917"], ["bolsheviks-october"]),  # every word must match
        (["appeasement"], ["ww2-causes"]),  # a factor's title
        (["Stalin’s"], ["stalin-rise"]),  # a typographic apostrophe finds "Stalin's"
        (["1919-23"], ["weimar-survival"]),  # a hyphen finds the en dash
    ],
)
def test_packs_finds_by_title_subject_period_or_factor(capsys, elsewhere, words, ids):
    assert main(["packs", *words]) == 0
    out = capsys.readouterr().out
    found = [line.split()[1] for line in out.splitlines() if line.startswith("  ")]
    assert found == ids
    if not ids:
        assert out == f"no pack matches {' '.join(words)!r} (7 packs in all: essayplan packs lists them)\n"


def test_check_of_every_broken_file_at_once_lists_every_problem(tmp_path):
    files = sorted(BROKEN.glob("*.toml"))
    result = run("check", *map(str, files), cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [line for f in files for line in expected_lines(f)]
    assert result.stdout == ""


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["pack"], "essayplan: unknown command 'pack' (did you mean packs? commands: open, packs, check, export, import, new-pack, class, serve; or give a plan file ending in .toml)"),
        (["frobnicate"], "essayplan: unknown command 'frobnicate' (commands: open, packs, check, export, import, new-pack, class, serve; or give a plan file ending in .toml)"),
        (["check"], "essayplan: the following arguments are required: FILE (see essayplan --help)"),
        (["--colour"], "essayplan: unrecognized arguments: --colour (see essayplan --help)"),
        (["packs", "--colour"], "essayplan: unrecognized arguments: --colour (see essayplan --help)"),
        (["export"], "essayplan: the following arguments are required: plan (see essayplan --help)"),
    ],
)
def test_a_bad_command_line_is_one_line_and_status_2(tmp_path, args, message):
    result = run(*args, cwd=tmp_path)
    assert (result.returncode, result.stdout, result.stderr) == (2, "", message + "\n")


def test_opening_a_plan_in_a_missing_folder_is_one_line(tmp_path):
    plan = tmp_path / "nowhere" / "essay.toml"
    result = run(str(plan), cwd=tmp_path)
    assert (result.returncode, result.stderr) == (2, f"{plan}: folder {plan.parent} does not exist\n")


def test_new_pack_over_a_file_where_a_folder_should_be(tmp_path):
    (tmp_path / "afile").write_text("x")
    result = run("new-pack", "WW1", "-o", str(tmp_path / "afile" / "ww1.toml"), cwd=tmp_path)
    assert result.returncode == 2
    assert len(result.stderr.splitlines()) == 1 and str(tmp_path / "afile") in result.stderr


# -- Through main() -----------------------------------------------------------


def test_check_a_valid_pack(capsys):
    assert main(["check", str(BUNDLED)]) == 0
    out, err = capsys.readouterr()
    assert (out, err) == (f"{BUNDLED}: ok: pack 'stalin-rise', 4 factors, 38 evidence cards\n", "")


def test_check_a_broken_pack_prints_every_line(capsys):
    broken = BROKEN / "three-problems.toml"
    assert main(["check", str(broken)]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.splitlines() == expected_lines(broken)
    assert len(err.splitlines()) == 3


def test_check_several_files_fails_if_one_fails(capsys):
    broken = BROKEN / "typo-titel.toml"
    assert main(["check", str(BUNDLED), str(broken), str(BUNDLED)]) == 2
    out, err = capsys.readouterr()
    assert out.count(": ok: pack 'stalin-rise'") == 2
    assert err.splitlines() == expected_lines(broken)


def test_check_a_missing_file_and_a_folder(capsys, tmp_path):
    assert main(["check", str(tmp_path / "gone.toml"), str(tmp_path)]) == 2
    assert capsys.readouterr().err.splitlines() == [
        f"{tmp_path / 'gone.toml'}: no such file",
        f"{tmp_path}: is a folder, not a pack or plan file",
    ]


def test_check_a_plan_prints_its_advice(capsys, tmp_path, bundled_pack):
    plan = new_plan(bundled_pack)
    path = tmp_path / "plan.toml"
    save_plan(plan, path)
    assert main(["check", str(path)]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    lines = out.splitlines()
    assert lines[0] == f"{path}: ok: plan for pack 'stalin-rise'"
    advice = pytest.importorskip("essayplan.advice")
    expected = advice.format_advice(advice.advise(plan, bundled_pack))
    assert expected, "a new, empty plan has advice"
    assert lines[1:] == [f"{path}: advice: {line}" for line in expected]


def test_check_a_plan_whose_pack_is_unknown_is_still_valid(capsys, tmp_path):
    path = tmp_path / "plan.toml"
    path.write_text('schema = 1\npack = "ww1"\n', encoding="utf-8")
    assert main(["check", str(path)]) == 0
    assert capsys.readouterr().out.splitlines() == [
        f"{path}: ok: plan for pack 'ww1'",
        f"{path}: note: cannot give advice: no pack with id 'ww1' (known packs: bolsheviks-october, hitler-rise, stalin-rise, tsar-fall, weimar-survival, ww1-causes, ww2-causes)",
    ]


def test_new_pack_writes_a_pack_that_checks(capsys, elsewhere):
    assert main(["new-pack", "The Causes of WW1"]) == 0
    out = paths.user_packs() / "the-causes-of-ww1.toml"
    assert capsys.readouterr().out == f"wrote {out}: edit it by hand or in the app (essayplan --pack {out})\n"
    pack = load_pack(out)
    assert (pack.id, pack.title, len(pack.factors)) == ("the-causes-of-ww1", "The Causes of WW1", 1)
    assert main(["check", str(out)]) == 0
    assert main(["packs"]) == 0
    assert "the-causes-of-ww1" in capsys.readouterr().out


def test_new_pack_never_overwrites(capsys, tmp_path):
    out = tmp_path / "mine.toml"
    out.write_text("my work", encoding="utf-8")
    assert main(["new-pack", "Mine", "-o", str(out)]) == 2
    assert capsys.readouterr().err == f"{out}: already exists; choose another path with -o\n"
    assert out.read_text(encoding="utf-8") == "my work"


def test_a_bad_command_line_through_main(capsys):
    assert main(["check"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and len(err.splitlines()) == 1


def test_export_refuses_an_output_name_it_cannot_honour(tmp_path, capsys, bundled_pack):
    from essayplan.ops import new_plan
    from essayplan.plans import save_plan

    plan = tmp_path / "plan.toml"
    save_plan(new_plan(bundled_pack), plan)
    assert main(["export", str(plan), "-o", str(tmp_path / "out.txt")]) == 2
    err = capsys.readouterr().err
    assert err == f"{tmp_path / 'out.txt'}: name the file .docx (Word) or .md (Markdown), or give --format\n"
    assert not (tmp_path / "out.txt").exists()
    folder = tmp_path / "school.docx"
    folder.mkdir()
    assert main(["export", str(plan), "--template", str(folder)]) == 2
    assert capsys.readouterr().err == f"{folder}: is a folder, not a Word template\n"


def test_a_new_pack_never_takes_the_id_of_one_in_use(capsys):
    from essayplan.packs import find_pack

    assert main(["new-pack", "Stalin Rise"]) == 0
    assert find_pack("stalin-rise").title == "Stalin's Rise to Power"  # the bundled pack is not hidden
    assert find_pack("stalin-rise-2").title == "Stalin Rise"


# -- One command's parser alone -----------------------------------------------


@pytest.mark.parametrize("name", ["open", "packs", "check", "export", "import", "new-pack", "class", "serve"])
def test_a_commands_parser_alone_is_the_one_inside_the_whole_parser(name):
    from essayplan import cli

    whole = cli.build_parser()
    inside = next(action for action in whole._actions if action.dest == "command").choices[name]
    assert cli.command_parser(name).format_help() == inside.format_help()
    assert cli.command_parser(name).format_usage() == inside.format_usage()


def test_a_command_given_first_is_parsed_without_the_top_level_parser(tmp_path, monkeypatch, capsys):
    from essayplan import cli

    plan = tmp_path / "essay.toml"
    save_plan(new_plan(load_pack(BUNDLED)), plan)
    monkeypatch.setattr(cli, "build_parser", lambda *args: pytest.fail("the whole parser was built"))
    assert main(["export", str(plan), "-o", str(tmp_path / "essay.md")]) == 0
    assert main(["export", str(plan), "--frobnicate"]) == 2
    assert capsys.readouterr().err == "essayplan: unrecognized arguments: --frobnicate (see essayplan --help)\n"
