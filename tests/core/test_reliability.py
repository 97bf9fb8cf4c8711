"""Reliability: every broken input gets one clear line and exit 2; light commands stay light.

The corpus (tests/data/corpus/cases.toml) drives the real command line in a child
process, as a student would, so a traceback anywhere on the way would show.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from paths import BUNDLED_PACK, CORPUS

CASES = tomllib.loads((CORPUS / "cases.toml").read_text("utf-8"))["case"]
HEAVY = ("textual", "docx", "lxml")


def run_cli(*args: str, cwd: Path, home: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "ESSAYPLAN_HOME": str(home)}
    return subprocess.run(
        [sys.executable, "-m", "essayplan", *args],
        capture_output=True, text=True, cwd=cwd, env=env, timeout=60, stdin=subprocess.DEVNULL,
    )  # fmt: skip


def files_under(folder: Path) -> dict[str, bytes | None]:
    """Every file and folder under `folder` with its bytes (None for a folder)."""
    return {
        str(path.relative_to(folder)): None if path.is_dir() else path.read_bytes()
        for path in sorted(folder.rglob("*"))
    }


def test_the_corpus_is_big_enough_and_covers_every_kind():
    assert len(CASES) >= 30
    assert len({case["name"] for case in CASES}) == len(CASES)
    kinds = {case["name"].split(":")[0] for case in CASES}
    assert {"pack", "plan", "template", "check", "export", "open", "unknown command"} <= kinds
    # Every input file in the corpus is used by some case.
    used = " ".join(" ".join(case["args"]) for case in CASES)
    for path in CORPUS.iterdir():
        if path.name != "cases.toml":
            assert f"{{corpus}}/{path.name}" in used, f"{path.name} is not used by any case"


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_a_broken_input_gets_one_clear_line_and_status_2(case, tmp_path, user_home):
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus, ignore=shutil.ignore_patterns("cases.toml"))
    scratch = tmp_path / "tmp"
    (scratch / "a-folder").mkdir(parents=True)
    (scratch / "folder.docx").mkdir()
    (scratch / "existing.toml").write_text("# someone's pack: must survive\n", encoding="utf-8")
    cwd = tmp_path / "cwd"
    cwd.mkdir()

    def fill(text: str) -> str:
        return text.replace("{corpus}", str(corpus)).replace("{tmp}", str(scratch))

    before = files_under(tmp_path)
    result = run_cli(*map(fill, case["args"]), cwd=cwd, home=user_home)

    assert "Traceback" not in result.stderr + result.stdout
    assert result.stderr.splitlines() == [fill(case["stderr"])]
    assert result.returncode == 2
    assert result.stdout == ""
    assert files_under(tmp_path) == before, "an input was changed or an output was written"


# -- what the light commands import ---------------------------------------------

PROBE = """
import sys
from essayplan.cli import main
try:
    status = main(sys.argv[1:])
except SystemExit as leaving:  # --version exits through argparse
    status = leaving.code
heavy = sorted({name.split(".")[0] for name in sys.modules} & set(%r))
print("HEAVY=" + ",".join(heavy), file=sys.stderr)
sys.exit(status)
""" % (HEAVY,)


@pytest.mark.parametrize(
    "args",
    [
        ["--version"],
        ["--help"],
        ["check", "{plan}"],
        ["check", "{pack}"],
        ["packs"],
    ],
    ids=["version", "help", "check-plan", "check-pack", "packs"],
)
def test_light_commands_import_neither_textual_nor_docx(args, tmp_path, user_home):
    pack = BUNDLED_PACK
    plan = CORPUS / "good-plan.toml"
    argv = [a.replace("{plan}", str(plan)).replace("{pack}", str(pack)) for a in args]
    env = {**os.environ, "ESSAYPLAN_HOME": str(user_home)}
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *argv], capture_output=True, text=True, cwd=tmp_path, env=env, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines()[-1] == "HEAVY=", f"{args} imported {result.stderr.splitlines()[-1]}"


def test_the_probe_sees_a_heavy_import(tmp_path, user_home):
    """The probe above can fail: exporting does import python-docx."""
    env = {**os.environ, "ESSAYPLAN_HOME": str(user_home)}
    out = tmp_path / "plan.docx"
    result = subprocess.run(
        [sys.executable, "-c", PROBE, "export", str(CORPUS / "good-plan.toml"), "-o", str(out)],
        capture_output=True, text=True, cwd=tmp_path, env=env, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    heavy = result.stderr.splitlines()[-1].removeprefix("HEAVY=").split(",")
    assert "docx" in heavy
    assert "textual" not in heavy  # an export never loads the app


TOML_PROBE = """
import sys
from essayplan.cli import main
status = main(sys.argv[1:])
import tomli._parser
print(tomli._parser.__file__, "tomllib" in sys.modules, file=sys.stderr)
sys.exit(status)
"""


def test_files_are_read_by_the_compiled_parser(tmp_path, user_home):
    """tomli's wheel (compiled with mypyc) reads plans ~3× faster than tomllib: check uses it, and never
    loads the standard library's pure-Python copy of it."""
    env = {**os.environ, "ESSAYPLAN_HOME": str(user_home)}
    result = subprocess.run(
        [sys.executable, "-c", TOML_PROBE, "check", str(CORPUS / "good-plan.toml"), str(BUNDLED_PACK)],
        capture_output=True, text=True, cwd=tmp_path, env=env, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    parser, stdlib = result.stderr.splitlines()[-1].rsplit(" ", 1)
    assert stdlib == "False"
    if sys.implementation.name == "cpython":  # the wheels are built for CPython
        assert Path(parser).suffix in (".so", ".pyd"), f"tomli is not the compiled build: {parser}"


# -- reopening what was opened ------------------------------------------------------


def test_a_plan_started_on_a_pack_path_opens_again(tmp_path):
    from essayplan.model import Evidence, Factor, Pack
    from essayplan.packs import save_pack
    from essayplan.session import open_session

    path = tmp_path / "teacher" / "mini.toml"
    path.parent.mkdir()
    save_pack(Pack("mini", "Mini", factors=(Factor("a", "A", evidence=(Evidence("a1", "Card."),)),)), path)
    assert open_session(pack=str(path)).pack.id == "mini"  # the first time: a new plan
    again = open_session(pack=str(path))  # the second time: the same plan, the same pack
    assert again.pack.id == "mini"
    assert again.plan.pack_file == str(path.resolve())
    assert open_session().pack.id == "mini"  # plain `essayplan`: the last plan, its pack
