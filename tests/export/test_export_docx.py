"""Word export: re-read every export with python-docx (structure, styles) and docx2python (text)."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn
from docx.shared import Pt
from docx2python import docx2python

from essayplan import atomic
from essayplan.errors import UserError
from essayplan.export import default_author, default_output, export_plan
from essayplan.model import Evidence, Factor, Pack, Paragraph, Plan, Ranked
from paths import REPO
from samples import ADVICE, CREATED, MODIFIED, QUESTION, full_plan, stalin_pack, user_template


@pytest.fixture
def pack() -> Pack:
    return stalin_pack()


@pytest.fixture
def plan(pack) -> Plan:
    return full_plan(pack)


def export(plan, pack, tmp_path, name="plan.docx", **kwargs) -> Path:
    kwargs.setdefault("author", "Sam Student")
    kwargs.setdefault("advice", ADVICE)
    out = tmp_path / name
    assert export_plan(plan, pack, out, **kwargs) == out
    return out


def headings(document) -> list[tuple[str, str]]:
    return [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith(("Heading", "Title"))]


def texts(path: Path) -> str:
    with docx2python(path) as read:
        return read.text


# -- structure -----------------------------------------------------------------------


def test_headings_come_in_essay_order(plan, pack, tmp_path):
    document = docx.Document(export(plan, pack, tmp_path))
    assert headings(document) == [
        ("Title", QUESTION),
        ("Heading 1", "The answer"),
        ("Heading 1", "Introduction"),
        ("Heading 1", "Ranking"),
        ("Heading 1", "¶1 · Ranked 1st — Stalin's personality and position as General Secretary"),
        ("Heading 1", "¶2 · Ranked 2nd — Weakness of the opposition ★"),
        ("Heading 1", "¶3 · Ranked 3rd — Stalin's policies"),
        ("Heading 1", "Conclusion"),
        ("Heading 1", "Appendix"),
        ("Heading 2", "Evidence not used"),
        ("Heading 2", "Advice: a checklist"),
    ]
    assert document.paragraphs[1].style.name == "Subtitle"
    assert document.paragraphs[1].text == "Stalin's Rise to Power · 4 March 2025"


def test_the_template_body_is_replaced_and_its_page_setup_kept(plan, pack, tmp_path):
    document = docx.Document(export(plan, pack, tmp_path))
    assert document.paragraphs[0].text == QUESTION  # nothing of the template's body before the title
    section = document.sections[0]
    assert round(section.page_width.cm, 1) == 21.0 and round(section.page_height.cm, 1) == 29.7
    assert round(section.left_margin.cm, 1) == 2.0
    footer = section.footer._element.xml
    assert "Sam Student — page " in footer and " PAGE " in footer  # #16: the student's name, not the app's


def test_ranking_table_has_a_header_row_and_one_row_per_factor(plan, pack, tmp_path):
    document = docx.Document(export(plan, pack, tmp_path))
    (table,) = document.tables
    assert table.style.name == "Table Grid"
    cells = [[cell.text for cell in row.cells] for row in table.rows]
    assert cells == [  # #16: ordinal ranks, the stated factor marked, the paragraph that covers each
        ["Rank", "Factor", "Reason", "Para"],
        ["1st", "Stalin's personality and position as General Secretary",
         "Control of appointments built a loyal majority | the base for everything else.", "¶1"],
        ["2nd", "Weakness of the opposition ★", "Trotsky's arrogance and the rivals' divisions let Stalin pick them off.", "¶2"],
        ["3rd", "Stalin's policies", "(not written yet)", "¶3"],
    ]  # fmt: skip
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None  # repeats on a new page
    assert all(run.bold for run in table.rows[0].cells[0].paragraphs[0].runs)


def test_paragraph_parts_are_labelled_and_evidence_is_bulleted_with_dates(plan, pack, tmp_path):
    document = docx.Document(export(plan, pack, tmp_path))
    paragraphs = document.paragraphs
    start = next(i for i, p in enumerate(paragraphs) if p.text.startswith("¶2 "))
    end = next(i for i, p in enumerate(paragraphs) if p.text.startswith("¶3 "))
    section = paragraphs[start + 1 : end]
    lines = [(p.style.name, p.text) for p in section if p.text]
    testament = pack.evidence("trotsky-testament")
    triumvirate = pack.evidence("triumvirate")
    assert lines == [
        ("Normal", "Point: The weakness of the opposition allowed Stalin to defeat his rivals one by one."),
        ("Normal", "Evidence:"),
        ("List Bullet", f"{testament.date} — {testament.text}"),  # #16: the date first
        ("List Bullet", f"1922–23 — {triumvirate.text}"),
        ("List Bullet", "card-the-pack-lost (not in the pack)"),
        ("Normal", "Explain: Trotsky's failure to act in 1924 meant Stalin survived Lenin's criticism."),
        ("Normal", "Link: However, this was only possible because of Stalin's position."),
        ("Normal", "Counter-argument: Some historians argue Trotsky's mistakes mattered most; "
                   "however, they did not give Stalin a majority."),
    ]  # fmt: skip
    point = section[0]
    assert point.runs[0].style.name == "PEEL Label" and point.runs[0].text == "Point: "  # #16: a named style
    assert point.runs[1].style.name == "Default Paragraph Font"


def test_empty_parts_show_a_faint_gap_and_no_counter_argument_is_left_out(plan, pack, tmp_path):
    document = docx.Document(export(plan, pack, tmp_path))
    paragraphs = document.paragraphs
    start = next(i for i, p in enumerate(paragraphs) if p.text.startswith("¶3 "))
    end = next(i for i, p in enumerate(paragraphs) if p.text == "Conclusion")
    lines = [p.text for p in paragraphs[start + 1 : end] if p.text]
    assert lines[3:] == ["Explain: (not written yet)", "Link: (not written yet)"]
    gap = paragraphs[start + 1 : end][3].runs[1]  # Explain's gap, after Point, Evidence and one card
    assert gap.style.name == "Placeholder"  # #16: a named style, dark enough to print


def test_line_breaks_in_a_text_become_line_breaks(plan, pack, tmp_path):
    document = docx.Document(export(plan, pack, tmp_path))
    explain = next(p for p in document.paragraphs if p.text.startswith("Explain: He could promote"))
    assert "<w:br/>" in explain._p.xml
    assert explain.text.endswith("voted for him.\nHis rivals could not.")


def test_appendix_lists_unused_evidence_by_factor_and_the_advice(plan, pack, tmp_path):
    document = docx.Document(export(plan, pack, tmp_path))
    paragraphs = document.paragraphs
    start = next(i for i, p in enumerate(paragraphs) if p.text == "Appendix")
    assert not paragraphs[start].paragraph_format.page_break_before  # #16: no forced page break
    rest = [(p.style.name, p.text) for p in paragraphs[start:] if p.text]
    used = {card for paragraph in plan.paragraphs for card in paragraph.evidence}
    expected = [("Heading 1", "Appendix"), ("Heading 2", "Evidence not used")]
    for factor in pack.factors:
        unused = [card for card in factor.evidence if card.id not in used]
        for group in dict.fromkeys(c.group for c in unused):  # #16: under the pack's groups
            expected.append(("Normal", f"{factor.title}{f' — {group}' if group else ''}:"))
            expected += [("List Bullet", f"{c.date} — {c.text}" if c.date else c.text) for c in unused if c.group == group]
    # #16: a checklist, without the advice line that repeats the unused cards
    expected += [("Heading 2", "Advice: a checklist"), ("Normal", f"☐\t{ADVICE[0]}")]
    assert rest == expected


def test_appendix_false_leaves_out_unused_evidence_and_advice(plan, pack, tmp_path):
    document = docx.Document(export(plan, pack, tmp_path, appendix=False))
    names = [text for _, text in headings(document)]
    assert names[-1] == "Conclusion"
    assert "Evidence not used" not in texts(tmp_path / "plan.docx")


def test_no_advice_given_works_it_out(plan, pack, tmp_path):
    from essayplan.advice import advise, format_advice

    document = docx.Document(export(plan, pack, tmp_path, advice=None))
    ticks = [p.text.removeprefix("☐\t") for p in document.paragraphs if p.text.startswith("☐")]
    advice = [line for line in format_advice(advise(plan, pack)) if "not used in any paragraph" not in line]
    assert ticks == advice


def test_peal_plan_uses_peal_labels(plan, pack, tmp_path):
    document = docx.Document(export(replace(plan, template="peal"), pack, tmp_path))
    lines = [p.text for p in document.paragraphs]
    assert any(line.startswith("Analyse: He could promote") for line in lines)
    assert not any(line.startswith("Explain:") for line in lines)


def test_core_properties(plan, pack, tmp_path):
    props = docx.Document(export(plan, pack, tmp_path)).core_properties
    assert props.title == QUESTION
    assert props.subject == "Stalin's Rise to Power"
    assert props.author == "Sam Student"
    assert props.keywords == "essayplan"
    assert props.created == CREATED
    assert props.modified == MODIFIED
    assert props.comments == ""  # not the reference template's note


def test_times_in_another_zone_are_written_in_utc(plan, pack, tmp_path):
    from datetime import timedelta

    paris = timezone(timedelta(hours=1))
    plan = replace(plan, created=datetime(2025, 3, 1, 10, 30, tzinfo=paris))
    out = export(plan, pack, tmp_path)
    assert docx.Document(out).core_properties.created == datetime(2025, 3, 1, 9, 30, tzinfo=timezone.utc)
    with zipfile.ZipFile(out) as package:
        assert b">2025-03-01T09:30:00Z<" in package.read("docProps/core.xml")


def test_an_empty_plan_exports_with_gaps_not_errors(pack, tmp_path):
    from essayplan.ops import new_plan

    out = export(new_plan(pack), pack, tmp_path, advice=[])
    document = docx.Document(out)
    assert document.paragraphs[0].text == "Essay plan: Stalin's Rise to Power"
    assert docx.Document(out).core_properties.title == "Essay plan: Stalin's Rise to Power"
    text = texts(out)
    assert "Point: (not written yet)" in text
    assert "(no evidence attached yet)" in text
    assert "No advice: every part of the plan is in place." in text


def test_a_plan_with_no_ranking_and_no_paragraphs(pack, tmp_path):
    out = export(Plan(pack=pack.id, question="Why?"), pack, tmp_path)
    text = texts(out)
    assert "No factors are ranked yet." in text and "No paragraphs are planned yet." in text
    assert docx.Document(out).tables == []


def test_factor_the_pack_lost_is_named_by_its_id(plan, pack, tmp_path):
    plan = replace(plan, ranking=(*plan.ranking, Ranked("lost-factor")), paragraphs=(*plan.paragraphs, Paragraph("lost-factor")))
    text = texts(export(plan, pack, tmp_path))
    assert "¶4 · Not ranked yet — lost-factor (not in the pack)" in text  # #16: added last, untouched: not ranked
    assert "lost-factor (not in the pack)" in docx.Document(tmp_path / "plan.docx").tables[0].rows[4].cells[1].text


def test_long_question_and_control_characters_do_not_break_the_file(plan, pack, tmp_path):
    question = "Why " * 100 + "\x0b?"
    out = export(replace(plan, question=question, introduction="tab\there\x00"), pack, tmp_path)
    document = docx.Document(out)
    assert document.paragraphs[0].text == question.replace("\x0b", "").strip()
    assert len(document.core_properties.title) == 255
    assert "tab\there" in texts(out)


def test_independent_reader_sees_every_part(plan, pack, tmp_path):
    text = texts(export(plan, pack, tmp_path))
    for expected in (
        QUESTION,
        "Line of argument: The weakness of the opposition mattered",
        "Criteria: The most important factor",
        "Judgement: Overall, Stalin's position as General Secretary was the key reason.",
        f"{pack.evidence('trotsky-testament').date} — {pack.evidence('trotsky-testament').text}",
        ADVICE[0],
    ):
        assert expected in text


# -- templates -----------------------------------------------------------------------


def test_reference_template_has_the_styles_the_export_uses():
    document = docx.Document(REPO / "templates" / "plan.docx")
    names = {(s.name, s.type) for s in document.styles}
    for name in ("Normal", "Title", "Subtitle", "Heading 1", "Heading 2", "List Bullet", "Footer"):
        assert (name, WD_STYLE_TYPE.PARAGRAPH) in names
    assert ("Table Grid", WD_STYLE_TYPE.TABLE) in names
    assert document.paragraphs == []
    assert document.styles["Normal"].font.name == "Arial"


def test_reference_template_script_rebuilds_it(tmp_path):
    out = tmp_path / "plan.docx"
    result = subprocess.run(
        [sys.executable, str(REPO / "templates" / "build_reference.py"), str(out)],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    rebuilt, committed = docx.Document(out), docx.Document(REPO / "templates" / "plan.docx")
    assert rebuilt.styles.element.xml == committed.styles.element.xml, "run python templates/build_reference.py"
    assert rebuilt.sections[0].footer._element.xml == committed.sections[0].footer._element.xml


def test_user_template_without_list_bullet_or_table_grid(plan, pack, tmp_path):
    template = user_template(tmp_path / "school.docx")
    out = export(plan, pack, tmp_path, template=template)
    document = docx.Document(out)
    assert document.sections[0].header.paragraphs[0].text == "Hillside Academy — History department"
    assert document.styles["Normal"].font.name == "Georgia"
    assert document.styles["Normal"].font.size == Pt(12)
    assert "Replace this text with your essay." not in texts(out)
    # Fallbacks: manual bullets, borders written on the table itself.
    bullets = [p for p in document.paragraphs if p.text.startswith("•\t")]
    assert any(p.text == f"•\t{pack.evidence('trotsky-testament').date} — {pack.evidence('trotsky-testament').text}" for p in bullets)
    assert all(p.style.name == "Normal" for p in bullets)
    (table,) = document.tables
    assert table._tbl.tblPr.find(qn("w:tblBorders")) is not None
    assert table.rows[0].cells[0].text == "Rank"
    # python-docx's default styles still give the headings.
    assert headings(document)[2] == ("Heading 1", "Introduction")


def test_user_template_with_no_heading_or_title_styles(plan, pack, tmp_path):
    template = tmp_path / "bare.docx"
    user_template(template)
    data = template.read_bytes()
    document = docx.Document(io.BytesIO(data))
    styles = document.styles.element
    for style in list(styles.iterchildren(qn("w:style"))):
        if style.get(qn("w:styleId")) not in ("Normal", "DefaultParagraphFont", "TableNormal"):
            styles.remove(style)
    document.save(template)
    out = export(plan, pack, tmp_path, template=template)
    document = docx.Document(out)
    title = document.paragraphs[0]
    assert title.text == QUESTION and title.runs[0].bold and title.runs[0].font.size == Pt(20)
    heading = next(p for p in document.paragraphs if p.text == "Introduction")
    assert heading.runs[0].bold and heading.paragraph_format.keep_with_next
    assert QUESTION in texts(out)


def test_styles_are_found_by_name_and_written_by_the_templates_ids(plan, pack, tmp_path):
    """As python-docx's `style=` writes them: a localised id (Dutch Word's Heading 1 is
    "Kop1"), and no id at all for the template's default paragraph style."""
    template = tmp_path / "dutch.docx"
    document = docx.Document(REPO / "templates" / "plan.docx")
    styles = document.styles
    styles["Heading 1"].element.set(qn("w:styleId"), "Kop1")
    styles["Normal"].element.attrib.pop(qn("w:default"))
    styles["List Bullet"].element.set(qn("w:default"), "1")
    document.save(template)
    out = export(plan, pack, tmp_path, template=template)
    document = docx.Document(out)
    heading = next(p for p in document.paragraphs if p.text == "Introduction")
    assert heading._p.pPr.pStyle.val == "Kop1" and heading.style.name == "Heading 1"
    bullet = next(p for p in document.paragraphs if p.text.endswith(pack.evidence("trotsky-testament").text))
    assert bullet._p.pPr.pStyle is None and bullet.style.name == "List Bullet"
    assert document.paragraphs[0]._p.pPr.pStyle.val == "Title"
    assert document.tables[0]._tbl.tblStyle_val == "TableGrid"


def test_dotx_template(plan, pack, tmp_path):
    template = user_template(tmp_path / "school.dotx", header="Template header", dotx=True)
    out = export(plan, pack, tmp_path, template=template)
    with zipfile.ZipFile(out) as package:
        types = package.read("[Content_Types].xml")
    assert b"document.main+xml" in types and b"template.main+xml" not in types
    document = docx.Document(out)
    assert document.sections[0].header.paragraphs[0].text == "Template header"
    assert document.paragraphs[0].text == QUESTION


# -- errors: one clear line, and the old file untouched ------------------------------


@pytest.fixture
def existing(tmp_path) -> Path:
    out = tmp_path / "plan.docx"
    out.write_bytes(b"the student's previous export")
    return out


def assert_untouched(existing: Path) -> None:
    assert existing.read_bytes() == b"the student's previous export"
    assert sorted(p.name for p in existing.parent.iterdir() if p.name.endswith(".tmp")) == []


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("missing.docx", None, "{path}: template not found"),
        ("notes.txt", b"hello", "{path}: a template must be a Word .docx or .dotx file"),
        ("text.docx", b"not a zip at all", "{path}: not a Word file, or it is damaged"),
        ("truncated.docx", "truncated", "{path}: not a Word file, or it is damaged"),
        ("sheet.docx", "sheet", "{path}: not a Word file: it has no Word document inside"),
        ("bad-xml.docx", "bad-xml", "{path}: the Word file is damaged: "),
        ("no-document.docx", "no-document", "{path}: the Word file is damaged: "),
    ],
)
def test_bad_templates(plan, pack, tmp_path, existing, name, content, message):
    template = tmp_path / name
    reference = (REPO / "templates" / "plan.docx").read_bytes()
    if content == "truncated":
        template.write_bytes(reference[: len(reference) // 2])
    elif isinstance(content, str):
        template.write_bytes(_damaged(reference, content))
    elif content is not None:
        template.write_bytes(content)
    with pytest.raises(UserError) as caught:
        export_plan(plan, pack, existing, template=template, advice=[])
    text = str(caught.value)
    assert "\n" not in text
    assert text.startswith(message.format(path=template))
    if not message.endswith(": "):
        assert text == message.format(path=template)
    assert_untouched(existing)


def _damaged(reference: bytes, how: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(reference)) as source, zipfile.ZipFile(out, "w") as copy:
        for info in source.infolist():
            body = source.read(info)
            if how == "sheet" and info.filename == "[Content_Types].xml":
                body = body.replace(b"wordprocessingml.document.main+xml", b"spreadsheetml.sheet.main+xml")
            if how == "bad-xml" and info.filename == "word/document.xml":
                body = body[: len(body) // 2]
            if how == "no-document" and info.filename == "word/document.xml":
                continue
            copy.writestr(info, body)
    return out.getvalue()


def test_missing_output_folder(plan, pack, tmp_path):
    out = tmp_path / "no-such-folder" / "plan.docx"
    with pytest.raises(UserError) as caught:
        export_plan(plan, pack, out, advice=[])
    assert str(caught.value) == f"{out}: cannot export: folder {out.parent} does not exist"
    assert not out.parent.exists()


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root (and Windows) can write to a read-only folder")
def test_read_only_output_folder(plan, pack, tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    out = folder / "plan.docx"
    try:
        with pytest.raises(UserError) as caught:
            export_plan(plan, pack, out, advice=[])
    finally:
        folder.chmod(0o755)
    assert str(caught.value) == f"{out}: cannot export: folder {folder} is not writable"
    assert list(folder.iterdir()) == []


def test_folder_refusing_new_files(plan, pack, tmp_path, monkeypatch):
    # What a read-only folder does even to root: creating the temporary file fails.
    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(atomic.os, "open", refuse)
    out = tmp_path / "plan.docx"
    with pytest.raises(UserError) as caught:
        export_plan(plan, pack, out, advice=[])
    assert str(caught.value) == f"{out}: cannot export: folder {tmp_path} is not writable"
    assert not out.exists()


def test_output_open_in_another_program(plan, pack, existing, monkeypatch):
    # Windows refuses to replace a file Word has open: os.replace raises PermissionError.
    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(atomic.os, "replace", refuse)
    with pytest.raises(UserError) as caught:
        export_plan(plan, pack, existing, advice=[])
    monkeypatch.undo()
    assert str(caught.value) == (
        f"{existing}: cannot export: the file is open in another program or read-only; close it and try again"
    )
    assert_untouched(existing)


def test_output_is_a_folder(plan, pack, tmp_path):
    out = tmp_path / "plans"
    out.mkdir()
    with pytest.raises(UserError) as caught:
        export_plan(plan, pack, out, advice=[])
    assert str(caught.value) == f"{out}: cannot export: it is a folder; give a file name"


def test_unknown_format(plan, pack, existing):
    with pytest.raises(UserError) as caught:
        export_plan(plan, pack, existing, "pdf", advice=[])
    assert str(caught.value) == "unknown export format 'pdf': expected docx or md"
    assert_untouched(existing)
    with pytest.raises(UserError):
        default_output(Path("plan.toml"), "pdf")


def test_replaces_an_existing_export(plan, pack, existing):
    export_plan(plan, pack, existing, advice=[])
    assert docx.Document(existing).paragraphs[0].text == QUESTION


# -- defaults and start-up -----------------------------------------------------------


def test_default_output_is_beside_the_plan():
    assert default_output(Path("work/my-plan.toml"), "docx") == Path("work/my-plan.docx")
    assert default_output(Path("work/my-plan.toml"), "md") == Path("work/my-plan.md")


def test_default_author_from_settings(user_home):
    from essayplan import paths

    paths.user_config().mkdir(parents=True)
    (paths.user_config() / "settings.toml").write_text('author = "Ada Lovelace"\n', encoding="utf-8")
    assert default_author() == "Ada Lovelace"


@pytest.mark.parametrize("settings", [None, "author = [", "author = 3\n", 'author = "  "\n'])
def test_default_author_is_never_the_login_name(user_home, monkeypatch, settings):
    from essayplan import paths

    if settings is not None:
        paths.user_config().mkdir(parents=True)
        (paths.user_config() / "settings.toml").write_text(settings, encoding="utf-8")
    monkeypatch.setattr("getpass.getuser", lambda: "sam")
    assert default_author() == ""  # #16: a blank to fill in, never the login name


def test_default_author_never_raises(user_home, monkeypatch):
    def no_user():
        raise OSError("no user name")

    monkeypatch.setattr("getpass.getuser", no_user)
    assert default_author() == ""


def test_author_defaults_to_default_author(plan, pack, tmp_path, monkeypatch, user_home):
    from essayplan import paths

    monkeypatch.setattr("getpass.getuser", lambda: "sam")
    paths.user_config().mkdir(parents=True)
    (paths.user_config() / "settings.toml").write_text('author = "Ada"\nclass = "10B"\n', encoding="utf-8")
    out = tmp_path / "plan.docx"
    export_plan(plan, pack, out, advice=[])
    assert docx.Document(out).core_properties.author == "Ada"
    assert "Name: Ada · Class: 10B · Date: 4 March 2025" in [p.text for p in docx.Document(out).paragraphs]


def test_importing_export_does_not_import_python_docx():
    code = "import essayplan.export, sys; print('docx' in sys.modules, 'lxml' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "False"]
