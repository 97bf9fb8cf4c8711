"""A paragraph of the plan view drawn as text, until it is first drawn on screen.

A paragraph's fields are ~25 widgets; a plan of 40 factors took seconds to open
when all were mounted at once. A paragraph not yet on screen is its heading
with this drawn below it: the same labels, texts and cards, laid out as the
fields are (the label beside its text from 100 columns, above it when
narrower), so the view is about as tall as it will be once the fields are
built (planview.ParagraphBox.build).

The layout measures every paragraph's height, and Textual's own wrapping of
a drawing this long took ~2 ms a paragraph, at every width the view passed
through (twice on opening: the scroll bar appears): here the lines' breaks
are found by words and counted, once per width, and the lines themselves are
made only for a paragraph that is drawn.
"""

from __future__ import annotations

import re

from rich.cells import cell_len, get_character_cell_size
from rich.text import Text

from essayplan.model import Pack, Paragraph
from essayplan.paragraph_templates import ParagraphTemplate
from essayplan.tui.labels import ADD_OWN_EVIDENCE, add_evidence, card_line
from essayplan.tui.text import clean

LABEL_WIDTH = 20  # the label column when wide (plan.tcss)
FIELD_LINES = 8  # a field shows at most 8 lines (plan.tcss: max-height), then scrolls
FIELD_CHARACTERS = FIELD_LINES * 200  # more than 8 lines' worth of text: the rest is never measured
FIELD_MARGIN = 3  # a field's text is drawn a cell in and wraps before its cursor's cell (TextArea)
PARTS = ("point", "evidence", "explain", "link", "counter")
WORD = re.compile(r"\s*\S+\s*|\s+")  # a word with the spaces after it (the first line's before it too)
# Text of these characters is one cell a character and its only blank is the space (each is
# checked against Rich's widths, tests/tui/test_planpreview.py): Rich measures “, ” and —
# a character at a time, so such text is measured as it is counted here.
NARROW = "\u0021-\u007e\u00a1-\u00ac\u00ae-\u02ff\u0370-\u0482\u2010-\u2027\u2030-\u205e\u2500-\u25fc"
PLAIN = re.compile(f"[ {NARROW}]*")


class Preview:
    """An unbuilt paragraph's heading line and parts: its height counted, and its lines made
    only when it is drawn (on screen, just before it is built), once per width."""

    def __init__(
        self, line: Text, pack: Pack, paragraph: Paragraph, template: ParagraphTemplate, add_key: str = "ctrl+n"
    ) -> None:
        self.line = line  # the heading line, as the paragraph's sync made it
        self.pack, self.paragraph, self.template, self.add_key = pack, paragraph, template, add_key
        self._parts: list[tuple[str, bool, list[Text | str]]] | None = None
        self._heights: dict[tuple[int, bool], int] = {}
        self._lines: dict[tuple[int, bool], list[Text]] = {}

    def same(self, other: Preview | None) -> bool:
        """Drawn alike: made from the same pack, paragraph, template, key and heading line."""
        return (
            other is not None
            and self.pack is other.pack  # (a pack is never changed: a new one is a new object)
            and self.template is other.template
            and self.add_key == other.add_key
            and self.paragraph == other.paragraph
            and self.line == other.line
            and self.line.style == other.line.style
        )

    def parts(self) -> list[tuple[str, bool, list[Text | str]]]:
        """(label, a text field?, lines) of each part, as its field would show it; a plain line
        is a str."""
        if self._parts is None:
            paragraph, template = self.paragraph, self.template
            self._parts = []
            for name in PARTS:
                body: list[Text | str]
                if name == "evidence":
                    body = [card_line(self.pack, card) for card in paragraph.evidence]
                    body += [f" {clean(line)}" for line in paragraph.own_evidence]
                    body += [Text(add_evidence(self.add_key), style="dim"), Text(ADD_OWN_EVIDENCE, style="dim")]
                else:
                    text = clean(getattr(paragraph, name), multiline=True)[:FIELD_CHARACTERS].expandtabs(4)
                    body = text.split("\n") if text else [Text(template.hint(name), style="dim")]
                self._parts.append((clean(template.label(name)), name != "evidence", body))
        return self._parts

    def _broken(self, width: int, wide: bool) -> list[tuple[str, int, list[tuple[Text | str, list[int]]], int]]:
        """Each part's label, indent, lines with where they break, and height, as its field
        shows them: a text field's text a cell in, wrapped 3 cells short (its padding and
        cursor), at most 8 lines; the cards a cell in when wide."""
        room = max(1, width - LABEL_WIDTH) if wide else width
        parts = []
        for label, field, body in self.parts():
            indent = 1 if field or wide else 0
            inner = max(1, room - (FIELD_MARGIN if field else indent))
            rows, count = [], 0
            for source in body:
                found = breaks(_plain(source), inner)
                rows.append((source, found))
                count += len(found) + 1
                if field and count >= FIELD_LINES:
                    break
            parts.append((label, indent, rows, min(count, FIELD_LINES) if field else count))
        return parts

    def height(self, width: int, wide: bool) -> int:
        """How many lines `lines` gives, counted without making them (every paragraph is
        measured; few are drawn)."""
        key = (width, wide)
        height = self._heights.get(key)
        if height is None:
            width = max(1, width)
            height = len(breaks(self.line.plain, width)) + 1
            for label, _indent, _rows, count in self._broken(width, wide):
                height += count if wide else count + len(breaks(label, width)) + 1
            self._heights[key] = height
        return height

    def lines(self, width: int, wide: bool) -> list[Text]:
        """The heading line, then the parts, in lines of at most `width` cells."""
        key = (width, wide)
        lines = self._lines.get(key)
        if lines is not None:
            return lines
        width = max(1, width)
        lines = wrap(self.line, width)
        column = Text(" " * LABEL_WIDTH)
        for label, indent, rows, count in self._broken(width, wide):
            margin = Text(" " * indent)
            wrapped = [margin + line for source, found in rows for line in divide(source, found)][:count]
            if wide:  # the label, then the first line beside it; the others under the first
                lines.append(Text(label[: LABEL_WIDTH - 1].ljust(LABEL_WIDTH), style="bold") + wrapped[0])
                lines.extend(column + line for line in wrapped[1:])
            else:
                lines.extend(wrap(Text(label, style="bold"), width))
                lines.extend(wrapped)
        self._lines[key] = lines
        return lines


def _plain(line: Text | str) -> str:
    return line if isinstance(line, str) else line.plain


def wrap(text: Text, width: int) -> list[Text]:
    """`text` in lines of at most `width` cells, broken between words (a longer word is cut)."""
    return divide(text, breaks(text.plain, width))


def divide(text: Text | str, found: list[int]) -> list[Text]:
    """`text` broken where `breaks` said, without the spaces at each break."""
    if isinstance(text, str):
        text = Text(text)
    if not found:
        if text.plain[-1:].isspace():
            text = text.copy()
            text.rstrip()  # spaces at the end hang past the edge
        return [text]
    lines = text.divide(found)
    for line in lines:
        line.rstrip()  # the spaces where it broke
    return list(lines)


def breaks(plain: str, width: int) -> list[int]:
    """Where each line after the first starts, filling lines greedily word by word."""
    if len(plain) <= width and (PLAIN.fullmatch(plain) or cell_len(plain) <= width):
        return []  # fits on one line
    if PLAIN.fullmatch(plain):
        return _breaks_at_spaces(plain, width)
    return _breaks_by_words(plain, width)


def _breaks_at_spaces(plain: str, width: int) -> list[int]:
    """`breaks` for text of one cell a character whose only blank is the space: a line at a
    time, not a word at a time (the same lines)."""
    found: list[int] = []
    start, end = 0, len(plain.rstrip(" "))  # spaces at the end hang past the edge
    while end - start > width:
        space = plain.rfind(" ", start, start + width + 1)  # the last after which the line may end
        if space > start and plain[start:space].strip():  # the line ends at the last word that fits
            start = space + 1
            while plain[start] == " ":  # (a word comes before the end)
                start += 1
        else:  # a word longer than a line: cut
            start += width
        found.append(start)
    return found


def _breaks_by_words(plain: str, width: int) -> list[int]:
    """`breaks` for any text: word by word, measuring each in cells."""
    found: list[int] = []
    used = 0  # cells on the current line
    for match in WORD.finditer(plain):
        start, end = match.span()
        size = cell_len(plain[start:end].rstrip())  # spaces after a word may hang past the edge
        if used and used + size > width:
            found.append(start)
            used = 0
        while size > width:  # longer than a line: cut it
            cut = start + _fit(plain, start, width)
            found.append(cut)
            start, used = cut, 0
            size = cell_len(plain[start:end].rstrip())
        used += cell_len(plain[start:end])
    return found


def _fit(plain: str, start: int, width: int) -> int:
    """How many characters from `start` fill at most `width` cells (at least one)."""
    used = 0
    for count, character in enumerate(plain[start:]):
        used += get_character_cell_size(character)
        if used > width:
            return max(1, count)
    return len(plain) - start
