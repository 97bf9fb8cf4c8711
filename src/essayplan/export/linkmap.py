"""The link map as a picture: factor boxes round an ellipse, joined by arrows labelled with
their kind. Drawn with Pillow, imported here only, so only an export of a plan with links
loads it (not the app's start, not `check`)."""

from __future__ import annotations

import io
import math

MAX_BOXES = 8  # more factors than this cannot be drawn legibly: the table alone lists the links
_SCALE = 2  # drawn at twice the size it is shown, so it stays sharp when printed
_BOX_W, _BOX_H = 240 * _SCALE, 90 * _SCALE
_FONT, _LABEL_FONT = 20 * _SCALE, 17 * _SCALE
_INK = (0x1F, 0x2A, 0x37)
_BOX_FILL, _BOX_EDGE = (0xE8, 0xED, 0xF3), (0x2F, 0x54, 0x96)
_KIND_COLOURS = {
    "enabled": (0x2E, 0x7D, 0x32),
    "strengthened": (0x15, 0x65, 0xC0),
    "weakened": (0xC6, 0x28, 0x28),
    "depended on": (0x6A, 0x1B, 0x9A),
}


def _font(size: int):
    from PIL import ImageFont

    try:
        return ImageFont.load_default(size=size)  # Pillow ≥ 10.1 with FreeType: scalable, no system fonts
    except (TypeError, OSError, ImportError):
        return ImageFont.load_default()


def _wrap(draw, text: str, font, width: int, lines: int = 3) -> list[str]:
    out: list[str] = []
    for word in text.split():
        if out and draw.textlength(f"{out[-1]} {word}", font=font) <= width:
            out[-1] = f"{out[-1]} {word}"
        else:
            out.append(word)
    if len(out) > lines:
        out = out[:lines]
        out[-1] += "…"
    for index, line in enumerate(out):  # a single long word: cut it
        while draw.textlength(line, font=font) > width and len(line) > 1:
            line = line[:-2] + "…"
        out[index] = line
    return out or [""]


def _places(count: int, width: int, height: int) -> list[tuple[float, float]]:
    """Box centres round an ellipse; an even count starts half a step round, so 2 sit side by
    side and 4 make a square."""
    rx, ry = width / 2 - _BOX_W / 2 - 20 * _SCALE, height / 2 - _BOX_H / 2 - 20 * _SCALE
    start = -math.pi / 2 - (math.pi / count if count % 2 == 0 else 0)  # the first at the top (left of it)
    return [
        (width / 2 + rx * math.cos(start + 2 * math.pi * i / count), height / 2 + ry * math.sin(start + 2 * math.pi * i / count))
        for i in range(count)
    ]


def _edge(centre: tuple[float, float], towards: tuple[float, float]) -> tuple[float, float]:
    """Where the line from a box's centre towards a point leaves the box."""
    (x, y), (tx, ty) = centre, towards
    dx, dy = tx - x, ty - y
    if dx == 0 and dy == 0:
        return centre
    scale = min(
        (_BOX_W / 2 + 6 * _SCALE) / abs(dx) if dx else math.inf,
        (_BOX_H / 2 + 6 * _SCALE) / abs(dy) if dy else math.inf,
    )
    return x + dx * scale, y + dy * scale


def draw_map(factors: list[str] | tuple[str, ...], links: list[tuple[int, int, str]]) -> bytes:
    """A PNG of 2–8 factor boxes and the arrows between them (from, to as indexes, kind)."""
    from PIL import Image, ImageDraw

    count = len(factors)
    width = (1400 if count > 4 else 1000) * _SCALE
    height = (900 if count > 4 else 540 if count > 2 else 200) * _SCALE
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    font, label_font = _font(_FONT), _font(_LABEL_FONT)
    places = _places(count, width, height)

    pairs = {(a, b) for a, b, _kind in links}
    labels = []
    for source, target, kind in links:
        colour = _KIND_COLOURS.get(kind, _INK)
        (sx, sy), (tx, ty) = places[source], places[target]
        # Two arrows between the same boxes (one each way) run side by side, not on top of each other.
        nx, ny = -(ty - sy), tx - sx
        length = math.hypot(nx, ny) or 1
        shift = 12 * _SCALE if (target, source) in pairs else 0
        ox, oy = nx / length * shift, ny / length * shift
        start = _edge((sx + ox, sy + oy), (tx + ox, ty + oy))
        end = _edge((tx + ox, ty + oy), (sx + ox, sy + oy))
        draw.line([start, end], fill=colour, width=3 * _SCALE)
        angle = math.atan2(end[1] - start[1], end[0] - start[0])
        head = 18 * _SCALE
        draw.polygon(
            [
                end,
                (end[0] - head * math.cos(angle - 0.4), end[1] - head * math.sin(angle - 0.4)),
                (end[0] - head * math.cos(angle + 0.4), end[1] - head * math.sin(angle + 0.4)),
            ],
            fill=colour,
        )
        # The label sits nearer the arrow's tail: two arrows each way keep their labels apart.
        along = 0.4 if shift else 0.5
        labels.append((start[0] + (end[0] - start[0]) * along, start[1] + (end[1] - start[1]) * along, kind, colour))

    for (x, y), title in zip(places, factors):
        box = (x - _BOX_W / 2, y - _BOX_H / 2, x + _BOX_W / 2, y + _BOX_H / 2)
        draw.rounded_rectangle(box, radius=12 * _SCALE, fill=_BOX_FILL, outline=_BOX_EDGE, width=3 * _SCALE)
        lines = _wrap(draw, title, font, _BOX_W - 24 * _SCALE)
        step = _FONT * 1.25
        top = y - step * len(lines) / 2 + step / 2
        for index, line in enumerate(lines):
            draw.text((x, top + index * step), line, fill=_INK, font=font, anchor="mm")

    for x, y, kind, colour in labels:  # last, so no box or arrow hides a label
        left, top, right, bottom = draw.textbbox((x, y), kind, font=label_font, anchor="mm")
        pad = 5 * _SCALE
        draw.rounded_rectangle((left - pad, top - pad, right + pad, bottom + pad), radius=6 * _SCALE, fill="white", outline=colour, width=_SCALE)
        draw.text((x, y), kind, fill=colour, font=label_font, anchor="mm")

    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
