"""The export's own paragraphs and runs (export/wordxml.py) are exactly what python-docx writes."""

from __future__ import annotations

import docx
import pytest
from docx.shared import Pt
from lxml import etree

from essayplan.export import wordxml

TEXTS = [
    "plain",
    "",
    "  spaces kept  ",
    " ",
    "tab\there\t",
    "\t",
    "a\t \tb",
    "line\nbreak\n",
    "\n",
    'escapes & < > " \' ]]>',
    "émoji 🙂 ★ “quotes” —",
]
STYLE_IDS = ["Heading1", 'odd "&<> \tid\n', None]


def _xml(element) -> bytes:
    return etree.tostring(element)


def _python_docx(doc, text: str, style_id: str | None, *, styled: bool, keep_next: bool, run_style: str | None):
    paragraph = doc.add_paragraph()
    paragraph.add_run(text)
    run = paragraph.add_run(text)
    if run_style:  # our runs in a default character style have no rPr (`run.style = None` would add one)
        run._r.style = run_style
    if styled:
        paragraph._p.style = style_id
    if keep_next:
        paragraph.paragraph_format.keep_with_next = True
    return paragraph._p


@pytest.mark.parametrize("style_id", STYLE_IDS)
@pytest.mark.parametrize("text", TEXTS)
def test_our_paragraphs_are_what_python_docx_writes(text, style_id):
    """Batched (written as XML text) and made element by element."""
    doc = docx.Document()
    end = doc.element.body.sectPr
    for styled in (False, True):
        for keep_next in (False, True):
            expected = _python_docx(doc, text, style_id, styled=styled, keep_next=keep_next, run_style=style_id)
            batch = wordxml.Batch(end)
            batch.paragraph([(text, None), (text, style_id)], style_id, styled=styled, keep_next=keep_next)
            batch.flush()
            assert _xml(end.getprevious()) == _xml(expected)
        expected = _python_docx(doc, text, style_id, styled=styled, keep_next=False, run_style=style_id)
        p = wordxml.paragraph(end, style_id, styled=styled)
        wordxml.run(p, text)
        wordxml.run(p, text, style_id)
        assert _xml(p) == _xml(expected)


def test_a_batch_keeps_the_order_of_its_paragraphs_and_goes_before_the_section():
    doc = docx.Document()
    end = doc.element.body.sectPr
    batch = wordxml.Batch(end)
    for number in range(3):
        batch.paragraph([(f"paragraph {number}", None)])
    assert [p.text for p in doc.paragraphs] == []  # nothing until flushed
    batch.flush()
    batch.flush()  # a second flush adds nothing
    assert [p.text for p in doc.paragraphs] == ["paragraph 0", "paragraph 1", "paragraph 2"]
    assert doc.element.body[-1] is end


def test_cell_spacing_is_what_python_docx_writes():
    doc = docx.Document()
    expected = doc.add_paragraph("x")
    expected.paragraph_format.space_before = Pt(2)
    expected.paragraph_format.space_after = Pt(3)
    ours = doc.add_paragraph("x")
    wordxml.set_spacing(ours._p, Pt(2).twips, Pt(3).twips)
    assert _xml(ours._p) == _xml(expected._p)
