"""How many lines rich's Text.wrap makes of a line of text, without making them.

The board's lists need every entry's height (for the scrollbar and the places of
entries) but draw only a screenful. rich's own line breaker (rich._wrap.divide_line)
measures each word through rich's width cache, which then holds every word of every
card (~0.2 MiB for the bundled pack's bank); here a word of printable ASCII is
measured by its length, which is its width, and only other words go through rich.
The breaks are rich's, step for step; tests/tui/test_itemlist_lines.py compares the
count with Text.wrap's for many texts and widths.
"""

from __future__ import annotations

import re

from rich.cells import cell_len, chop_cells

_WORD = re.compile(r"\s*\S+\s*")  # a word and the white space around it, as rich splits them


def _width(text: str) -> int:
    return len(text) if text.isascii() and text.isprintable() else cell_len(text)


def count_lines(text: str, width: int, fold: bool = True) -> int:
    """The lines Text.wrap gives for `text` (no line breaks or tabs in it) at `width` cells."""
    breaks = 0
    offset = 0  # cells used on the current line
    match = _WORD.match(text, 0)
    while match is not None:
        start, end = match.span()
        word = match.group(0)
        length = _width(word.rstrip())
        if width - offset >= length:
            offset += _width(word)
        elif length > width:  # longer than a line: folded across lines, or cut
            if fold:
                pieces = chop_cells(word, width=width)
                for piece in pieces[:-1]:
                    breaks += start > 0
                    start += len(piece)
                breaks += start > 0
                offset = _width(pieces[-1])
            else:
                breaks += start > 0
                offset = _width(word)
        elif offset and start:
            breaks += 1
            offset = _width(word)
        match = _WORD.match(text, end)
    return breaks + 1
