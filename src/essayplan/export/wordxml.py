"""The paragraphs and runs of an export, made directly with lxml.

They are exactly what python-docx's `add_paragraph`, `add_run` and `paragraph.style = …`
write, but python-docx finds each new element's place by searching the parent for every
tag that may follow it (a few dozen per paragraph style); a new paragraph or run has
nothing after it, so the search only costs time (about half of an export's building).
Most paragraphs are complete when written (a label and a text, a heading, a bullet):
`Batch` writes those as XML text and parses them in one go, which costs a fraction
of making their elements one by one.

Imported only when a Word export runs (it loads python-docx's parser).
"""

from __future__ import annotations

from docx.oxml.parser import oxml_parser
from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_NSMAP = {"w": W}
_P, _PPR, _PSTYLE, _SPACING, _R, _RPR, _RSTYLE, _T, _BR, _TAB = (
    f"{{{W}}}{tag}" for tag in ("p", "pPr", "pStyle", "spacing", "r", "rPr", "rStyle", "t", "br", "tab")
)
_BREAK, _TABBED = object(), object()  # what _pieces yields between pieces of text
_VAL, _BEFORE, _AFTER = f"{{{W}}}val", f"{{{W}}}before", f"{{{W}}}after"
_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_make = oxml_parser.makeelement  # python-docx's own element classes, as OxmlElement makes them


def paragraph(before, style_id: str | None = None, styled: bool = False):
    """A new `w:p` put before `before` (the body's final sectPr); `styled`: with the
    paragraph style `style_id`, which None means the default style (an empty pPr, as
    python-docx writes it)."""
    p = _make(_P, nsmap=_NSMAP)
    if styled:
        p_pr = _make(_PPR, nsmap=_NSMAP)
        if style_id is not None:
            p_style = _make(_PSTYLE, nsmap=_NSMAP)
            p_style.set(_VAL, style_id)
            p_pr.append(p_style)
        p.append(p_pr)
    before.addprevious(p)
    return p


def set_style(p, style_id: str | None) -> None:
    """`p.style = style_id` for a paragraph that has no pPr yet."""
    p_pr = _make(_PPR, nsmap=_NSMAP)
    if style_id is not None:
        p_style = _make(_PSTYLE, nsmap=_NSMAP)
        p_style.set(_VAL, style_id)
        p_pr.append(p_style)
    p.insert(0, p_pr)


def set_spacing(p, before: int, after: int) -> None:
    """`paragraph_format.space_before`, then `space_after` (in twips), for a paragraph that has no pPr yet."""
    p_pr = _make(_PPR, nsmap=_NSMAP)
    spacing = _make(_SPACING, nsmap=_NSMAP)
    spacing.set(_BEFORE, str(before))
    spacing.set(_AFTER, str(after))
    p_pr.append(spacing)
    p.insert(0, p_pr)


def run(p, text: str, style_id: str | None = None):
    """A new `w:r` at the end of `p`, in the character style `style_id` (None: none), holding
    `text` as python-docx writes it: a tab becomes w:tab, a line break (\\n, \\r\\n or \\r) w:br."""
    r = _make(_R, nsmap=_NSMAP)
    if style_id:
        r_pr = _make(_RPR, nsmap=_NSMAP)
        r_style = _make(_RSTYLE, nsmap=_NSMAP)
        r_style.set(_VAL, style_id)
        r_pr.append(r_style)
        r.append(r_pr)
    p.append(r)
    for piece in _pieces(text):
        if piece is _BREAK:
            r.append(_make(_BR, nsmap=_NSMAP))
        elif piece is _TABBED:
            r.append(_make(_TAB, nsmap=_NSMAP))
        else:
            t = _make(_T, nsmap=_NSMAP)
            t.text = piece
            if len(piece.strip()) < len(piece):  # python-docx's rule for keeping the spaces
                t.set(_SPACE, "preserve")
            r.append(t)
    return r


def _pieces(text: str):
    """The run's content in order: each piece of text, and _BREAK or _TABBED between them."""
    if not text:
        return
    if "\t" not in text and "\n" not in text and "\r" not in text:
        yield text
        return
    for number, line in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n")):
        if number:
            yield _BREAK
        for index, piece in enumerate(line.split("\t")):
            if index:
                yield _TABBED
            if piece:
                yield piece


class Batch:
    """Complete paragraphs written as XML text, put before `before` (the body's final sectPr)
    in one parse when flushed. Flush before anything else adds to the body or reads it."""

    def __init__(self, before) -> None:
        self._before = before
        self._parts: list[str] = []

    def paragraph(self, runs, style_id: str | None = None, styled: bool = False, keep_next: bool = False) -> None:
        """What `paragraph` then `run` for each (text, character style id) write, and
        `paragraph_format.keep_with_next = True` when `keep_next`."""
        out = self._parts
        out.append("<w:p>")
        if styled or keep_next:
            out.append("<w:pPr>")
            if styled and style_id is not None:
                out.append(f'<w:pStyle w:val="{_attribute(style_id)}"/>')
            if keep_next:
                out.append("<w:keepNext/>")
            out.append("</w:pPr>")
        for text, run_style in runs:
            out.append(f'<w:r><w:rPr><w:rStyle w:val="{_attribute(run_style)}"/></w:rPr>' if run_style else "<w:r>")
            for piece in _pieces(text):
                if piece is _BREAK:
                    out.append("<w:br/>")
                elif piece is _TABBED:
                    out.append("<w:tab/>")
                elif len(piece.strip()) < len(piece):
                    out.append(f'<w:t xml:space="preserve">{_text(piece)}</w:t>')
                else:
                    out.append(f"<w:t>{_text(piece)}</w:t>")
            out.append("</w:r>")
        out.append("</w:p>")

    def flush(self) -> None:
        if self._parts:
            fragment = etree.fromstring(f'<w:body xmlns:w="{W}">{"".join(self._parts)}</w:body>', oxml_parser)
            self._parts.clear()
            for p in list(fragment):
                self._before.addprevious(p)


def _text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attribute(value: str) -> str:
    # Tabs and line breaks as references: a parser turns them into spaces in an attribute.
    return _text(value).replace('"', "&quot;").replace("\t", "&#9;").replace("\n", "&#10;").replace("\r", "&#13;")
