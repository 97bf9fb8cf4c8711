"""The plan as Markdown: plain text to paste into anything (CommonMark with pipe tables).

Student text is escaped so that it renders as typed, in CommonMark (markdown-it) and
through pandoc: no raw HTML, emphasis, links, headings, lists, quotes or maths from
what the student wrote.
"""

from __future__ import annotations

import re

from essayplan.export.content import (
    NO_SENTENCE, TICK_BOX, BarChart, Block, Box, Bullets, Content, Grid, LinkMap, Note, Part, Scale, Table, link_line,
)  # fmt: skip

# Anywhere in a line: emphasis, code, links, raw HTML, entities, tables, and pandoc's
# extras (maths $, citations @, super/subscript ^ ~).
_INLINE = re.compile(r"([\\`*_\[\]<>&|~^$@{}])")
# At the start of a line: a heading, quote, list item, thematic break, setext underline,
# pandoc's definition list (:) or example list ((@)).
_LINE_START = re.compile(r"^(\s*)([#>+=:-]|\d+(?=[.)]))")


def escape(text: str) -> str:
    """One line of student text, escaped so that it shows as typed."""
    text = _INLINE.sub(r"\\\1", text.strip())
    match = _LINE_START.match(text)
    if match:
        start, token = match.group(1), match.group(2)
        if token[0].isdigit():  # "1." → "1\." (only the dot or bracket needs it)
            cut = len(start) + len(token)
            text = text[:cut] + "\\" + text[cut:]
        else:
            text = start + "\\" + text[len(start) :]
    return text


def render(content: Content) -> str:
    lines = [f"# {_inline(content.title)}", "", f"*{_inline(content.meta)}*", "", _inline(content.byline), ""]
    for section in content.sections:
        lines += ["#" * (section.level + 1) + " " + _inline(section.heading), ""]
        for block in section.blocks:
            lines += _block(block, content.frame)
    if content.grid is not None:
        lines += ["## Writing frame", ""] + _table(Table(content.grid.header, content.grid.rows))
    return "\n".join(lines).rstrip("\n") + "\n"


def _block(block: Block, frame: bool = False) -> list[str]:
    if isinstance(block, Part):
        return [_part(block, frame), ""]
    if isinstance(block, Box):
        out = []
        for part in block.parts:
            out += ["> " + _part(part, frame, indent="> "), ">"]
        return out[:-1] + [""]
    if isinstance(block, Bullets):
        out = [f"**{_inline(block.label)}:**", ""] if block.label else []
        mark = f"- {TICK_BOX}" if block.ticks else "-"
        items = [*block.items, *block.own]
        if items:
            out += [f"{mark} {_text(item, indent='  ')}" for item in items]
        else:
            out.append(_blank() if frame and block.empty else _faint(block.empty))
        return out + [""]
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, Note):
        return [_faint(block.text), ""]
    if isinstance(block, LinkMap):
        out = []
        for link in block.links:
            arrow, how = link_line(block.factors, link)
            out.append(f"- {_inline(arrow)}: {_text(how, indent='  ') or _faint(NO_SENTENCE)}")
        return out + [""]
    if isinstance(block, Scale):
        return []  # the judgement box says it in words
    if isinstance(block, Grid):
        return _table(Table(block.header, block.rows))
    if isinstance(block, BarChart):
        return _table(Table(block.header, tuple((label, str(count)) for label, count in block.bars)))
    raise TypeError(block)


def _part(part: Part, frame: bool, indent: str = "") -> str:
    empty = _blank() if frame else _faint(part.empty)
    return f"**{_inline(part.label)}:** {_text(part.text, indent=indent) or empty}"


def _table(block: Table) -> list[str]:
    rows = [block.header, *block.rows]
    out = ["| " + " | ".join(_cell(c, block.empty) for c in row) + " |" for row in rows]
    out.insert(1, "| " + " | ".join("---" for _ in block.header) + " |")
    return out + [""]


def _inline(text: str) -> str:
    # A heading or label is one line.
    return escape(" ".join(text.split()))


def _text(text: str, indent: str = "") -> str:
    """A student's text: its own line breaks kept (a trailing backslash is a hard break)."""
    lines = [escape(line) for line in text.splitlines() if line.strip()]
    return ("\\\n" + indent).join(lines)


def _cell(text: str, empty: str) -> str:
    if not text:
        return _faint(empty) if empty else ""
    return _inline(text)  # escape() covers the cell's "|"


def _faint(text: str) -> str:
    return f"*{escape(text)}*" if text else ""


def _blank() -> str:
    return "\\_" * 40  # a line to write on, in a printed writing frame
