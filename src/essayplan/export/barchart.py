"""A horizontal bar chart as a picture (the class report's "ranked first" counts): a label per
bar on the left, the bar, its count. Drawn with Pillow, imported only when a Word report is made."""

from __future__ import annotations

import io

from essayplan.export.linkmap import _SCALE, _font, _wrap

_WIDTH = 1100 * _SCALE
_LABEL_W = 420 * _SCALE  # the labels' column
_BAR_H, _GAP = 48 * _SCALE, 20 * _SCALE
_FONT = 26 * _SCALE
_INK = (0x1F, 0x2A, 0x37)
_BAR = (0x2F, 0x54, 0x96)  # the Word export's bar colour
_AXIS = (0xA6, 0xB4, 0xC2)


def draw_bars(bars: list[tuple[str, int]] | tuple[tuple[str, int], ...]) -> bytes:
    """A PNG with one bar per (label, count), in the order given, scaled to the largest count."""
    from PIL import Image, ImageDraw

    font = _font(_FONT)
    top = 20 * _SCALE
    height = top * 2 + len(bars) * (_BAR_H + _GAP)
    image = Image.new("RGB", (_WIDTH, max(height, 100 * _SCALE)), "white")
    draw = ImageDraw.Draw(image)
    most = max((count for _label, count in bars), default=0) or 1
    left = _LABEL_W + 20 * _SCALE
    room = _WIDTH - left - 80 * _SCALE  # space after the longest bar for its count
    for index, (label, count) in enumerate(bars):
        y = top + index * (_BAR_H + _GAP)
        lines = _wrap(draw, label, font, _LABEL_W, lines=2)
        step = _FONT * 1.15
        first = y + _BAR_H / 2 - step * (len(lines) - 1) / 2
        for number, line in enumerate(lines):
            draw.text((_LABEL_W, first + number * step), line, fill=_INK, font=font, anchor="rm")
        length = round(room * count / most)
        if length:
            draw.rectangle((left, y, left + length, y + _BAR_H), fill=_BAR)
        draw.text((left + length + 12 * _SCALE, y + _BAR_H / 2), str(count), fill=_INK, font=font, anchor="lm")
    draw.line((left, top - 6 * _SCALE, left, height - top + 6 * _SCALE - _GAP), fill=_AXIS, width=2 * _SCALE)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
