"""The plan as a Word document, styled by a reference template.

Like pandoc's --reference-doc: open the template (ours, or the student's own
.docx/.dotx), clear its body but keep its styles, headers, footers and page
set-up, then write the plan with the template's styles. A style the template
lacks falls back to direct formatting on Normal, so any school template works.

Importing this module loads python-docx: export/__init__.py imports it only when a
Word export runs.
"""

from __future__ import annotations

import io
from pathlib import Path

from docx.text.paragraph import Paragraph
from lxml import etree
from docx.text.run import Run

from essayplan.errors import UserError
from essayplan.export import styles as named
from essayplan.export import wordxml
from essayplan.export.content import (
    NO_SENTENCE, TICK_BOX, BarChart, Block, Box, Bullets, Content, Grid, LinkMap, Note, Part, Scale, Table, link_line,
)  # fmt: skip
from essayplan.safetext import clean

_SUFFIXES = (".docx", ".dotx")
_FAINT = (0x59, 0x59, 0x59)  # 7:1 on white: a placeholder must print (the Placeholder style's colour)
_WRITING_LINES = 3  # ruled lines in an empty part of a writing frame
_SHORT_BLOCK = 1600  # characters: a PEEL block this short is kept on one page
_CORE_TEXT_MAX = 255  # python-docx refuses longer core properties
_RANK_WIDTH_CM = 2.6  # wide enough for "Rank", and "not ranked yet" on two lines


def reference_template() -> Path:
    from essayplan import paths

    return paths.bundled_templates() / "plan.docx"


def render(content: Content, template: Path | None = None) -> bytes:
    """The .docx file's bytes. UserError when the template cannot be used."""
    from essayplan.export.templateparts import save

    return save(document(content, template))  # doc.save, copying the parts left as read


def document(content: Content, template: Path | None = None):
    """The python-docx Document of `content` on the template, not yet saved."""
    doc = open_template(template)
    _set_properties(doc, content)
    _clean_settings(doc)
    _app_properties(doc)
    writer = _Writer(doc, frame=content.frame)
    writer.title(content.title, content.meta)
    writer.byline(content.byline)
    _footer_name(doc, content.author)
    for section in content.sections:
        writer.heading(section.heading, section.level, section.new_page)
        writer.flush()
        start = len(doc.element.body) - 1  # new paragraphs go before the final sectPr
        for block in section.blocks:
            writer.block(block)
        writer.flush()
        if section.keep:
            _keep_together(doc, start, len(doc.element.body) - 2)
    if content.grid is not None:
        writer.grid(content.grid)
    writer.flush()
    return doc


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

    from essayplan.export.templateparts import open_document

    try:
        doc = open_document(data)  # docx.Document, with the styles kept as read
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


_APP = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" \
xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">\
<Application>essayplan</Application><DocSecurity>0</DocSecurity><SharedDoc>false</SharedDoc>\
<LinksUpToDate>false</LinksUpToDate><HyperlinksChanged>false</HyperlinksChanged></Properties>"""
_APP_TYPE = "application/vnd.openxmlformats-officedocument.extended-properties+xml"
_APP_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties"


def _app_properties(doc) -> None:
    """app.xml written afresh: the application is essayplan, and no page or word counts
    (Word works them out; a stale "1 page, 0 words" would be false)."""
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part as OpcPart

    package = doc.part.package
    for rel in package.rels.values():
        if rel.reltype == _APP_REL and not rel.is_external:
            rel.target_part._blob = _APP.encode("utf-8")
            return
    part = OpcPart(PackURI("/docProps/app.xml"), _APP_TYPE, _APP.encode("utf-8"), package)
    package.relate_to(part, _APP_REL)


def _clean_settings(doc) -> None:
    """No claim that the student's text is spell-checked; Word's current layout (mode 15),
    not compatibility mode. A template's language is its own."""
    from docx.oxml.ns import qn

    settings = doc.settings.element
    for element in settings.findall(qn("w:proofState")):
        settings.remove(element)
    for setting in settings.iter(qn("w:compatSetting")):
        if setting.get(qn("w:name")) == "compatibilityMode":
            try:
                old = int(setting.get(qn("w:val")) or 0)
            except ValueError:
                old = 0
            if old < 15:
                setting.set(qn("w:val"), "15")


def _footer_name(doc, name: str) -> None:
    """Our footer says whose plan it is: "Sam Smith — page 1 of 2" (a blank to fill in when unknown).
    A school's own footer is left as it is."""
    from docx.oxml.ns import qn

    for section in doc.sections:
        for paragraph in section.footer.paragraphs:
            for text in paragraph._p.iter(qn("w:t")):
                if text.text and text.text.startswith("essayplan — page"):
                    text.text = f"{name or 'Name: ____________'} — page" + text.text[len("essayplan — page") :]
                    return


def _keep_together(doc, first: int, last: int) -> None:
    """A PEEL block on one page where it fits: each paragraph's lines together and kept with
    the next, the last one aside. A long block only keeps its labels with what follows."""
    # One slice: lxml finds body[i] by walking from the first child, every time.
    paragraphs = [element for element in doc.element.body[first : last + 1] if element.tag == _PARAGRAPH]
    if not paragraphs:
        return
    short = sum(len(t.text or "") for p in paragraphs for t in p.iter(_TEXT)) <= _SHORT_BLOCK
    for paragraph in paragraphs[:-1] if short else ():
        p_pr = paragraph.get_or_add_pPr()
        p_pr.keepNext_val = True
        p_pr.keepLines_val = True


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

    def __init__(self, doc, frame: bool = False) -> None:
        self.doc = doc
        self.frame = frame
        self._body = doc._body  # the parent python-docx gives the paragraphs it adds
        # New paragraphs go before the body's final sectPr (open_template makes sure there is one).
        self._end = doc.element.body.sectPr
        self._batch = wordxml.Batch(self._end)  # complete paragraphs, written as text (see wordxml)
        self._index_styles()
        missing = [name for name in named.NAMES if (name, self._kind(name)) not in self._ids]
        if missing:  # a school template without our styles: add them, then index again
            named.add_missing(doc, have={name for name, _kind in self._ids} - set(missing))
            self._index_styles()

    @staticmethod
    def _kind(name: str) -> str:
        return "paragraph" if name in named.PARAGRAPH_STYLES else "character"

    def _index_styles(self) -> None:
        from docx.styles import BabelFish

        from essayplan.export.templateparts import styles_root

        # (name, type) → the id to write: None for the type's default style, which
        # python-docx writes as no style at all. Worked out once, from the XML,
        # with python-docx's rules (its `paragraph.style = style` scans every style
        # of the template on each paragraph); read as plain attributes, each style's
        # name found by one XPath query (a `find` per style costs twice as much).
        # The styles' skeleton while nothing needed the whole tree (see templateparts).
        styles = styles_root(self.doc)
        defaults = {}  # by w:type, None when missing (as python-docx reads it); the last wins
        for element in _DEFAULTS(styles):
            if element.get(_DEFAULT) in ("1", "true", "on"):
                defaults[element.get(_TYPE)] = element
        self._ids = {}
        for name in _NAMES(styles):  # in the styles' order
            value = name.get(_VAL)
            if value:
                element = name.getparent()
                kind = element.get(_TYPE) or "paragraph"  # no w:type means a paragraph style
                key = (BabelFish.internal2ui(value), kind)
                if key not in self._ids:  # the first of a name wins
                    self._ids[key] = None if element is defaults.get(kind) else element.get(_STYLE_ID)

    def flush(self) -> None:
        """Put the batched paragraphs in the body: before anything else adds to it or reads it."""
        self._batch.flush()

    def _quick(self, runs, style: str | None = None) -> bool:
        """A complete paragraph into the batch: `runs` are (text, our character style or None);
        `style` the template's paragraph style, which it must have (else False, nothing written)."""
        if style is not None and (style, "paragraph") not in self._ids:
            return False
        ids = self._ids
        runs = [(text, ids.get((name, "character")) if name else None) for text, name in runs]
        if style is None:
            self._batch.paragraph(runs)
        else:
            self._batch.paragraph(runs, ids[(style, "paragraph")], styled=True)
        return True

    def styled(self, text: str, name: str):
        """A paragraph in the template's paragraph style `name`; None when the template lacks it."""
        key = (name, "paragraph")
        if key not in self._ids:
            return None
        self.flush()
        p = wordxml.paragraph(self._end, self._ids[key], styled=True)  # what `paragraph.style = style` writes
        wordxml.run(p, text)
        return Paragraph(p, self._body)

    # -- paragraphs ------------------------------------------------------------

    def _plain(self):
        # No style given: the template's default paragraph style (Normal) applies.
        self.flush()
        return Paragraph(wordxml.paragraph(self._end), self._body)

    def _run(self, paragraph, text: str, style: str):
        """A run in our character style `style` (every template has it: see __init__)."""
        return Run(wordxml.run(paragraph._p, text, self._ids.get((style, "character"))), paragraph)

    def _faint(self, paragraph, text: str):
        return self._run(paragraph, text, named.PLACEHOLDER)

    def _label(self, paragraph, text: str):
        return self._run(paragraph, text, named.LABEL)

    def _in_style(self, paragraph, name: str):
        style_id = self._ids.get((name, "paragraph"))
        if style_id:
            wordxml.set_style(paragraph._p, style_id)  # a new paragraph: no pPr yet
        return paragraph

    def _writing_lines(self, lines: int = _WRITING_LINES) -> None:
        """A ruled box to write in by hand (the writing frame's empty parts)."""
        for _ in range(lines):
            paragraph = self._in_style(self._plain(), named.WRITING_BOX)
            paragraph._p.get_or_add_pPr().keepLines_val = True
        self._plain()._p.get_or_add_pPr()  # the box ends; the next part starts clear of it

    def byline(self, text: str) -> None:
        self._plain().add_run(text)

    def title(self, title: str, meta: str) -> None:
        from docx.shared import Pt

        if not self._quick([(title, None)], "Title"):
            run = _add_run(self._plain(), title)
            run.bold, run.font.size = True, Pt(20)
        if not self._quick([(meta, None)], "Subtitle"):
            self._faint(self._plain(), meta)

    def heading(self, text: str, level: int, new_page: bool = False) -> None:
        from docx.shared import Pt, RGBColor

        if not new_page and self._quick([(text, None)], f"Heading {level}"):
            return
        paragraph = self.styled(text, f"Heading {level}")
        if paragraph is None:
            paragraph = self._plain()
            # Unlike a bold label: larger, coloured, with space above.
            run = _add_run(paragraph, text)
            run.bold, run.font.size = True, Pt(15 if level == 1 else 13)
            run.font.color.rgb = RGBColor(*_HEADING)
            paragraph.paragraph_format.space_before = Pt(14 if level == 1 else 10)
            paragraph.paragraph_format.keep_with_next = True
        if new_page:
            paragraph.paragraph_format.page_break_before = True

    def block(self, block: Block) -> None:
        if isinstance(block, Part) and (block.text or not self.frame):
            empty = (block.empty, named.PLACEHOLDER)
            self._quick([(f"{block.label}: ", named.LABEL), (block.text, None) if block.text else empty])
        elif isinstance(block, Part):
            paragraph = self._plain()
            self._label(paragraph, f"{block.label}: ")
            if block.text:
                _add_run(paragraph, block.text)  # a "\n" becomes a line break
            elif self.frame:
                paragraph.paragraph_format.keep_with_next = True
                self._writing_lines()
            else:
                self._faint(paragraph, block.empty)
        elif isinstance(block, Box):
            self.box(block)
        elif isinstance(block, Bullets):
            self.bullets(block)
        elif isinstance(block, Table):
            self.table(block)
        elif isinstance(block, Note):
            self._quick([(block.text, named.PLACEHOLDER)])
        elif isinstance(block, LinkMap):
            self.link_map(block)
        elif isinstance(block, Scale):
            self.scale(block)
        elif isinstance(block, BarChart):
            self.bar_chart(block)
        else:
            raise TypeError(block)

    def bullets(self, block: Bullets) -> None:
        if block.label:
            # What `paragraph_format.keep_with_next = True` writes.
            self._batch.paragraph([(f"{block.label}:", self._ids.get((named.LABEL, "character")))], keep_next=True)
        if not block.items and not block.own:
            if self.frame and block.empty:
                self._writing_lines()
            else:
                self._quick([(block.empty, named.PLACEHOLDER)])
            return
        for item in block.items:
            if block.ticks:
                self._manual_bullet(item, TICK_BOX)
            elif not self._quick([(item, None)], "List Bullet"):
                self._manual_bullet(item)
        for item in block.own:
            if not self._quick([("", None), (item, named.OWN_EVIDENCE)], "List Bullet"):
                self._run(self._manual_bullet(""), item, named.OWN_EVIDENCE)

    def box(self, block: Box) -> None:
        """The judgement box: one paragraph per part in the Judgement Box style, drawn as one box."""
        style_id = self._ids.get((named.JUDGEMENT_BOX, "paragraph"))  # every template has it (see __init__)
        label = self._ids.get((named.LABEL, "character"))
        faint = self._ids.get((named.PLACEHOLDER, "character"))
        for part in block.parts:
            text = (part.text, None) if part.text else (part.empty, faint)
            self._batch.paragraph([(f"{part.label}: ", label), text], style_id, styled=bool(style_id))
        self._batch.paragraph([])  # the box ends here

    def grid(self, block: Grid) -> None:
        """The writing frame's grid, on a landscape page of its own: a row per paragraph."""
        from docx.enum.section import WD_ORIENT, WD_SECTION
        from docx.shared import Pt

        self.flush()
        portrait = self.doc.sections[-1]
        section = self.doc.add_section(WD_SECTION.NEW_PAGE)
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = portrait.page_height, portrait.page_width
        self.heading("Writing frame", 1)
        self.flush()
        rows = max(1, len(block.rows))
        usable = section.page_height - section.top_margin - section.bottom_margin
        # The heading and the header row take about 3 cm; the rows share the rest.
        row_height = max(int(Pt(36)), int((usable - 1080000) // rows))
        table = _add_table(self.doc, 1 + rows, len(block.header))
        grid = ("Table Grid", "table")
        if grid in self._ids:
            table._tbl.tblStyle_val = self._ids[grid]
        else:
            _set_borders(table)
        table.autofit = False
        cells = _cells(table)
        _set_widths(table, cells, _column_widths(self.doc, len(block.header), (4, 6, 6, 7, 5)))
        for index, row in enumerate(table.rows):
            _keep_row_together(row, header=index == 0)
            if index:
                row.height = row_height
            values = block.header if index == 0 else (block.rows[index - 1] if block.rows else ("",) * len(block.header))
            for cell, value in zip(cells[index], values):
                paragraph = cell.paragraphs[0]
                run = _add_run(paragraph, value)
                run.font.size = Pt(9 if index else 10)
                if index == 0:
                    run.bold = True
                    _shade(cell, "E8EDF3")

    def _manual_bullet(self, text: str, mark: str = "•"):
        from docx.shared import Cm

        paragraph = self._plain()
        _add_run(paragraph, f"{mark}\t" + text)
        form = paragraph.paragraph_format
        form.left_indent, form.first_line_indent = Cm(0.63), Cm(-0.63)
        form.tab_stops.add_tab_stop(Cm(0.63))
        return paragraph

    # -- the ranking table -----------------------------------------------------

    def table(self, block: Table) -> None:
        self.flush()
        table = _add_table(self.doc, 1 + len(block.rows), len(block.header))
        grid = ("Table Grid", "table")
        if grid in self._ids:
            table._tbl.tblStyle_val = self._ids[grid]  # what `table.style = style` writes
        else:
            _set_borders(table)
        table.autofit = False
        cells = _cells(table)
        _set_widths(table, cells, _column_widths(self.doc, len(block.header), block.widths))
        for row_index, (row, values) in enumerate(zip(table.rows, [block.header, *block.rows])):
            _keep_row_together(row, header=row_index == 0)
            for column_index, (cell, value) in enumerate(zip(cells[row_index], values)):
                paragraph = cell.paragraphs[0]
                wordxml.set_spacing(paragraph._p, _CELL_SPACE, _CELL_SPACE)  # a new cell's paragraph has no pPr
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
            from essayplan.export.linkmap import draw_map

            self.picture(draw_map(block.factors, [(a, b, kind) for a, b, kind, _how in block.links]), block.alt, "Link map")
        rows = []
        for link in block.links:
            source, target, kind, how = link
            rows.append((block.factors[source], kind, block.factors[target], how))
        self.table(Table(("From", "Kind", "To", "How"), tuple(rows), empty=NO_SENTENCE, widths=(8, 7, 8, 13)))

    def bar_chart(self, block: BarChart) -> None:
        """The counts as a picture of bars."""
        from essayplan.export.barchart import draw_bars

        self.picture(draw_bars(block.bars), block.alt, block.header[1])

    def picture(self, png: bytes, alt: str, title: str) -> None:
        """A PNG across the text width (at most 16 cm), with its description for screen readers."""
        from docx.shared import Cm

        self.flush()
        shape = self.doc.add_picture(io.BytesIO(png), width=min(Cm(16), _text_width(self.doc)))
        doc_pr = shape._inline.docPr
        doc_pr.set("descr", alt)  # alt text, read out by screen readers
        doc_pr.set("title", title)

    def scale(self, block: Scale) -> None:
        """The judgement line as one row of bands, the band holding the mark filled, with the mark."""
        from docx.shared import Pt, RGBColor

        from essayplan.advice_structure import BANDS

        self.flush()
        table = _add_table(self.doc, 1, len(BANDS))
        _set_borders(table)
        table.autofit = False
        cells = _cells(table)
        _set_widths(table, cells, [_text_width(self.doc) // len(BANDS)] * len(BANDS))
        _keep_row_together(table.rows[0], header=False)
        for cell, (low, high, name) in zip(cells[0], BANDS):
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


_HEADING = (0x1F, 0x3A, 0x5F)
# Clark names (python-docx's qn() works them out on every call).
_VAL, _TYPE, _DEFAULT, _STYLE_ID, _PARAGRAPH, _TEXT = (
    f"{{{wordxml.W}}}{tag}" for tag in ("val", "type", "default", "styleId", "p", "t")
)
# The style index's queries, for python-docx's tree and templateparts' skeleton alike.
_DEFAULTS = etree.XPath("w:style[@w:default]", namespaces={"w": wordxml.W})
_NAMES = etree.XPath("w:style/w:name[1]", namespaces={"w": wordxml.W})
_CELL_SPACE = 40  # twips: 2 pt above and below a table cell's text
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


def _add_table(doc, rows: int, cols: int):
    """`doc.add_table(rows, cols)`, which gives the new table no style, without reading the
    styles to look up the style None (that would parse the template's whole styles.xml)."""
    table = doc._body.add_table(rows, cols, doc._block_width)
    table._tbl.tblStyle_val = None
    return table


def _add_run(paragraph, text: str):
    """`paragraph.add_run(text)`, made directly (see wordxml)."""
    return Run(wordxml.run(paragraph._p, text), paragraph)


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


def _cells(table) -> list[list]:
    """A new table's cells, row by row: what each `row.cells` gives for a table without merged
    cells, read once (python-docx works out the whole grid again for every row and column)."""
    from docx.table import _Cell

    return [[_Cell(tc, table) for tc in tr.tc_lst] for tr in table._tbl.tr_lst]


def _set_widths(table, cells: list[list], widths: list[int]) -> None:
    for column, width in zip(table.columns, widths):
        column.width = width  # LibreOffice reads the grid …
    for row in cells:
        for cell, width in zip(row, widths):
            cell.width = width  # … Word reads each cell


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
