"""The plan as a Word document, styled by a reference template.

Like pandoc's --reference-doc: open the template (ours, or the student's own
.docx/.dotx), clear its body but keep its styles, headers, footers and page
set-up, then write the plan with the template's styles. A style the template
lacks falls back to direct formatting on Normal, so any school template works.

python-docx is imported inside the functions: importing this module is free.
"""

from __future__ import annotations

import io
from pathlib import Path

from essayplan.errors import UserError
from essayplan.export.content import NO_SENTENCE, Block, Bullets, Content, LinkMap, Note, Part, Scale, Table, link_line
from essayplan.safetext import clean

_SUFFIXES = (".docx", ".dotx")
_FAINT = (0x80, 0x80, 0x80)
_CORE_TEXT_MAX = 255  # python-docx refuses longer core properties
_RANK_WIDTH_CM = 2.0  # wide enough for "Rank" in a 12pt serif, bold


def reference_template() -> Path:
    from essayplan import paths

    return paths.bundled_templates() / "plan.docx"


def render(content: Content, template: Path | None = None) -> bytes:
    """The .docx file's bytes. UserError when the template cannot be used."""
    doc = open_template(template)
    _set_properties(doc, content)
    writer = _Writer(doc)
    writer.title(content.title, content.meta)
    for section in content.sections:
        writer.heading(section.heading, section.level, section.new_page)
        for block in section.blocks:
            writer.block(block)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def open_template(template: Path | None = None):
    """A python-docx Document with the template's body cleared (final sectPr kept).

    The bundled reference template is ours and opened as it is; a user's template
    is untrusted: read with limits and cleaned first (see cleantemplate).
    """
    path = Path(template) if template is not None else reference_template()
    if template is not None and path.suffix.lower() not in _SUFFIXES:
        raise UserError(f"{path}: a template must be a Word .docx or .dotx file")
    if path.is_dir():
        raise UserError(f"{path}: is a folder, not a Word template")
    if not path.is_file():
        if template is None:
            raise UserError(f"{path}: the reference template is missing (reinstall essayplan)")
        if path.exists():  # a FIFO or a device: opening it could block
            raise UserError(f"{path}: is not a regular file, not a Word template")
        raise UserError(f"{path}: template not found")
    if template is None:
        try:
            data = path.read_bytes()
        except OSError as error:
            raise UserError(f"{path}: cannot read the template: {error.strerror or error}") from None
    else:
        from essayplan.export.cleantemplate import clean_template

        data = clean_template(path)

    import docx

    try:
        doc = docx.Document(io.BytesIO(data))
        _clear_body(doc)
    except Exception as error:  # a damaged file fails in many ways (zip, XML, missing parts)
        detail = str(error).splitlines()[0][:120] if str(error) else type(error).__name__
        raise UserError(f"{path}: the Word file is damaged: {clean(detail)}") from None
    _repair_page_setup(doc)
    return doc


def _clear_body(doc) -> None:
    from docx.oxml.ns import qn

    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    body.get_or_add_sectPr()  # a body may lack one; python-docx needs a section


# Page set-up the export reads (for the table's width) or Word needs to open the
# file: (element, attribute) → the default in twips, and the range Word accepts.
_PAGE_MAX = 31680  # twips: 22 inches, Word's largest page
_PAGE_SETUP = {
    ("pgSz", "w"): (11906, 1, _PAGE_MAX),
    ("pgSz", "h"): (16838, 1, _PAGE_MAX),
    ("pgMar", "left"): (1440, 0, _PAGE_MAX),
    ("pgMar", "right"): (1440, 0, _PAGE_MAX),
    ("pgMar", "top"): (1440, -_PAGE_MAX, _PAGE_MAX),
    ("pgMar", "bottom"): (1440, -_PAGE_MAX, _PAGE_MAX),
    ("pgMar", "header"): (708, 0, _PAGE_MAX),
    ("pgMar", "footer"): (708, 0, _PAGE_MAX),
    ("pgMar", "gutter"): (0, 0, _PAGE_MAX),
}


def _repair_page_setup(doc) -> None:
    """A page size or margin that is not a number Word accepts becomes the default (A4, 2.54 cm)."""
    from docx.oxml.ns import qn
    from docx.oxml.simpletypes import ST_SignedTwipsMeasure

    for sect_pr in doc.element.body.iter(qn("w:sectPr")):
        for (tag, name), (default, low, high) in _PAGE_SETUP.items():
            element = sect_pr.find(qn(f"w:{tag}"))
            value = None if element is None else element.get(qn(f"w:{name}"))
            if value is None:
                continue
            try:
                twips = ST_SignedTwipsMeasure.convert_from_xml(value).twips
                good = low <= twips <= high
            except (ValueError, TypeError, OverflowError, ArithmeticError):
                good = False
            if not good:
                element.set(qn(f"w:{name}"), str(default))
        size = sect_pr.find(qn("w:pgSz"))
        if size is not None and size.get(qn("w:orient")) not in (None, "portrait", "landscape"):
            del size.attrib[qn("w:orient")]


def _short(text: str) -> str:
    return text if len(text) <= _CORE_TEXT_MAX else text[: _CORE_TEXT_MAX - 1] + "…"


def _set_properties(doc, content: Content) -> None:
    props = doc.core_properties
    props.title = _short(content.title)
    props.subject = _short(content.subject)
    props.author = _short(content.author)
    props.last_modified_by = _short(content.author)
    props.keywords = content.keywords
    # A template's own description must not pass for the student's.
    props.comments = ""
    props.category = ""
    props.content_status = ""
    props.revision = 1
    # python-docx writes the time as given with a "Z": content gives it in UTC.
    props.created = content.created
    props.modified = content.modified


class _Writer:
    """Appends the plan to the document with the template's styles, or a fallback."""

    def __init__(self, doc) -> None:
        from docx.oxml.ns import qn
        from docx.styles import BabelFish

        self.doc = doc
        # (name, type) → the id to write: None for the type's default style, which
        # python-docx writes as no style at all. Worked out once, from the XML,
        # with python-docx's rules (its `paragraph.style = style` scans every style
        # of the template on each paragraph); read as plain attributes, which is
        # several times faster than through python-docx's properties.
        styles = []
        for element in doc.styles.element.iterchildren(qn("w:style")):
            name = element.find(qn("w:name"))
            styles.append(
                (
                    element,
                    None if name is None else name.get(qn("w:val")),
                    element.get(qn("w:type")),  # None when missing, as python-docx reads it
                    element.get(qn("w:default")) in ("1", "true", "on"),
                )
            )
        defaults = {kind: element for element, _name, kind, default in styles if default}  # the last wins
        self._ids = {}
        for element, name, kind, _default in styles:
            if name:
                kind = kind or "paragraph"  # no w:type means a paragraph style
                key = (BabelFish.internal2ui(name), kind)
                if key not in self._ids:  # the first of a name wins
                    self._ids[key] = None if element is defaults.get(kind) else element.get(qn("w:styleId"))

    def styled(self, text: str, name: str):
        """A paragraph in the template's paragraph style `name`; None when the template lacks it."""
        key = (name, "paragraph")
        if key not in self._ids:
            return None
        paragraph = self.doc.add_paragraph()
        _add_run(paragraph, text)
        paragraph._p.style = self._ids[key]  # what `paragraph.style = style` writes
        return paragraph

    # -- paragraphs ------------------------------------------------------------

    def _plain(self):
        # No style given: the template's default paragraph style (Normal) applies.
        return self.doc.add_paragraph()

    def _faint(self, paragraph, text: str):
        from docx.shared import RGBColor

        run = _add_run(paragraph, text)
        run.italic = True
        run.font.color.rgb = RGBColor(*_FAINT)
        return run

    def title(self, title: str, meta: str) -> None:
        from docx.shared import Pt

        if self.styled(title, "Title") is None:
            run = _add_run(self._plain(), title)
            run.bold, run.font.size = True, Pt(20)
        if self.styled(meta, "Subtitle") is None:
            self._faint(self._plain(), meta)

    def heading(self, text: str, level: int, new_page: bool = False) -> None:
        from docx.shared import Pt

        paragraph = self.styled(text, f"Heading {level}")
        if paragraph is None:
            paragraph = self._plain()
            run = _add_run(paragraph, text)
            run.bold, run.font.size = True, Pt(15 if level == 1 else 12.5)
            paragraph.paragraph_format.space_before = Pt(14 if level == 1 else 10)
            paragraph.paragraph_format.keep_with_next = True
        if new_page:
            paragraph.paragraph_format.page_break_before = True

    def block(self, block: Block) -> None:
        if isinstance(block, Part):
            paragraph = self._plain()
            _add_run(paragraph, f"{block.label}: ").bold = True
            if block.text:
                _add_run(paragraph, block.text)  # a "\n" becomes a line break
            else:
                self._faint(paragraph, block.empty)
        elif isinstance(block, Bullets):
            self.bullets(block)
        elif isinstance(block, Table):
            self.table(block)
        elif isinstance(block, Note):
            self._faint(self._plain(), block.text)
        elif isinstance(block, LinkMap):
            self.link_map(block)
        elif isinstance(block, Scale):
            self.scale(block)
        else:
            raise TypeError(block)

    def bullets(self, block: Bullets) -> None:
        if block.label:
            label = self._plain()
            _add_run(label, f"{block.label}:").bold = True
            label.paragraph_format.keep_with_next = True
        if not block.items:
            self._faint(self._plain(), block.empty)
            return
        for item in block.items:
            if self.styled(item, "List Bullet") is None:
                self._manual_bullet(item)

    def _manual_bullet(self, text: str) -> None:
        from docx.shared import Cm

        paragraph = self._plain()
        _add_run(paragraph, "•\t" + text)
        form = paragraph.paragraph_format
        form.left_indent, form.first_line_indent = Cm(0.63), Cm(-0.63)
        form.tab_stops.add_tab_stop(Cm(0.63))

    # -- the ranking table -----------------------------------------------------

    def table(self, block: Table) -> None:
        from docx.shared import Pt

        table = self.doc.add_table(rows=1 + len(block.rows), cols=len(block.header))
        grid = ("Table Grid", "table")
        if grid in self._ids:
            table._tbl.tblStyle_val = self._ids[grid]  # what `table.style = style` writes
        else:
            _set_borders(table)
        table.autofit = False
        for column, width in zip(table.columns, _column_widths(self.doc, len(block.header), block.widths)):
            column.width = width  # LibreOffice reads the grid …
            for cell in column.cells:
                cell.width = width  # … Word reads each cell
        for row_index, values in enumerate([block.header, *block.rows]):
            row = table.rows[row_index]
            _keep_row_together(row, header=row_index == 0)
            for column_index, (cell, value) in enumerate(zip(row.cells, values)):
                paragraph = cell.paragraphs[0]
                paragraph.paragraph_format.space_before = Pt(2)
                paragraph.paragraph_format.space_after = Pt(2)
                if not value:
                    self._faint(paragraph, block.empty)
                    continue
                if row_index > 0 and column_index == block.bars and value.endswith("%"):
                    _bar(paragraph, value)  # "████▌ 45%"
                    continue
                run = _add_run(paragraph, value)
                if row_index == 0:
                    run.bold = True
                    _shade(cell, "E8EDF3")
        self._plain()  # Word joins adjacent tables and crowds what follows: a spacer paragraph

    # -- issue 12: the link map and the judgement line -------------------------

    def link_map(self, block: LinkMap) -> None:
        """The picture (2–8 factors), then a table of every link: From, Kind, To, How."""
        if 2 <= len(block.factors) <= _MAP_MAX:
            from docx.shared import Cm

            from essayplan.export.linkmap import draw_map

            png = draw_map(block.factors, [(a, b, kind) for a, b, kind, _how in block.links])
            shape = self.doc.add_picture(io.BytesIO(png), width=min(Cm(16), _text_width(self.doc)))
            doc_pr = shape._inline.docPr
            doc_pr.set("descr", block.alt)  # alt text, read out by screen readers
            doc_pr.set("title", "Link map")
        rows = []
        for link in block.links:
            source, target, kind, how = link
            rows.append((block.factors[source], kind, block.factors[target], how))
        self.table(Table(("From", "Kind", "To", "How"), tuple(rows), empty=NO_SENTENCE, widths=(8, 7, 8, 13)))

    def scale(self, block: Scale) -> None:
        """The judgement line as one row of bands, the band holding the mark filled, with the mark."""
        from docx.shared import Pt, RGBColor

        from essayplan.advice_structure import BANDS

        table = self.doc.add_table(rows=1, cols=len(BANDS))
        _set_borders(table)
        table.autofit = False
        width = _text_width(self.doc) // len(BANDS)
        for column in table.columns:
            column.width = width
            for cell in column.cells:
                cell.width = width
        _keep_row_together(table.rows[0], header=False)
        for cell, (low, high, name) in zip(table.rows[0].cells, BANDS):
            paragraph = cell.paragraphs[0]
            paragraph.alignment = 1  # centred
            paragraph.paragraph_format.space_before = Pt(3)
            paragraph.paragraph_format.space_after = Pt(3)
            span = f"{low}" if low == high else f"{low}–{high}"
            if low <= block.mark <= high:
                _shade(cell, "2F5496")
                run = _add_run(paragraph, f"▲ {block.mark}  {name}")
                run.bold = True
                run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
            else:
                run = _add_run(paragraph, f"{name} ({span})")
                run.font.color.rgb = RGBColor(*_FAINT)
            run.font.size = Pt(9)
        self._plain()


_MAP_MAX = 8  # essayplan.export.linkmap.MAX_BOXES, without importing Pillow to read it
_BAR_COLOUR = (0x2F, 0x54, 0x96)


def _bar(paragraph, value: str) -> None:
    """A weight as a bar, one block per 10% and a half block for 5, then its figure."""
    from docx.shared import Pt, RGBColor

    weight = int(value.rstrip("%"))
    bar = "█" * (weight // 10) + ("▌" if weight % 10 >= 5 else "")
    if bar:
        # A no-break space keeps the figure on the bar's line; a smaller bar fits 100% in the column.
        run = _add_run(paragraph, bar + "\u00a0")
        run.font.color.rgb = RGBColor(*_BAR_COLOUR)
        run.font.size = Pt(6.5)
    _add_run(paragraph, value)


def _text_width(doc) -> int:
    from docx.shared import Cm

    section = doc.sections[-1]
    page = section.page_width or Cm(21)
    margins = (section.left_margin or Cm(2.54)) + (section.right_margin or Cm(2.54))
    return max(int(page - margins), int(Cm(8)))


def _add_run(paragraph, text: str):
    """`paragraph.add_run(text)`, without python-docx's scan of every character for tabs
    and line breaks when the text has none (most of a plan: a few ms per export)."""
    if not text or "\t" in text or "\n" in text or "\r" in text:
        return paragraph.add_run(text)
    run = paragraph.add_run()
    run._r.add_t(text)  # what add_run writes for such text: one w:t, space preserved
    return run


def _column_widths(doc, columns: int, shares: tuple[int, ...] = ()) -> list[int]:
    """A narrow first column (the rank); of the rest, a third for the factor, two for the reason,
    or as `shares` says (relative widths of the columns after the first)."""
    from docx.shared import Cm

    width = _text_width(doc)
    if shares and len(shares) == columns:
        return [width * share // sum(shares) for share in shares]
    if shares and len(shares) == columns - 1:
        first = int(Cm(_RANK_WIDTH_CM))
        rest = width - first
        return [first] + [rest * share // sum(shares) for share in shares]
    if columns != 3:
        return [width // columns] * columns
    first = int(Cm(_RANK_WIDTH_CM))
    return [first, (width - first) // 3, width - first - (width - first) // 3]


def _keep_row_together(row, header: bool) -> None:
    from docx.oxml import OxmlElement

    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))
    if header:
        tr_pr.append(OxmlElement("w:tblHeader"))  # repeated on each page the table spans


def _shade(cell, fill: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def _set_borders(table) -> None:
    """Thin grey borders written on the table itself, for templates without Table Grid."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        line = OxmlElement(f"w:{edge}")
        line.set(qn("w:val"), "single")
        line.set(qn("w:sz"), "4")
        line.set(qn("w:space"), "0")
        line.set(qn("w:color"), "A6B4C2")
        borders.append(line)
    tbl_pr = table._tbl.tblPr
    # Schema order: tblBorders comes before tblLayout, tblCellMar and tblLook.
    later = [child for child in tbl_pr if child.tag in {qn("w:shd"), qn("w:tblLayout"), qn("w:tblCellMar"), qn("w:tblLook")}]
    if later:
        later[0].addprevious(borders)
    else:
        tbl_pr.append(borders)
