"""The core never imports Textual or the TUI; non-interactive commands load neither Textual nor python-docx."""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from paths import PACKAGE

TUI = PACKAGE / "tui"
HEAVY = ("textual", "docx", "lxml")
FORBIDDEN = ("textual", "essayplan.tui")  # what the core may not import


def core_modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if TUI not in p.parents)


def forbidden_imports(path: Path, root: Path = PACKAGE, forbidden: tuple[str, ...] = FORBIDDEN) -> list[str]:
    """Each import of a forbidden module (or of one inside it), relative imports resolved."""
    package = [root.name, *path.relative_to(root).parent.parts]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = ".".join(package[: len(package) - node.level + 1]) if node.level else ""
            module = ".".join(part for part in (base, node.module or "") if part)
            # `from essayplan import tui` imports essayplan.tui too.
            names = [module] + [f"{module}.{alias.name}" for alias in node.names]
        else:
            continue
        hits = [n for n in names if any(n == f or n.startswith(f + ".") for f in forbidden)]
        if hits:
            found.append(f"{path.relative_to(root)}:{node.lineno}: imports {hits[0]}")
    return sorted(found, key=lambda line: int(line.split(":")[1]))


def test_the_walk_finds_the_core():
    names = {p.name for p in core_modules()}
    assert {"model.py", "ops.py", "plans.py", "packs.py", "cli.py", "drops.py", "names.py"} <= names
    assert not any(TUI in p.parents for p in core_modules())


def test_nothing_outside_the_tui_imports_textual_or_the_tui():
    # The core is what the TUI and later views build on: it cannot lean on them. The one
    # exception is where the app starts: the CLI's `open` and `class --open` import the TUI,
    # lazily (the tests below show that other commands never load Textual).
    found = [line for path in core_modules() for line in forbidden_imports(path)]
    assert [line for line in found if not re.fullmatch(r"(class)?cli\.py:\d+: imports essayplan\.tui(\.classlist)?", line)] == []


def test_the_check_itself_can_fail(tmp_path):
    root = tmp_path / "essayplan"
    (root / "export").mkdir(parents=True)
    bad = root / "export" / "bad.py"
    bad.write_text(
        "def f():\n    from textual.app import App\nimport textual\n"
        "from essayplan.tui.drag import Place\nfrom essayplan import tui\nfrom ..tui import app\n"
        "from . import tuition\nimport essayplan.tuition\n",
        encoding="utf-8",
    )
    assert forbidden_imports(bad, root=root) == [
        "export/bad.py:2: imports textual.app",
        "export/bad.py:3: imports textual",
        "export/bad.py:4: imports essayplan.tui.drag",
        "export/bad.py:5: imports essayplan.tui",
        "export/bad.py:6: imports essayplan.tui",
    ]


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
