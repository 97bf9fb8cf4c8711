"""`essayplan class FOLDER`: the terminal report, -o report.docx / .md, --force, and every mistake in one line."""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter

import docx
import pytest

from class_plans import make_class
from essayplan.cli import main
from essayplan.ops import new_plan
from essayplan.packs import load_pack
from essayplan.plans import save_plan


@pytest.fixture
def made(tmp_path, bundled):
    pack = load_pack(bundled)
    return make_class(tmp_path / "class", pack, load_pack(bundled.parent / "weimar-survival.toml"))


def test_the_report_in_the_terminal(made, capsys):
    assert main(["class", str(made.folder)]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    lines = out.splitlines()
    assert lines[1] == "32 students, 33 plans, 5 files that cannot be read"
    header = lines.index("Student        Judgement          Ranked first         Links Cards Words Advice")
    rows = lines[header + 1 : header + 1 + len(made.made)]
    assert [row.split()[0] for row in rows] == sorted(m.student for m in made.made)
    first = next(m for m in made.made if m.path.as_posix() == "student-07/stalin-rise.toml")
    assert rows[7].split()[-4:] == [str(first.links), str(len(first.cards)), str(first.words), "9"]
    # The bar chart: one bar per factor, the count after it, the longest bar the most counted.
    counts = Counter(m.first for m in made.made if m.words and m.pack and m.pack.id == "stalin-rise")
    top, most = counts.most_common(1)[0]
    bar = next(line for line in lines if line.startswith(f"  {top} "))
    assert bar.endswith(f"{'█' * 30} {most}")
    assert "Nothing written yet:" in lines
    assert "  student-00, student-06, student-12, student-18, student-24" in lines
    for path in made.broken:
        assert any(line.startswith(f"  {path}: ") for line in lines), path


def test_names_and_texts_from_files_reach_the_terminal_cleaned(tmp_path, bundled, capsys):
    pack = load_pack(bundled)
    folder = tmp_path / "class"
    (folder / "evil\x1b[2J\x07name").mkdir(parents=True)
    save_plan(new_plan(pack, question="Why\x1b]0;owned\x07 now?"), folder / "evil\x1b[2J\x07name" / "plan.toml")
    c1 = folder / os.fsdecode(b"csi\x9bname")  # 0x9b is CSI to an 8-bit terminal; Python keeps it as '\udc9b'
    c1.mkdir()
    save_plan(new_plan(pack), c1 / "plan.toml")
    assert main(["class", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out and "\udc9b" not in out
    assert "evil" in out and "csi\ufffdname" in out


@pytest.mark.parametrize("name", ["report.docx", "report.md"])
def test_the_report_as_a_file(made, tmp_path, capsys, name):
    out = tmp_path / name
    assert main(["class", str(made.folder), "-o", str(out)]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == f"wrote {out}"
    if name.endswith(".md"):
        text = out.read_text(encoding="utf-8")
        assert text.startswith("# Class report: class\n")
        assert "| student-07 | 70 largely | Weakness of the opposition | 1 | 4 | 12 | 9 |" in text
        assert "| Factor | Ranked first |" in text
        assert "| Weakness of the opposition | 7 |" in text
        assert "| folder.toml | is a folder, not a plan file |" in text
        return
    document = docx.Document(out)
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "Class report: class"
    students = document.tables[0]
    assert [cell.text for cell in students.rows[0].cells] == ["Student", "Judgement", "Ranked first", "Links", "Cards", "Words", "Advice"]
    names = [row.cells[0].text for row in students.rows[1:]]
    assert [name.split()[0] for name in names] == sorted(m.student for m in made.made)
    assert "student-30 (second)" in names and "student-30 (stalin-rise)" in names
    assert len(document.inline_shapes) == 3  # a chart per pack, and one for the plan whose pack is missing
    assert document.core_properties.title == "Class report: class"


def test_an_existing_report_is_replaced_only_with_force(made, tmp_path, capsys):
    out = tmp_path / "report.md"
    out.write_text("keep me")
    assert main(["class", str(made.folder), "-o", str(out)]) == 2
    captured = capsys.readouterr()
    assert captured.err == f"{out} exists; add --force to replace it\n" and captured.out == ""
    assert out.read_text() == "keep me"
    assert main(["class", str(made.folder), "-o", str(out), "--force"]) == 0
    assert out.read_text().startswith("# Class report")


@pytest.mark.parametrize(
    "args, message",
    [
        (["{tmp}/nowhere"], "{tmp}/nowhere: no such folder"),
        (["{tmp}/file.toml"], "{tmp}/file.toml: not a folder; give the class folder (or a folder of plans handed in)"),
        (["{tmp}", "-o", "{tmp}/no/report.docx"], "{tmp}/no/report.docx: cannot export: folder {tmp}/no does not exist"),
        (["{tmp}", "-o", "{tmp}/report.txt"], "{tmp}/report.txt: name the report .docx (Word) or .md (Markdown), or give --format"),
        (["{tmp}", "-o", "{tmp}/folder.docx"], "{tmp}/folder.docx: cannot export: it is a folder; give a file name"),
    ],
)
def test_mistakes_are_one_line_and_status_2(tmp_path, capsys, args, message):
    (tmp_path / "file.toml").write_text("")
    (tmp_path / "folder.docx").mkdir()
    assert main(["class", *(a.format(tmp=tmp_path) for a in args)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""  # a bad report path is said before anything is printed
    assert captured.err == message.format(tmp=tmp_path) + "\n"


def test_no_folder_given(capsys):
    assert main(["class"]) == 2
    assert "the following arguments are required: FOLDER" in capsys.readouterr().err


def test_a_real_process_with_a_fifo_in_the_folder_never_hangs(made):
    result = subprocess.run(
        [sys.executable, "-m", "essayplan", "class", str(made.folder)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0 and "Traceback" not in result.stderr + result.stdout
    assert "  pipe.toml: not a regular file (a FIFO); essayplan reads only ordinary files" in result.stdout.splitlines()


def test_help_names_the_command(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "    class " in capsys.readouterr().out


@pytest.mark.parametrize("name", ["report.docx", "report.md"])
def test_odd_names_and_texts_make_a_good_document(tmp_path, bundled, name):
    pack = load_pack(bundled)
    folder = tmp_path / "class"
    student = folder / "sam|*smith*\x01"
    student.mkdir(parents=True)
    save_plan(new_plan(pack, question="Why\x0b <b>Stalin</b>?"), student / "plan.toml")
    undecodable = folder / os.fsdecode(b"bad\xffname")  # a byte no encoding names: a lone surrogate in Python
    undecodable.mkdir()
    save_plan(new_plan(pack), undecodable / "plan.toml")
    out = tmp_path / name
    assert main(["class", str(folder), "-o", str(out)]) == 0
    if name.endswith(".md"):
        text = out.read_text(encoding="utf-8")
        assert "| sam\\|\\*smith\\* |" in text and "\\<b\\>Stalin\\</b\\>" in text and "\x01" not in text
        assert "| badname |" in text
    else:
        cells = [cell.text for row in docx.Document(out).tables[0].rows for cell in row.cells]
        assert "sam|*smith*" in cells and "badname" in cells
