"""The export of a plan's structure (issue 12): links, weights, counterfactuals, roles, the
judgement line, own factors and own evidence, in Markdown and in Word."""

from __future__ import annotations

import subprocess
import sys
import zipfile

import docx
import pytest
from docx.oxml.ns import qn

from essayplan import ops
from essayplan.export import export_plan
from essayplan.model import Evidence, Factor, Pack
from paths import CORPUS

PACK = Pack(
    "topic",
    "Topic",
    factors=tuple(
        Factor(f"f{i}", f"Factor number {i}", evidence=(Evidence(f"c{i}", f"Card {i}."),)) for i in range(1, 8)
    ),
)
QUESTION = "How far was Factor number 1 the main reason?"


def rich_plan(factors: int = 3):
    pack = Pack("topic", "Topic", factors=PACK.factors[:factors])
    plan = ops.new_plan(pack, QUESTION)
    plan = ops.add_own_factor(plan, pack, "Luck")
    plan = ops.set_extent(plan, 70)
    plan = ops.set_weight(ops.set_weight(plan, "f1", 45), "f2", 35)
    plan = ops.set_without(plan, "f1", "never")
    plan = ops.set_role(plan, "f2", "trigger")
    plan = ops.add_link(plan, "f1", "f2", "enabled", "F1 made F2 possible.")
    plan = ops.add_link(plan, "luck", "f1", "strengthened")
    plan = ops.add_own_evidence(plan, "luck", "Lenin's third stroke in 1923.")
    return plan, pack


def markdown(tmp_path, plan, pack) -> str:
    return export_plan(plan, pack, tmp_path / "plan.md", "md", author="").read_text(encoding="utf-8")


def test_markdown_shows_each_part_of_the_structure(tmp_path):
    text = markdown(tmp_path, *rich_plan())
    assert "| Rank | Factor | Weight | Without it | Role | Reason | Para |" in text
    assert "| 1st | Factor number 1 ★ | 45% | never | – | *(not written yet)* | ¶1 |" in text
    assert "| 2nd | Factor number 2 | 35% | – | trigger | *(not written yet)* | ¶2 |" in text
    assert "Luck (own factor)" in text
    assert "## Links" in text
    assert "- Factor number 1 → Factor number 2 (enabled): F1 made F2 possible." in text
    assert "- Luck → Factor number 1 (strengthened): *(no sentence yet)*" in text
    assert "> **Judgement line:** 70/100: largely" in text  # #16: in the judgement box
    assert "— Luck\n" in text and "## ¶4 · " in text
    assert "- Lenin's third stroke in 1923. (own knowledge)" in text


def test_markdown_of_a_plan_without_the_structure_is_as_before(tmp_path):
    plan = ops.new_plan(PACK, QUESTION)
    text = markdown(tmp_path, plan, PACK)
    assert "| Rank | Factor | Reason |" in text
    for absent in ("Weight", "## Links", "Extent", "own"):
        assert absent not in text


def _docx(tmp_path, plan, pack):
    out = export_plan(plan, pack, tmp_path / "plan.docx", author="")
    return out, docx.Document(out)


def _rows(table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def test_word_has_the_weights_the_link_table_the_picture_and_the_judgement_line(tmp_path):
    out, document = _docx(tmp_path, *rich_plan())
    ranking, links, line = document.tables
    assert _rows(ranking)[0] == ["Rank", "Factor", "Weight", "Without it", "Role", "Reason", "Para"]
    assert _rows(ranking)[1][2] == "████▌\u00a045%" and _rows(ranking)[1][3] == "never"
    assert _rows(ranking)[2][4] == "trigger"
    assert _rows(links) == [
        ["From", "Kind", "To", "How"],
        ["Factor number 1", "enabled", "Factor number 2", "F1 made F2 possible."],
        ["Luck", "strengthened", "Factor number 1", "(no sentence yet)"],
    ]
    assert len(_rows(line)) == 1 and "▲ 70  largely" in _rows(line)[0]
    assert "not at all (0)" in _rows(line)[0] and "entirely (100)" in _rows(line)[0]
    # The link map: one inline picture, a PNG, described for screen readers.
    [shape] = document.inline_shapes
    doc_pr = shape._inline.docPr
    assert doc_pr.get("descr").startswith("Link map: Factor number 1 enabled Factor number 2;")
    with zipfile.ZipFile(out) as package:
        images = [name for name in package.namelist() if name.startswith("word/media/")]
        assert len(images) == 1 and package.read(images[0]).startswith(b"\x89PNG")
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Judgement line: 70/100: largely" in text and "(own knowledge)" in text


def test_a_plan_with_8_factors_and_12_links_exports(tmp_path):
    plan, pack = rich_plan(7)
    ids = [r.factor for r in plan.ranking]
    assert len(ids) == 8
    pairs = [(a, b) for a in ids for b in ids if a != b and not plan.link(a, b)]
    for source, target in pairs[: 12 - len(plan.links)]:
        plan = ops.add_link(plan, source, target, "weakened", f"{source} weakened {target}.")
    assert len(plan.links) == 12
    _out, document = _docx(tmp_path, plan, pack)
    assert len(document.inline_shapes) == 1
    assert len(document.tables[1].rows) == 13
    links = markdown(tmp_path, plan, pack).split("## Links")[1].split("## ¶1 ")[0]
    assert len([line for line in links.splitlines() if line.startswith("- ") and " → " in line]) == 12


def test_more_than_8_linked_factors_get_the_table_without_a_picture(tmp_path):
    pack = Pack("topic", "Topic", factors=tuple(Factor(f"g{i}", f"G {i}") for i in range(9)))
    plan = ops.new_plan(pack)
    for i in range(8):
        plan = ops.add_link(plan, f"g{i}", f"g{i + 1}", "enabled", "So.")
    _out, document = _docx(tmp_path, plan, pack)
    assert len(document.inline_shapes) == 0 and len(document.tables[1].rows) == 9


def test_an_old_plan_exports_to_word_without_pillow(tmp_path):
    """No links: Pillow is never imported (the export of older plans costs what it did)."""
    from pathlib import Path

    good = (CORPUS / "good-plan.toml").read_text()
    # the judgement line needs no picture
    (tmp_path / "plan.toml").write_text(good.replace('template = ', 'extent = 30\ntemplate = ', 1))
    probe = (
        "import sys; from essayplan.cli import main; code = main(sys.argv[1:]); "
        "assert 'PIL' not in sys.modules, 'Pillow imported'; sys.exit(code)"
    )
    for args in (["export", str(tmp_path / "plan.toml"), "-o", str(tmp_path / "plan.docx")], ["check", str(tmp_path / "plan.toml")]):
        done = subprocess.run([sys.executable, "-c", probe, *args], capture_output=True, text=True, cwd=tmp_path)
        assert done.returncode == 0, done.stderr
    document = docx.Document(tmp_path / "plan.docx")
    assert len(document.inline_shapes) == 0 and len(document.tables) == 2  # ranking, judgement line


@pytest.mark.parametrize("kind", ["enabled", "strengthened", "weakened", "depended on"])
def test_the_map_draws_each_kind(kind):
    from essayplan.export.linkmap import draw_map

    png = draw_map(["A factor with a long title that needs wrapping", "B"], [(0, 1, kind), (1, 0, kind)])
    assert png.startswith(b"\x89PNG")
