"""`essayplan export PLAN …` spelled plainly is read without argparse (cli.plain_export): the
same arguments as the export's parser reads, and anything else is left to the parser."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from essayplan import cli
from essayplan.ops import new_plan
from essayplan.packs import load_pack
from essayplan.plans import save_plan
from paths import BUNDLED_PACK

TOKENS = st.sampled_from(
    ["plan.toml", "out.docx", "my plan.md", "-o", "--output", "--template", "--format", "docx", "md", "pdf",
     "--no-appendix", "--force", "--frame", "--forc", "--no-app", "-h", "--help", "--", "-", "", "--output=x.md",
     "-ox.md", "-5", "-f", "--version", "export"]
)  # fmt: skip


def parsed(argv: list[str]) -> dict | None:
    """What the export's own parser reads, or None where it refuses."""
    try:
        return vars(cli.command_parser("export").parse_args(argv))
    except (cli.UserError, SystemExit):
        return None


@settings(max_examples=2000, deadline=None)
@given(st.lists(TOKENS, max_size=8))
def test_the_plain_reading_is_the_parsers(argv):
    plain = cli.plain_export(argv)
    if plain is not None:
        assert vars(plain) == parsed(argv)


@pytest.mark.parametrize(
    "argv",
    [
        ["plan.toml"],
        ["plan.toml", "-o", "out.docx", "--force"],
        ["--force", "-o", "out.md", "--format", "md", "plan.toml", "--no-appendix", "--frame"],
        ["plan.toml", "--output", "o.docx", "--template", "school.dotx", "--format", "docx"],
    ],
)
def test_plain_commands_are_read_without_the_parser(argv):
    assert vars(cli.plain_export(argv)) == parsed(argv)


@pytest.mark.parametrize(
    "argv",
    [[], ["-h"], ["plan.toml", "--help"], ["a", "b"], ["plan.toml", "--forc"], ["plan.toml", "--output=o.md"],
     ["plan.toml", "-o"], ["plan.toml", "-o", "-"], ["plan.toml", "--format", "pdf"], ["plan.toml", "--force", "--force"],
     ["--", "plan.toml"], [""]],
)  # fmt: skip
def test_anything_else_is_left_to_the_parser(argv):
    assert cli.plain_export(argv) is None


def test_an_export_spelled_plainly_never_imports_argparse(tmp_path):
    save_plan(new_plan(load_pack(BUNDLED_PACK)), tmp_path / "plan.toml")
    code = (
        "import sys\nfrom essayplan.cli import main\n"
        "status = main(['export', 'plan.toml', '-o', 'plan.docx', '--force'])\n"
        "print(status, 'argparse' in sys.modules, 'gettext' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, timeout=60)
    assert result.stdout.splitlines()[-1] == "0 False False", result.stderr
    assert (tmp_path / "plan.docx").stat().st_size > 0


def test_an_abbreviated_option_is_still_read_by_the_parser(tmp_path, capsys):
    save_plan(new_plan(load_pack(BUNDLED_PACK)), tmp_path / "plan.toml")
    assert cli.main(["export", str(tmp_path / "plan.toml"), "-o", str(tmp_path / "p.md"), "--forc"]) == 0
    assert (tmp_path / "p.md").is_file()
    assert cli.main(["export", str(tmp_path / "plan.toml"), "--format", "pdf"]) == 2
    assert "invalid choice: 'pdf'" in capsys.readouterr().err
