"""A scrolling list of entries drawn line by line: the board's bank and ladder.

One widget however long the list: only the lines on screen are drawn
(Textual's Line API), so a pack of 2,000 cards starts as fast as a small
one, and a change redraws lines instead of mounting widgets.
"""

from __future__ import annotations

from typing import NamedTuple

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.actions import parse
from textual.binding import Binding
from textual.dom import NoScreen
from textual.geometry import Offset, Region, Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from essayplan.tui import listbar
from essayplan.tui.drag import Draggable, Payload, drag_of
from essayplan.tui.wrapcount import count_lines


def _fits(plain: str, room: int) -> bool:
    """Is the text at most `room` cells wide? Most entries are far shorter than the list is wide,
    and measuring each (cell_len, char by char for any non-ASCII text) is what a list of
    thousands of entries spent its time on: a character is at most 2 cells, and only one of
    U+1100 or above (3 or 4 bytes in UTF-8) can be 2, so this bound settles nearly all of them."""
    if len(plain) <= room and plain.isascii():
        return True
    extra = len(plain.encode("utf-8", "surrogatepass")) - len(plain)  # at least 2 per wide character
    return len(plain) + extra // 2 <= room or cell_len(plain) <= room


class Entry(NamedTuple):
    """One thing in the list: a heading, a card, a hint; one or more lines."""

    key: tuple  # what it stands for, e.g. ("card", evidence id)
    text: Text
    kind: str  # its look: the component class "list--KIND"
    selectable: bool = True
    prefix: str = " "  # drawn before every line, e.g. a bar down the card's left
    bar: str = ""  # the prefix's look: the component class "list--BAR"
    one_line: bool = False  # cut with an ellipsis instead of wrapped
    gap: int = 0  # blank lines above it
    hang: int = 0  # wrapped lines start this far in, under the text after a mark ("✎ ", "2 ⠿ ")
    mark: str = ""  # drawn instead of the prefix on the first line ("✓ " on a used card): the lines stay put


class Wrapped:
    """An entry drawn on more than one line: its count of lines at a width, its lines once drawn."""

    __slots__ = ("width", "entry", "count", "lines")

    def __init__(self, width: int, entry: Entry, count: int, lines: list[Text] | None = None) -> None:
        self.width, self.entry, self.count, self.lines = width, entry, count, lines


class ItemList(Draggable, ScrollView, can_focus=True):
    """Entries with a cursor; arrows move it, the mouse picks and drags."""

    ALLOW_SELECT = False
    # States (styled in app.tcss). Each list adds the looks its own entries take: every class
    # is styled again at each style pass (start-up has several), so none is declared twice over.
    COMPONENT_CLASSES = {"list--cursor", "list--cursor-blurred", "list--hover", "list--dragging", "list--target"}
    BINDINGS = [
        Binding("up", "step(-1)", "Up", show=False),
        Binding("down", "step(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "edge(0)", "First", show=False),
        Binding("end", "edge(-1)", "Last", show=False),
        Binding("enter", "activate", "Lift/drop", show=True),
        # Space lifts but never drops: a space typed in a sentence must not put a card down.
        Binding("space", "lift", "Lift", show=False),
        Binding("escape", "cancel_drag", "Cancel", show=False),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.entries: list[Entry] = []
        self.cursor = 0  # index of the entry under the cursor
        self._hover: int | None = None
        self._width = -1  # the lines below are wrapped to this width
        # Plain numbers where they can be: a list of thousands of entries would otherwise hold a
        # tuple per line and a list per entry, and every collection of the garbage walks them all.
        self._lines: list[int] = []  # the entry index of each line (a gap line's is the entry below)
        self._spans: list[tuple[int, int]] = []  # each entry's first and end line
        # Entries drawn on more than one line (or cut): their count of lines from the layout, and
        # the lines themselves once drawn (only a screenful is): Wrapped(width, entry, count, lines).
        self._wrapped: dict[int, Wrapped] = {}  # by entry index
        self._wraps: dict[tuple, Wrapped] = {}  # the same, by entry key: kept while the entry and width are
        # Drawn lines, until the lines change: segments and width, not Strips. A Strip carries
        # seven caches (~1 KiB) and Textual keeps its own for each line on screen.
        self._strips: dict[tuple[int, Style], tuple[list[Segment], int]] = {}
        self._looks: dict[str, Style] = {}  # component styles, until the theme or CSS changes
        self._targets: set[tuple] = set()  # entries lit up as a drop's place, this drawing
        self._drawn: tuple = ([], [], [], 0)  # lines, spans, entries and top line last drawn
        self._sized: Size | None = None  # the virtual size (the lines) at the last layout
        self.pressed: tuple | None = None  # the entry the mouse last pressed on
        # The list's own scrollbar (listbar.py): its cells for this drawing and what a press on
        # each does, whether the mouse is over it, and where on the thumb it was grabbed (rows).
        self._bar: list[Segment] = []
        self._bar_actions: list[str | None] = []
        self._bar_hover = False
        self._grab: float | None = None

    # -- what subclasses give ----------------------------------------------------

    def build(self) -> list[Entry]:
        raise NotImplementedError

    def payload_of(self, entry: Entry) -> Payload | None:
        """What dragging this entry carries; None when it does not move."""
        return None

    def target_keys(self) -> set[tuple]:
        """Entries to light up as the place a drag would land."""
        return set()

    # -- entries and lines -----------------------------------------------------

    def sync(self, plan, pack) -> None:
        """Show the plan as it is now: entries built again, lines only when they differ."""
        if self.entries and plan is getattr(self, "plan", None) and pack is getattr(self, "pack", None):
            return  # built from this very plan already (plans never change; state changes rebuild)
        self.plan, self.pack = plan, pack
        entries = self.build()
        if entries != self.entries:
            self.rebuild(entries)

    def rebuild(self, entries: list[Entry]) -> None:
        """Show new entries, keeping the cursor on the same thing (or near where it was)."""
        old = self.current
        self.entries = entries
        found = self.index_of(old.key) if old is not None else None
        if found is None:
            found = self._selectable_from(min(self.cursor, len(entries) - 1), -1)
        if found is None:
            found = self._selectable_from(0, 1)
        self.cursor = found or 0
        self._width = -1
        self._layout()
        self.refresh()
        new = self.current
        if old is not None and new is not None and new.key != old.key:
            if new.key[0] != old.key[0]:
                self.refresh_bindings()
            self.cursor_moved()

    def index_of(self, key: tuple) -> int | None:
        return next((i for i, e in enumerate(self.entries) if e.key == key), None)

    @property
    def current(self) -> Entry | None:
        return self.entries[self.cursor] if self.entries else None

    def on_mount(self) -> None:
        # A list too long for the screen however it wraps (each entry takes a line at least)
        # scrolls from the first layout on (Textual's flag, which the wheel needs; the bar itself
        # is ours, listbar.py): found by that layout, it would take a second layout and drawing
        # before the first frame is idle.
        if len(self.entries) + sum(entry.gap for entry in self.entries) > self.app.size.height:
            self.set_reactive(ScrollView.show_vertical_scrollbar, True)

    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True) -> bool:
        # Textual's step as a layout gives the list its size, before the scrollbars are worked out
        # and anything is drawn. Wrapped here for that width, the lines are known to the scrollbars
        # and to the first drawing; wrapped while drawing, they asked for a second layout and drawing.
        self._layout(quietly=True)
        # ScrollView takes the layout's virtual size (the view's, not the list's lines) for a
        # change at every layout, and draws the scrollbar again for it. Lines changed since the
        # last layout (a new width, a search, a fold) are a change, as Textual has it: the
        # scrollbar shows or hides and the scroll stays within them; the same lines are not.
        changed, self._sized = self.virtual_size != self._sized, self.virtual_size
        return super()._size_updated(size, virtual_size if changed else self.virtual_size, container_size, layout)

    def _layout(self, quietly: bool = False) -> bool:
        """Wrap the entries for the width, if it changed; True if it did."""
        width = self.scrollable_content_region.width - listbar.WIDTH  # the last column: the bar
        if width <= 0 or width == self._width:
            return False
        self._width = width
        console = self.app.console
        lines: list[int] = []
        spans = []
        # Each wrapped entry from the last layout, kept while the entry and the width are the
        # same: a change (an attach, an undo) measures the entries it changed, not all of them.
        # An entry is only counted here (its lines make the heights and the scrollbar); its
        # lines are made when it is drawn, so a long list holds a screenful of wrapped lines.
        before, wraps, multi = self._wraps, {}, {}
        for index, entry in enumerate(self.entries):
            kept = before.get(entry.key)
            if kept is not None and kept.width == width and kept.entry == entry:
                wrapped = kept
            else:
                wrapped = self._measure(entry, width, console)
            if wrapped is None:
                count = 1  # drawn as its own text
            else:
                wraps[entry.key] = multi[index] = wrapped
                count = wrapped.count
            start = len(lines) + entry.gap
            lines += [index] * (entry.gap + count)
            spans.append((start, len(lines)))
        self._lines, self._spans, self._wraps, self._wrapped = lines, spans, wraps, multi
        self._strips = {}
        if quietly:  # (the layout under way takes the new size: no other is asked for)
            self.set_reactive(ScrollView.virtual_size, Size(width, len(lines)))
        else:
            self.virtual_size = Size(width, len(lines))
        return True

    @staticmethod
    def _room(entry: Entry, width: int) -> int:
        return max(1, width - len(entry.prefix) - 1)

    @staticmethod
    def _measure(entry: Entry, width: int, console) -> Wrapped | None:
        """How many lines the entry takes at this width; None when it is drawn as its own text."""
        if entry.one_line:
            return None  # cut to the width when drawn (_strip): only the lines on screen are
        room = ItemList._room(entry, width)
        text = entry.text
        plain = text.plain
        if "\n" in plain or "\t" in plain or text.no_wrap:
            lines = ItemList._wrap(entry, width, console)  # rare: wrapped at once, as Text.wrap splits them
            return Wrapped(width, entry, len(lines), lines)
        if _fits(plain, room):
            return None  # fits on its line: wrapping would give it back unchanged, slowly
        # The count Text.wrap gives (tests/tui/test_itemlist_lines.py checks it), without the lines.
        fold = (text.overflow or "fold") == "fold"
        return Wrapped(width, entry, count_lines(plain, max(1, room - entry.hang), fold))

    @staticmethod
    def _wrap(entry: Entry, width: int, console) -> list[Text]:
        """The entry's lines at this width, the second and later hanging under the first's text."""
        room = ItemList._room(entry, width)
        wrapped = list(entry.text.wrap(console, max(1, room - entry.hang)))
        wrapped[1:] = [Text(" " * entry.hang) + line for line in wrapped[1:]]
        return wrapped

    def lines_of(self, index: int) -> list[Text]:
        """The lines an entry is drawn as, made the first time it is drawn."""
        wrapped = self._wrapped.get(index)
        if wrapped is None:
            return [self.entries[index].text]
        if wrapped.lines is None:
            wrapped.lines = self._wrap(wrapped.entry, wrapped.width, self.app.console)
        return wrapped.lines

    def on_resize(self) -> None:
        # A new size is drawn again by Textual; new lines only if the width changed them
        # (the screen's first Resize, after the first frame, changes nothing).
        if self._layout():
            self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips, self._looks = {}, {}  # a new theme: draw again

    def look(self, name: str) -> Style:
        """A component class's style ("" for the list's own), looked up once."""
        style = self._looks.get(name)
        if style is None:
            style = self.rich_style if not name else self.get_component_rich_style(f"list--{name}")
            self._looks[name] = style
        return style

    def render_lines(self, crop):
        self._layout()  # once per drawing, in case the width changed since the last
        try:
            drag = drag_of(self)
        except NoScreen:  # taken off its screen (the next plan opening) with a drawing still due
            drag = None
        self._targets = self.target_keys() if drag is not None and drag.active and drag.target is self else set()
        self._drawn = (self._lines, self._spans, self.entries, self.scroll_offset.y)
        state = "grabbed" if self._grab is not None else "hover" if self._bar_hover else ""
        self._bar, self._bar_actions = listbar.cells(
            self, self.size.height, len(self._lines), self.scroll_offset.y, state, self.look("")
        )
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        segments, length = self._line(y + self.scroll_offset.y)
        bar = self._bar[y] if y < len(self._bar) else Segment(" " * listbar.WIDTH, self.look(""))
        return Strip([*segments, bar], length + listbar.WIDTH)

    def _line(self, number: int) -> tuple[list[Segment], int]:
        """Line `number` of the list, as segments and their width (the bar not included)."""
        width = max(0, self._width)
        base = self.look("")
        if number >= len(self._lines):
            return [Segment(" " * width, base)], width
        index = self._lines[number]
        entry = self.entries[index]
        start, end = self._spans[index]
        if not start <= number < end:
            return [Segment(" " * width, base)], width  # a gap above the entry
        line = entry.text if index not in self._wrapped else self.lines_of(index)[number - start]
        style = base + self.look(entry.kind) + self._state_style(index, entry)
        cached = self._strips.get((number, style))
        if cached is None:
            prefix = entry.mark if entry.mark and number == start else entry.prefix
            strip = self._strip(entry, prefix, line, style, width)
            cached = self._strips[number, style] = (list(strip), strip.cell_length)
        return cached

    def _strip(self, entry: Entry, prefix: str, line: Text, style: Style, width: int) -> Strip:
        if entry.one_line:
            line = line.copy()
            line.truncate(self._room(entry, width), overflow="ellipsis")
        segments = []
        if prefix:
            bar = self.look(entry.bar) if entry.bar else Style()
            segments.append(Segment(prefix, style + bar))
        segments.extend(Segment.apply_style(line.render(self.app.console), style))
        return Strip(segments).adjust_cell_length(width, style)

    def _state_style(self, index: int, entry: Entry) -> Style:
        # Later looks win: the cursor, then what is being dragged, then where it would land.
        style = Style()
        if index == self.cursor and entry.selectable:
            style += self.look("cursor" if self.has_focus else "cursor-blurred")
        elif index == self._hover and entry.selectable:
            style += self.look("hover")
        drag = drag_of(self)
        if drag.active and drag.source is self and self.payload_of(entry) == drag.payload:
            style += self.look("dragging")
        if entry.key in self._targets:
            style += self.look("target")
        return style

    def entry_at_line(self, number: int) -> int | None:
        if 0 <= number < len(self._lines):
            index = self._lines[number]
            start, end = self._spans[index]
            return index if start <= number < end else None
        return None

    def entry_at(self, event) -> int | None:
        """The entry under a mouse event, if any."""
        offset = event.get_content_offset(self)
        return None if offset is None else self.entry_at_line(offset.y + self.scroll_offset.y)

    def key_drawn_at(self, event) -> tuple | None:
        """The key of the entry drawn under a mouse event: what the student saw, even when
        the lines changed since (a field closing as the press moved the focus here)."""
        offset = event.get_content_offset(self)
        lines, spans, entries, top = self._drawn
        number = None if offset is None else offset.y + top
        if number is None or not 0 <= number < len(lines):
            return None
        index = lines[number]
        start, end = spans[index]
        return entries[index].key if start <= number < end else None

    def offset_of(self, key: tuple, x: int = 2) -> Offset | None:
        """Where an entry's first line is drawn, from the widget's top left (None: not in the list)."""
        index = self.index_of(key)
        if index is None:
            return None
        start, _ = self.span_of(index)
        content = self.content_region
        return Offset(content.x - self.region.x + x, content.y - self.region.y + start - round(self.scroll_offset.y))

    def text_of(self, key: tuple) -> str:
        """An entry's text as the student reads it ("" when it is not in the list)."""
        index = self.index_of(key)
        return "" if index is None else self.entries[index].text.plain

    def span_of(self, index: int) -> tuple[int, int]:
        self._layout()
        return self._spans[index]

    # -- the cursor ----------------------------------------------------------------

    def move_cursor(self, index: int, scroll: bool = True) -> None:
        if index != self.cursor:
            kind = self.entries[self.cursor].key[0] if self.cursor < len(self.entries) else None
            self.refresh_entries(self.cursor, index)
            self.cursor = index
            if self.entries[index].key[0] != kind:
                self.refresh_bindings()  # the key bar follows what is under the cursor
            self.cursor_moved()
        if scroll:
            self.show_entry(index)

    def cursor_moved(self) -> None:
        """Called when the cursor lands on another entry."""

    def show_entry(self, index: int) -> None:
        if not self.entries or self._width < 0:
            return
        start, end = self.span_of(index)
        self.scroll_to_region(Region(0, start, 1, end - start), animate=False, immediate=True)

    def _selectable_from(self, start: int, step: int) -> int | None:
        index = start
        while 0 <= index < len(self.entries):
            if self.entries[index].selectable:
                return index
            index += step
        return None

    def action_step(self, delta: int) -> None:
        drag = drag_of(self)
        if drag.lifted:
            drag.step(delta)
            return
        found = self._selectable_from(self.cursor + delta, delta)
        if found is not None:
            self.move_cursor(found)
        else:
            self.show_entry(self.cursor)

    def action_page(self, delta: int) -> None:
        if drag_of(self).lifted or not self.entries:
            return
        start, _ = self.span_of(self.cursor)
        number = max(0, min(len(self._lines) - 1, start + delta * self.size.height))
        target = self._lines[number]  # a gap line belongs to the entry below it
        found = self._selectable_from(target, delta)
        if found is None:  # past the last (or first) thing that can be selected
            found = self._selectable_from(target, -delta)
        if found is not None:
            self.move_cursor(found)

    def action_edge(self, end: int) -> None:
        if drag_of(self).lifted or not self.entries:
            return
        found = self._selectable_from(0, 1) if end == 0 else self._selectable_from(len(self.entries) - 1, -1)
        if found is not None:
            self.move_cursor(found)

    def action_activate(self) -> None:
        drag = drag_of(self)
        if drag.lifted:
            drag.drop()
        elif self.current is not None and self.payload_of(self.current) is not None:
            drag.lift(self)

    async def action_lift(self) -> None:
        if not drag_of(self).lifted:
            done = self.action_activate()
            if done is not None:  # a subclass's may be async
                await done

    async def on_key(self, event) -> None:
        # The list's own keys act at once, in order with the typing around them: a binding acts
        # only when its key has bubbled up to the app, after the keys sent behind it in a burst
        # ("Enter 3 Enter", "↓ then a reason") would already have been handled here.
        for key in event.aliases:
            for binding in self._bindings.key_to_bindings.get(key, ()):
                _namespace, name, parameters = parse(binding.action)
                if self.check_action(name, parameters) is not False:
                    event.stop()
                    event.prevent_default()
                    await self.run_action(binding.action)
                    return

    def action_cancel_drag(self) -> None:
        drag_of(self).cancel()

    def drag_payload(self) -> Payload | None:
        return self.payload_of(self.current) if self.current is not None else None

    # -- the mouse -------------------------------------------------------------------

    def on_mouse_down(self, event) -> None:
        row = self._bar_row(event)
        if row is not None:
            self.pressed = None
            event.prevent_default()  # (Textual would call Draggable's handler next: no drag here)
            self._press_bar(row)
            return
        self.pressed = self.key_drawn_at(event)  # what a click, when it ends, acts on
        index = None if self.pressed is None else self.index_of(self.pressed)
        if index is None or not self.entries[index].selectable:
            return
        self.move_cursor(index, scroll=False)
        super().on_mouse_down(event)  # a press on something that moves may start a drag

    async def on_click(self, event) -> None:
        if not drag_of(self).ends_a_drag(event):  # that click's press already did its work
            await self.clicked(self.pressed)

    async def clicked(self, key: tuple | None) -> None:
        """A click on the entry drawn under the press (None: on no entry)."""

    def on_mouse_move(self, event) -> None:
        if self._grab is not None:  # dragging the thumb
            event.prevent_default()
            offset = event.get_content_offset_capture(self)
            self.scroll_to(y=listbar.top_for(self.size.height, len(self._lines), offset.y - self._grab), animate=False)
            return
        super().on_mouse_move(event)
        on_bar = self._bar_row(event) is not None
        if on_bar != self._bar_hover:
            self._bar_hover = on_bar
            self.refresh()  # the bar lights up, as Textual's does
        index = None if on_bar else self.entry_at(event)
        if index != self._hover:
            self.refresh_entries(self._hover, index)
            self._hover = index

    def on_mouse_up(self, event) -> None:
        if self._grab is not None:
            event.prevent_default()
            self.release_mouse()
            self._let_go()

    def on_mouse_release(self) -> None:
        # The capture ended without a button going up (a dialog opened): the thumb is let go.
        self._let_go()

    def _let_go(self) -> None:
        if self._grab is not None:
            self._grab = None
            self.refresh()

    def on_leave(self) -> None:
        if self._bar_hover:
            self._bar_hover = False
            self.refresh()
        if self._hover is not None:
            self.refresh_entries(self._hover)
            self._hover = None

    # -- the scrollbar (drawn in the last column; listbar.py) -------------------------

    def _bar_row(self, event) -> int | None:
        """The row of the view a mouse event is on, when it is on the list's scrollbar (a list
        whose lines all fit has none: its last column is the lines')."""
        offset = event.get_content_offset(self)
        if offset is None or self._width < 0 or offset.x < self._width:
            return None
        if not 0 <= offset.y < len(self._bar_actions) or self._bar_actions[offset.y] is None:
            return None
        return offset.y

    def _press_bar(self, row: int) -> None:
        """A press on the thumb grabs it; above or below it, a page up or down (as Textual's bar)."""
        action = self._bar_actions[row]
        if action == "grab":
            placed = listbar.thumb(self.size.height, len(self._lines), self.scroll_offset.y)
            self._grab = row - (placed.start if placed is not None else 0)
            self.capture_mouse()
            self.refresh()
        elif action == "scroll_up":
            self.scroll_page_up(animate=False)
        elif action == "scroll_down":
            self.scroll_page_down(animate=False)

    def on_focus(self) -> None:
        self.refresh_entries(self.cursor)

    def on_blur(self) -> None:
        self.refresh_entries(self.cursor)

    def refresh_entries(self, *indexes: int | None) -> None:
        """Draw these entries again (a cursor or hover moved), not the whole list."""
        for index in indexes:
            if index is not None and index < len(self._spans):
                start, end = self._spans[index]
                self.refresh_lines(start, end - start)
