"""The paragraphs and runs of an export, made directly with lxml.

They are exactly what python-docx's `add_paragraph`, `add_run` and `paragraph.style = …`
write, but python-docx finds each new element's place by searching the parent for every
tag that may follow it (a few dozen per paragraph style); a new paragraph or run has
nothing after it, so the search only costs time (about half of an export's building).

Imported only when a Word export runs (it loads python-docx's parser).
"""

from __future__ import annotations

from docx.oxml.parser import oxml_parser

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_NSMAP = {"w": W}
_P, _PPR, _PSTYLE, _SPACING, _R, _RPR, _RSTYLE, _T, _BR, _TAB = (
    f"{{{W}}}{tag}" for tag in ("p", "pPr", "pStyle", "spacing", "r", "rPr", "rStyle", "t", "br", "tab")
)
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
    if not text:
        return r
    if "\t" not in text and "\n" not in text and "\r" not in text:
        _text(r, text)
        return r
    for number, line in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n")):
        if number:
            r.append(_make(_BR, nsmap=_NSMAP))
        for index, piece in enumerate(line.split("\t")):
            if index:
                r.append(_make(_TAB, nsmap=_NSMAP))
            if piece:
                _text(r, piece)
    return r


def _text(r, text: str) -> None:
    t = _make(_T, nsmap=_NSMAP)
    t.text = text
    if len(text.strip()) < len(text):  # python-docx's rule for keeping the spaces
        t.set(_SPACE, "preserve")
    r.append(t)
