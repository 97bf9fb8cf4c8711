"""The core never imports Textual; non-interactive commands load neither Textual nor python-docx."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "essayplan"
TUI = PACKAGE / "tui"
HEAVY = ("textual", "docx", "lxml")


def core_modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if TUI not in p.parents)


def textual_imports(path: Path, root: Path = PACKAGE) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        found += [f"{path.relative_to(root)}:{node.lineno}: imports {n}" for n in names if n.split(".")[0] == "textual"]
    return sorted(found, key=lambda line: int(line.split(":")[1]))


def test_the_walk_finds_the_core():
    names = {p.name for p in core_modules()}
    assert {"model.py", "ops.py", "plans.py", "packs.py", "cli.py"} <= names
    assert not any(TUI in p.parents for p in core_modules())


def test_nothing_outside_the_tui_imports_textual():
    assert [line for path in core_modules() for line in textual_imports(path)] == []


def test_the_check_itself_can_fail(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("def f():\n    from textual.app import App\nimport textual\n", encoding="utf-8")
    assert textual_imports(bad, root=tmp_path) == ["bad.py:2: imports textual.app", "bad.py:3: imports textual"]


PROBE = """
import json, runpy, sys
sys.argv = ["essayplan", *sys.argv[1:]]
try:
    runpy.run_module("essayplan", run_name="__main__")
except SystemExit:
    pass
heavy = sorted({name.split(".")[0] for name in sys.modules} & set(%r))
print(json.dumps(heavy), file=sys.stderr)
""" % (HEAVY,)


def loaded_by(*args: str, cwd: Path) -> list[str]:
    result = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, cwd=cwd, timeout=60)
    assert "Traceback" not in result.stderr
    return json.loads(result.stderr.strip().splitlines()[-1])


@pytest.mark.parametrize("args", [["--version"], ["--help"], ["packs"]])
def test_commands_do_not_load_textual_or_docx(tmp_path, args):
    assert loaded_by(*args, cwd=tmp_path) == []


def test_checking_a_plan_does_not_load_textual_or_docx(tmp_path, bundled_pack):
    from essayplan.ops import new_plan
    from essayplan.plans import save_plan

    save_plan(new_plan(bundled_pack), tmp_path / "plan.toml")
    assert loaded_by("check", "plan.toml", cwd=tmp_path) == []


def test_importing_the_core_does_not_load_textual_or_docx(tmp_path):
    code = (
        "import sys, essayplan.cli, essayplan.plans, essayplan.ops, essayplan.packs, essayplan.session, essayplan.checking\n"
        f"print(sorted({{n.split('.')[0] for n in sys.modules}} & set({HEAVY!r})))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, timeout=60)
    assert (result.returncode, result.stdout.strip()) == (0, "[]"), result.stderr
