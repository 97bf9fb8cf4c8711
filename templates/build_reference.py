"""Build templates/plan.docx, the reference template every Word export starts from.

    python templates/build_reference.py [OUT]

The export keeps this file's styles, page set-up, header and footer and
replaces its body (as pandoc's --reference-doc does). To restyle the export,
edit the constants here and run the script, or restyle a copy of plan.docx in
Word and pass it with `essayplan export --template`.

Fonts: Arial, which Word has everywhere and LibreOffice renders with the
metric-compatible Liberation Sans (Debian's fonts-liberation2, a LibreOffice
dependency), so pages break in the same places.
"""

from __future__ import annotations

import sys
from datetime import datetime, timezone
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

OUT = Path(__file__).resolve().with_name("plan.docx")
FONT = "Arial"
TEXT = RGBColor(0x1F, 0x1F, 0x1F)
INK = RGBColor(0x1F, 0x3A, 0x5F)  # muted navy for the title and main headings
SLATE = RGBColor(0x3B, 0x56, 0x75)  # lighter, for second-level headings
GREY = RGBColor(0x5F, 0x6B, 0x78)  # the line under the title, the footer
RULE = "C9D3DD"  # the thin line under main headings
GRID = "A6B4C2"  # table borders: visible, not heavy
PLACEHOLDER = RGBColor(0x59, 0x59, 0x59)  # 7:1 on white: prints dark enough to read
BOX_FILL = "EEF2F7"  # the judgement box's shading
BOX_LINE = "1F3A5F"
LANGUAGE = "en-GB"


def _fonts(r_pr, name: str) -> None:
    """One font for every script, and no theme font (a theme font would win in Word)."""
    fonts = r_pr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        r_pr.insert(0, fonts)
    for attribute in list(fonts.attrib):
        del fonts.attrib[attribute]
    for kind in ("ascii", "hAnsi", "cs", "eastAsia"):
        fonts.set(qn(f"w:{kind}"), name)


def _remove(parent, *tags: str) -> None:
    for tag in tags:
        for element in parent.findall(qn(tag)):
            parent.remove(element)


def _plain_colour(style) -> None:
    # A theme colour overrides the RGB value in Word: keep only ours.
    r_pr = style.element.get_or_add_rPr()
    colour = r_pr.find(qn("w:color"))
    if colour is not None:
        for attribute in ("w:themeColor", "w:themeShade", "w:themeTint"):
            colour.attrib.pop(qn(attribute), None)


def _paragraph_style(doc, name: str, size: float, colour: RGBColor, *, bold=False, italic=False, before=0.0, after=6.0):
    style = doc.styles[name]
    _fonts(style.element.get_or_add_rPr(), FONT)
    font = style.font
    font.size, font.bold, font.italic = Pt(size), bold, italic
    font.color.rgb = colour
    _plain_colour(style)
    # Letter spacing and a second size for complex scripts, left over from Word's defaults.
    _remove(style.element.get_or_add_rPr(), "w:spacing", "w:szCs")
    form = style.paragraph_format
    form.space_before, form.space_after = Pt(before), Pt(after)
    return style


def _defaults(doc) -> None:
    """Document defaults: the font and language every style inherits."""
    styles = doc.styles.element
    r_pr = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _fonts(r_pr, FONT)
    lang = r_pr.find(qn("w:lang"))
    lang.set(qn("w:val"), LANGUAGE)
    lang.set(qn("w:eastAsia"), LANGUAGE)


def _styles(doc) -> None:
    normal = _paragraph_style(doc, "Normal", 11, TEXT, after=6)
    normal.paragraph_format.line_spacing = 1.15

    title = _paragraph_style(doc, "Title", 20, INK, after=2)
    _remove(title.element.get_or_add_pPr(), "w:pBdr")  # Word's default rule under the title is loud
    subtitle = _paragraph_style(doc, "Subtitle", 11, GREY, after=14)
    _remove(subtitle.element.get_or_add_pPr(), "w:numPr")  # a stray list level in python-docx's default

    heading1 = _paragraph_style(doc, "Heading 1", 14, INK, bold=True, before=16, after=6)
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("val", "single"), ("sz", "4"), ("space", "2"), ("color", RULE)):
        bottom.set(qn(f"w:{key}"), value)
    border.append(bottom)
    heading1.paragraph_format.keep_with_next = True
    # pBdr sits before spacing in the schema's order of pPr children.
    heading1.element.pPr.find(qn("w:spacing")).addprevious(border)
    heading2 = _paragraph_style(doc, "Heading 2", 12, SLATE, bold=True, before=12, after=4)
    heading2.paragraph_format.keep_with_next = True

    bullet = doc.styles["List Bullet"]
    # Contextual spacing keeps a list tight; the space comes after its last item.
    bullet.paragraph_format.space_after = Pt(6)

    grid = doc.styles["Table Grid"]
    tbl_pr = grid.element.find(qn("w:tblPr"))
    for line in tbl_pr.find(qn("w:tblBorders")):
        line.set(qn("w:color"), GRID)
    margins = tbl_pr.find(qn("w:tblCellMar"))
    for side in margins:
        if side.tag in (qn("w:top"), qn("w:bottom")):
            side.set(qn("w:w"), "40")

    for name in ("Header", "Footer"):
        _paragraph_style(doc, name, 9, GREY, after=0)
    _own_styles(doc)


def _own_styles(doc) -> None:
    """The export's named styles, so a school template can restyle each (the export adds
    the same ones, from essayplan.export.styles, to a template that lacks them)."""
    from essayplan.export.styles import add_missing

    add_missing(doc)


def _field(paragraph, instruction: str) -> None:
    """A simple field (PAGE, NUMPAGES): Word and LibreOffice fill it in on every page."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), f" {instruction} ")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _page(doc) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)  # A4
    section.top_margin = section.bottom_margin = Cm(2)
    section.left_margin = section.right_margin = Cm(2)
    section.header_distance = section.footer_distance = Cm(1)
    footer = section.footer
    footer.is_linked_to_previous = False
    paragraph = footer.paragraphs[0]
    paragraph.style = doc.styles["Footer"]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    paragraph.add_run("essayplan — page ")
    _field(paragraph, "PAGE")
    paragraph.add_run(" of ")
    _field(paragraph, "NUMPAGES")


def _properties(doc) -> None:
    props = doc.core_properties
    props.title = "Essay plan"
    props.subject = "essayplan reference template"
    props.author = props.last_modified_by = "essayplan"
    props.keywords = "essayplan"
    props.comments = "Restyle this file in Word and pass it to essayplan export --template."
    props.revision = 1
    props.created = props.modified = datetime(2024, 1, 1, tzinfo=timezone.utc)


def _drop_thumbnail(doc) -> None:
    # python-docx's default package carries a thumbnail of some other document.
    rels = doc.part.package.rels
    for key, rel in list(rels.items()):
        if rel.reltype.endswith("/thumbnail"):
            del rels[key]


def _clean_package(doc) -> None:
    """What python-docx's default package leaves behind: Word 2010 compatibility,
    a claim that the text is spell-checked, an en-US theme language, a custom XML stub
    and the Word 2010 duplicate of the styles."""
    settings = doc.settings.element
    _remove(settings, "w:proofState", "w:rsids")
    for setting in settings.iter(qn("w:compatSetting")):
        if setting.get(qn("w:name")) == "compatibilityMode":
            setting.set(qn("w:val"), "15")
    lang = settings.find(qn("w:themeFontLang"))
    if lang is not None:
        lang.set(qn("w:val"), LANGUAGE)
        lang.attrib.pop(qn("w:eastAsia"), None)
    rels = doc.part.rels
    for key, rel in list(rels.items()):
        if rel.reltype.endswith(("/customXml", "/stylesWithEffects")):
            del rels[key]


def build() -> docx.document.Document:
    doc = docx.Document()
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    _defaults(doc)
    _styles(doc)
    _page(doc)
    _properties(doc)
    _drop_thumbnail(doc)
    _clean_package(doc)
    return doc


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else OUT
    build().save(out)
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
