"""The link map's drawing: factor boxes in a column, each link an arrow in its own lane.

Pure layout, no widget: `draw(titles, links, width)` gives the lines of characters
with a look for each, and where each box, link and kind is drawn (for the mouse).
Boxes stand one above the other; an arrow leaves its source box on the right (├),
runs out to a lane of its own, along it, and back into the target box (◀). Each
link end has its own row in its box, so no two arrows share a line except where
they cross (┼); the lane carries the link's number, the list beside or under the
map says its kind and sentence.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from essayplan.model import Link

GAP = 1  # blank rows between boxes

# Directions a cell's line goes, as box-drawing characters.
N, E, S, W = 1, 2, 4, 8
CHARS = {
    E | W: "─", N | S: "│", E | S: "╭", W | S: "╮", N | E: "╰", N | W: "╯",
    N | S | E: "├", N | S | W: "┤", E | W | S: "┬", E | W | N: "┴", N | E | S | W: "┼",
    E: "─", W: "─", N: "│", S: "│",
}


@dataclass
class Drawing:
    """Lines of (character, look) cells; hits say what is drawn where: (y, x0, x1, item)."""

    width: int
    lines: list[list[tuple[str, str]]] = field(default_factory=list)
    hits: list[tuple[int, int, int, tuple]] = field(default_factory=list)
    map_width: int = 0

    def row(self, y: int) -> list[tuple[str, str]]:
        while len(self.lines) <= y:
            self.lines.append([(" ", "")] * self.width)
        return self.lines[y]

    def put(self, y: int, x: int, char: str, look: str = "") -> None:
        row = self.row(y)
        if 0 <= x < self.width:
            row[x] = (char, look)

    def write(self, y: int, x: int, text: str, look: str = "", item: tuple | None = None) -> int:
        for offset, char in enumerate(text):
            self.put(y, x + offset, char, look)
        if item is not None:
            self.hits.append((y, x, x + len(text), item))
        return x + len(text)

    def item_at(self, x: int, y: int) -> tuple | None:
        return next((item for hy, x0, x1, item in self.hits if hy == y and x0 <= x < x1), None)


def cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(0, width - 1)] + "…"


def _ends(count: int, links: list[tuple[int, int]]) -> list[list[tuple[int, str]]]:
    """Each box's link ends (link number, "out"/"in"), those to boxes above first."""
    ends: list[list[tuple[int, str, int]]] = [[] for _ in range(count)]
    for number, (source, target) in enumerate(links):
        ends[source].append((number, "out", target))
        ends[target].append((number, "in", source))
    return [[(n, way) for n, way, _ in sorted(box, key=lambda e: (e[2], e[1] != "out"))] for box in ends]


def _lanes(spans: list[tuple[int, int]]) -> list[int]:
    """A lane for each link: shortest spans nearest the boxes; a lane is shared when spans don't touch."""
    lanes: list[list[tuple[int, int]]] = []
    out = [0] * len(spans)
    for number in sorted(range(len(spans)), key=lambda n: (spans[n][1] - spans[n][0], n)):
        low, high = spans[number]
        for lane, used in enumerate(lanes):
            if all(high < a - 1 or low > b + 1 for a, b in used):
                used.append((low, high))
                out[number] = lane
                break
        else:
            lanes.append([(low, high)])
            out[number] = len(lanes) - 1
    return out


def draw_map(drawing: Drawing, titles: list[str], links: list[tuple[int, int]], box_width: int, top: int = 0) -> int:
    """Draw the boxes and arrows from row `top`; gives the first row below them.

    Looks: "box", "title" (items ("factor", index)), "arrow" (("link", number)), "lane-number".
    """
    ends = _ends(len(titles), links)
    end_row: dict[tuple[int, str], int] = {}
    y = top
    right = box_width - 1  # the boxes' right border
    for index, title in enumerate(titles):
        height = 2 + max(1, len(ends[index]))
        drawing.write(y, 0, "╭" + "─" * (box_width - 2) + "╮", "box", ("factor", index))
        for inner in range(1, height - 1):
            drawing.write(y + inner, 0, "│" + " " * (box_width - 2) + "│", "box", ("factor", index))
        drawing.write(y + height - 1, 0, "╰" + "─" * (box_width - 2) + "╯", "box", ("factor", index))
        label = cut(f"{index + 1} {title}", box_width - 4)
        drawing.write(y + 1, 2, label, "title")
        for row, (number, way) in enumerate(ends[index]):
            end_row[number, way] = y + 1 + row
        y += height + GAP
    bottom = y - GAP
    spans = [tuple(sorted((end_row[n, "out"], end_row[n, "in"]))) for n in range(len(links))]
    lanes = _lanes(spans)
    cells: dict[tuple[int, int], tuple[int, int]] = {}  # (y, x) -> (directions, link number)

    def add(cy: int, cx: int, dirs: int, number: int) -> None:
        old = cells.get((cy, cx), (0, number))[0]
        cells[cy, cx] = (old | dirs, number if not old else cells[cy, cx][1])

    for number in range(len(links)):
        lane_x = right + 3 + 2 * lanes[number]
        ys, yt = end_row[number, "out"], end_row[number, "in"]
        down = yt > ys
        for x in range(right + 1, lane_x):
            add(ys, x, E | W, number)
            add(yt, x, E | W, number)
        add(ys, lane_x, W | (S if down else N), number)
        add(yt, lane_x, W | (N if down else S), number)
        for vy in range(min(ys, yt) + 1, max(ys, yt)):
            add(vy, lane_x, N | S, number)
    for (cy, cx), (dirs, number) in cells.items():
        drawing.put(cy, cx, CHARS[dirs], "arrow")
        drawing.hits.append((cy, cx, cx + 1, ("link", number)))
    for number in range(len(links)):
        lane_x = right + 3 + 2 * lanes[number]
        ys, yt = end_row[number, "out"], end_row[number, "in"]
        drawing.put(ys, right, "├", "arrow")
        drawing.put(yt, right + 1, "◀", "arrow")
        # The number on a plain stretch of its lane, nearest the middle (not on a crossing).
        plain = [vy for vy in range(min(ys, yt) + 1, max(ys, yt)) if cells[vy, lane_x][0] == N | S]
        if plain and number < 9:
            middle = (ys + yt) / 2
            drawing.put(min(plain, key=lambda vy: abs(vy - middle)), lane_x, str(number + 1), "lane-number")
    drawing.map_width = right + 2 + 2 * (max(lanes) + 1 if lanes else 0)
    return bottom


def box_width_for(titles: list[str], width: int, lanes: int, most: int = 34) -> int:
    """Wide enough for the longest title (with its number), within what the map may take."""
    room = width - 2 - 2 * lanes
    longest = max((len(t) for t in titles), default=10) + 6
    return max(14, min(most, longest, room))


def link_words(number: int, source: str, target: str, link: Link) -> str:
    return f"{number} {source} ─{link.kind}→ {target}"
