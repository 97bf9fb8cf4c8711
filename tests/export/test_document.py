"""Issue 16: the Word plan a teacher wants, asserted from the document's XML and rendered pages."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from dataclasses import replace

import docx
import pytest
from markdown_it import MarkdownIt

from essayplan.export import export_plan
from essayplan.export.content import card_line, ranks
from essayplan.model import Evidence, Factor, Pack, Paragraph, Plan, Ranked
from essayplan.ops import new_plan
from rendering import needs_soffice, renders
from samples import ADVICE, full_plan, stalin_pack, user_template


def _export(plan, pack, tmp_path, name="plan.docx", **options):
    out = tmp_path / name
    options.setdefault("author", "Sam Smith")
    options.setdefault("group", "10B")
    fmt = options.pop("fmt", "docx")
    export_plan(plan, pack, out, fmt, advice=ADVICE, **options)
    return out


def _part(path, name):
    with zipfile.ZipFile(path) as package:
        return package.read(name).decode("utf-8") if name in package.namelist() else None


def _texts(document):
    return [p.text for p in document.paragraphs]


# 1. A clean package


def test_package_is_clean(tmp_path):
    pack = stalin_pack()
    out = _export(full_plan(pack), pack, tmp_path)
    settings = _part(out, "word/settings.xml")
    assert re.search(r'w:name="compatibilityMode"[^>]*w:val="15"', settings)
    assert "proofState" not in settings
    assert 'w:themeFontLang w:val="en-GB"' in settings
    app = _part(out, "docProps/app.xml")
    assert "<Application>essayplan</Application>" in app and "<Pages>" not in app and "<Words>" not in app
    with zipfile.ZipFile(out) as package:
        assert not [n for n in package.namelist() if n.startswith("customXml")]
    styles = _part(out, "word/styles.xml")
    assert 'w:lang w:val="en-GB"' in styles and 'w:lang w:val="en-US"' not in styles


def test_a_user_templates_language_is_kept(tmp_path):
    pack = stalin_pack()
    template = user_template(tmp_path / "school.docx")
    before = re.findall(r'w:lang w:val="([^"]+)"', _part(template, "word/styles.xml"))
    out = _export(full_plan(pack), pack, tmp_path, template=template)
    assert re.findall(r'w:lang w:val="([^"]+)"', _part(out, "word/styles.xml")) == before
    assert "<Application>essayplan</Application>" in _part(out, "docProps/app.xml")


# 2. An honest ranking


def test_a_new_plan_is_not_ranked_and_a_reconciled_factor_is_not_ranked(tmp_path):
    pack = stalin_pack()
    assert ranks(new_plan(pack), pack) == {}
    plan = full_plan(pack)
    grown = replace(plan, ranking=plan.ranking + (Ranked("newcomer"),))
    assert "newcomer" not in ranks(grown, pack) and ranks(grown, pack)["policies"] == 3
    document = docx.Document(_export(new_plan(pack), pack, tmp_path))
    table = document.tables[0]
    assert [row.cells[0].text for row in table.rows[1:]] == ["not ranked yet"] * len(pack.factors)


def test_ranking_marks_the_stated_factor_and_the_paragraph_and_headings_say_the_rank(tmp_path):
    pack = stalin_pack()
    document = docx.Document(_export(full_plan(pack), pack, tmp_path))
    rows = [[cell.text for cell in row.cells] for row in document.tables[0].rows]
    assert rows[0][-1] == "Para"
    assert rows[1][0] == "1st" and rows[1][-1] == "¶1"
    assert rows[2][0] == "2nd" and rows[2][1].endswith("★")  # the question names the opposition
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert "¶2 · Ranked 2nd — Weakness of the opposition ★" in headings


# 3. The answer first


def test_judgement_box_comes_first_and_the_conclusion_keeps_its_style(tmp_path):
    pack = stalin_pack()
    plan = replace(full_plan(pack), extent=70)
    document = docx.Document(_export(plan, pack, tmp_path))
    boxed = [(i, p.text) for i, p in enumerate(document.paragraphs) if p.style.name == "Judgement Box"]
    first = [text for i, text in boxed if i < 12]
    assert first[0].startswith("Question: How far") and "(★ Weakness of the opposition)" in first[0]
    assert first[1].startswith("Line of argument: The weakness of the opposition mattered")
    assert any(text.startswith("Judgement line: 70/100") for text in first)
    assert any(text.startswith("Judgement: Overall") for text in first)
    assert boxed[-1][1].startswith("Conclusion: Overall") and boxed[-1][0] > 20
    style = document.styles["Judgement Box"]
    assert style.element.pPr.find(docx.oxml.ns.qn("w:pBdr")) is not None


# 4. Who and when


def test_name_class_and_date_in_the_body_and_the_name_in_the_footer(tmp_path):
    pack = stalin_pack()
    out = _export(full_plan(pack), pack, tmp_path)
    document = docx.Document(out)
    assert "Name: Sam Smith · Class: 10B · Date: 4 March 2025" in _texts(document)
    assert "Sam Smith — page" in _part(out, "word/footer1.xml")
    blank = docx.Document(_export(full_plan(pack), pack, tmp_path, "blank.docx", author="", group=""))
    assert any(t.startswith("Name: ____") and "Class: ____" in t for t in _texts(blank))


def test_the_login_name_is_never_used(tmp_path, monkeypatch):
    import getpass

    monkeypatch.setattr(getpass, "getuser", lambda: "root")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    pack = stalin_pack()
    out = tmp_path / "plan.docx"
    export_plan(full_plan(pack), pack, out, advice=ADVICE)
    assert docx.Document(out).core_properties.author == ""
    assert "root" not in _part(out, "word/footer1.xml")


# 5. Evidence as a historian reads it


def test_evidence_date_first_and_never_twice():
    pack = Pack("p", "P", factors=(Factor("f", "F", evidence=(
        Evidence("a", "Trotsky failed to publish it.", date="1924"),
        Evidence("b", "Read out at last (1924)", date="1924"),
    )),))  # fmt: skip
    assert card_line("a", pack) == "1924 — Trotsky failed to publish it."
    assert card_line("b", pack) == "1924 — Read out at last"


def test_unused_evidence_under_its_groups_and_advice_as_a_checklist(tmp_path):
    pack = stalin_pack()
    document = docx.Document(_export(full_plan(pack), pack, tmp_path))
    texts = _texts(document)
    groups = {e.group for f in pack.factors for e in f.evidence if e.group}
    if groups:
        assert any(" — " in t and t.endswith(":") and t.split(" — ", 1)[1][:-1] in groups for t in texts)
    ticks = [t for t in texts if t.startswith("☐")]
    assert ticks and not any("in no paragraph" in t for t in ticks)


# 6. Pages hold together


def test_peel_blocks_are_kept_together_and_no_forced_break(tmp_path):
    pack = stalin_pack()
    document = docx.Document(_export(full_plan(pack), pack, tmp_path))
    paragraphs = document.paragraphs
    point = next(i for i, p in enumerate(paragraphs) if p.text.startswith("Point: Stalin's position"))
    assert paragraphs[point].paragraph_format.keep_with_next
    assert paragraphs[point + 1].paragraph_format.keep_with_next  # "Evidence:"
    assert not any(p.paragraph_format.page_break_before for p in paragraphs)


# 7. Named styles


def test_labels_and_placeholders_are_named_styles_that_print(tmp_path):
    pack = stalin_pack()
    document = docx.Document(_export(new_plan(pack), pack, tmp_path))
    runs = [r for p in document.paragraphs for r in p.runs]
    assert any(r.style.name == "PEEL Label" and r.text == "Point: " for r in runs)
    placeholders = [r for r in runs if r.text == "(not written yet)"]
    assert placeholders and all(r.style.name == "Placeholder" and r.font.color.rgb is None for r in placeholders)
    colour = document.styles["Placeholder"].font.color.rgb
    assert _contrast(colour) >= 4.5 and not document.styles["Placeholder"].font.italic


def test_a_template_without_our_styles_gets_them(tmp_path):
    pack = stalin_pack()
    plan = replace(full_plan(pack), paragraphs=full_plan(pack).paragraphs[:1] + (
        Paragraph("policies", own_evidence=("My own fact",)),))  # fmt: skip
    document = docx.Document(_export(plan, pack, tmp_path, template=user_template(tmp_path / "school.docx")))
    names = {s.name for s in document.styles}
    assert {"PEEL Label", "Placeholder", "Judgement Box", "Own Evidence"} <= names
    own = [r for p in document.paragraphs for r in p.runs if r.text.startswith("My own fact")]
    assert own and own[0].style.name == "Own Evidence"


def _contrast(rgb) -> float:
    def lum(c):
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    l = 0.2126 * lum(rgb[0]) + 0.7152 * lum(rgb[1]) + 0.0722 * lum(rgb[2])
    return 1.05 / (l + 0.05)


# 8. Markdown renders as typed

HOSTILE = [
    "<script>alert(1)</script>",
    "*stars* and _under_",
    "[x](http://y)",
    "# Not a heading",
    "1. not a list",
    "- not a bullet",
    "> not a quote",
    "+ plus",
    "a \\ backslash \\* and `ticks`",
    "pipe | in a cell",
    "trailing spaces   ",
]


def _visible(html: str) -> str:
    import html as htmllib

    return htmllib.unescape(re.sub(r"<[^>]+>", "", html))


@pytest.mark.parametrize("text", HOSTILE)
def test_markdown_renders_student_text_as_typed(text, tmp_path):
    pack = stalin_pack()
    plan = full_plan(pack)
    first = replace(plan.paragraphs[0], point=text)
    ranking = (replace(plan.ranking[0], reason=text),) + plan.ranking[1:]
    plan = replace(plan, paragraphs=(first,) + plan.paragraphs[1:], ranking=ranking)
    out = _export(plan, pack, tmp_path, "plan.md", fmt="md")
    html = MarkdownIt("commonmark").enable("table").render(out.read_text("utf-8"))
    assert "<script" not in html and '<a href' not in html
    visible = _visible(html)
    assert f"Point: {text.strip()}" in visible
    assert text.strip() in visible  # the table cell too
    assert "<h1>Not a heading" not in html and "<ol" not in html.split("Point:")[1].split("</p>")[0]


# 9. The empty plan and the writing frame, rendered


def _pages(pdf) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, timeout=60).stdout
    return int(re.search(r"Pages:\s+(\d+)", info).group(1))


@renders("document-empty")
def _empty_document(out):
    pack = stalin_pack()
    _export(new_plan(pack), pack, out.parent, out.name)


@renders("document-frame")
def _full_frame(out):
    pack = stalin_pack()
    _export(full_plan(pack), pack, out.parent, out.name, frame=True)


def test_frame_has_ruled_boxes_and_a_landscape_grid(tmp_path):
    pack = stalin_pack()
    document = docx.Document(_export(new_plan(pack), pack, tmp_path, frame=True))
    assert any(p.style.name == "Writing Box" for p in document.paragraphs)
    last = document.sections[-1]
    assert last.orientation == docx.enum.section.WD_ORIENT.LANDSCAPE
    grid = document.tables[-1]
    assert [c.text for c in grid.rows[0].cells][1:] == ["Point", "Evidence", "Explain", "Link"]
    assert len(grid.rows) == 1 + len(pack.factors)


def test_frame_cli(tmp_path):
    from essayplan.cli import main
    from essayplan.plans import save_plan

    pack = stalin_pack()
    plan_path = tmp_path / "plan.toml"
    save_plan(new_plan(pack), plan_path)
    main(["export", str(plan_path), "--frame", "-o", str(tmp_path / "f.docx")])
    assert docx.Document(tmp_path / "f.docx").sections[-1].orientation == docx.enum.section.WD_ORIENT.LANDSCAPE


@needs_soffice
@pytest.mark.skipif(shutil.which("pdfinfo") is None, reason="pdfinfo is not installed: apt-get install poppler-utils")
def test_rendered_page_counts(rendered):
    assert _pages(rendered["document-empty"]) <= 2
    pdf = rendered["document-frame"]
    pages = _pages(pdf)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, timeout=60).stdout
    last_page = text.split("\f")[pages - 1] if text.count("\f") >= pages - 1 else text
    assert "Writing frame" in last_page  # the grid starts on the last page and fits on it
    assert "Writing frame" not in text.split("\f")[pages - 2]
