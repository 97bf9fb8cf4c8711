"""The export's own named styles: labels, placeholders, the judgement box, own evidence.

Named, not direct formatting, so a school can restyle each in its template. The
reference template (templates/build_reference.py) carries them; a user's template
that lacks one gets ours added to its styles when the export runs.
"""

from __future__ import annotations

LABEL = "PEEL Label"  # character: "Point:", "Evidence:" …
PLACEHOLDER = "Placeholder"  # character: "(not written yet)", dark enough to print (7:1 on white)
OWN_EVIDENCE = "Own Evidence"  # character: the student's own knowledge
JUDGEMENT_BOX = "Judgement Box"  # paragraph: bordered and shaded, the answer at a glance
WRITING_BOX = "Writing Box"  # paragraph: a ruled box to write in by hand (the writing frame)

NAMES = (LABEL, PLACEHOLDER, OWN_EVIDENCE, JUDGEMENT_BOX, WRITING_BOX)
PARAGRAPH_STYLES = {JUDGEMENT_BOX, WRITING_BOX}

_INK = (0x1F, 0x3A, 0x5F)
_PLACEHOLDER = (0x59, 0x59, 0x59)
_OWN = (0x2E, 0x4A, 0x2E)
_BOX_FILL = "EEF2F7"
_BOX_LINE = "1F3A5F"
_RULE = "A6B4C2"


def add_missing(doc, have: set[str] | None = None) -> list[str]:
    """Add to `doc` each of our styles it lacks (by UI name); returns the names added."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Pt, RGBColor

    if have is None:
        have = {style.name for style in doc.styles}
    added = []
    for name in NAMES:
        if name in have:
            continue
        kind = WD_STYLE_TYPE.PARAGRAPH if name in PARAGRAPH_STYLES else WD_STYLE_TYPE.CHARACTER
        style = doc.styles.add_style(name, kind)
        style.hidden = False
        style.quick_style = True
        font = style.font
        if name == LABEL:
            font.bold = True
            font.color.rgb = RGBColor(*_INK)
        elif name == PLACEHOLDER:
            font.italic = False
            font.color.rgb = RGBColor(*_PLACEHOLDER)
        elif name == OWN_EVIDENCE:
            font.color.rgb = RGBColor(*_OWN)
        elif name == JUDGEMENT_BOX:
            style.base_style = _normal(doc)
            form = style.paragraph_format
            form.space_before, form.space_after = Pt(0), Pt(0)
            form.keep_together = True
            form.keep_with_next = True
            _box(style.element, _BOX_LINE, 8, _BOX_FILL, inside=False)
        elif name == WRITING_BOX:
            style.base_style = _normal(doc)
            form = style.paragraph_format
            form.space_before, form.space_after = Pt(0), Pt(0)
            form.line_spacing = Pt(26)  # room for handwriting between the rules
            form.keep_together = True
            _box(style.element, _RULE, 4, None, inside=True)
        added.append(name)
    return added


def _normal(doc):
    for style in doc.styles:
        if style.type == 1 and style.name == "Normal":
            return style
    return None


def _box(style_element, colour: str, size: int, fill: str | None, *, inside: bool) -> None:
    """A border round the paragraph (and a rule between its lines when `inside`), and shading.

    Paragraphs in a row with the same borders are drawn as one box by Word and LibreOffice."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    p_pr = style_element.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    for edge in ("top", "left", "bottom", "right", "between"):
        line = OxmlElement(f"w:{edge}")
        line.set(qn("w:val"), "single")
        line.set(qn("w:sz"), str(size if edge != "between" else 4))
        line.set(qn("w:space"), "4")
        line.set(qn("w:color"), colour if edge != "between" else _RULE)
        if edge == "between" and not inside:
            continue
        borders.append(line)
    # Schema order in pPr: … keepNext, keepLines, pageBreakBefore, …, pBdr, shd, tabs, …, spacing, ind …
    _insert(p_pr, borders, ("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
                            "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
                            "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
                            "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
                            "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange"))  # fmt: skip
    if fill:
        shading = OxmlElement("w:shd")
        shading.set(qn("w:val"), "clear")
        shading.set(qn("w:color"), "auto")
        shading.set(qn("w:fill"), fill)
        borders.addnext(shading)


def _insert(parent, child, later: tuple[str, ...]) -> None:
    from docx.oxml.ns import qn

    tags = {qn(tag) for tag in later}
    for existing in parent:
        if existing.tag in tags:
            existing.addprevious(child)
            return
    parent.append(child)
