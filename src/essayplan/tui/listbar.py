"""The board's lists draw their own scrollbar, in their last column, as Textual draws one.

Textual's ScrollBar is a widget of its own laid over the list: the compositor then cut every
line of the list at the bar's two edges and kept the pieces, and the bar kept three lines of
its own for each row (~5 KiB a row on screen: 0.2 MiB for the bank, as much again for a long
ranking). Drawn with the lines by Textual's own ScrollBarRender, in the list's scrollbar
colours, it costs one cell a line and looks the same. The list handles its presses and drags.
"""

from __future__ import annotations

from typing import NamedTuple

from rich.segment import Segment
from rich.style import Style
from textual.scrollbar import ScrollBarRender

WIDTH = 1  # columns


class Thumb(NamedTuple):
    """Where the thumb is, in rows from the top of the list's view."""

    start: float
    size: float


def thumb(height: int, lines: int, top: float) -> Thumb | None:
    """The thumb as ScrollBarRender places it; None when every line fits (no bar)."""
    if height <= 0 or lines <= height:
        return None
    size = max(1.0, height * height / lines)
    return Thumb((height - size) * top / (lines - height), size)


def top_for(height: int, lines: int, start: float) -> int:
    """The first line to show when the thumb is dragged to `start` rows."""
    placed = thumb(height, lines, 0)
    if placed is None or height <= placed.size:
        return 0
    return round(max(0.0, min(1.0, start / (height - placed.size))) * (lines - height))


def cells(widget, height: int, lines: int, top: float, state: str, blank: Style) -> tuple[list[Segment], list[str | None]]:
    """One cell for each row of the view, and what a press there does ("grab", "scroll_up",
    "scroll_down": where ScrollBarRender draws the thumb, to the cell). `state` is "", "hover"
    or "grabbed" (as Textual's ScrollBar colours itself); `blank` the list's own look, where
    every line fits (no bar, and a press acts on the line)."""
    rows = max(0, height)
    if thumb(height, lines, top) is None:
        return [Segment(" " * WIDTH, blank)] * rows, [None] * rows
    styles = widget.styles
    back, color = {
        "grabbed": (styles.scrollbar_background_active, styles.scrollbar_color_active),
        "hover": (styles.scrollbar_background_hover, styles.scrollbar_color_hover),
    }.get(state, (styles.scrollbar_background, styles.scrollbar_color))
    if back.a < 1:
        back = widget.background_colors[0] + back
    color = back + color
    drawn = ScrollBarRender.render_bar(
        size=height,
        virtual_size=lines,
        window_size=height,
        position=top,
        thickness=WIDTH,
        back_color=back.rich_color,
        bar_color=color.rich_color,
    )
    # Its cells carry Textual's mouse actions for its own widget: the list acts on presses itself.
    actions = [cell.style.meta.get("@mouse.down") if cell.style else None for cell in drawn.segments]
    return [Segment(cell.text, cell.style.clear_meta_and_links() if cell.style else None) for cell in drawn.segments], actions
