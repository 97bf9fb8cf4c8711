"""The Links view: the ranked factors as boxes, arrows between them, a sentence on each.

Make a link by dragging one factor's box onto another, or with keys: Enter lifts
the factor under the cursor, ↑/↓ choose the target, Enter; then choose the kind
(←/→ or 1–4, Enter, or a click) and type the sentence. On a link: Enter edits
its sentence, k changes its kind, r reverses it, d or Delete deletes it. Each of
these posts one message (one operation); the view changes only through `sync`.
"""

from __future__ import annotations

import textwrap

from rich.text import Text
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Input, Static

from essayplan.model import KINDS, Pack, Plan
from essayplan.names import factor_title
from essayplan.tui.linkmap import Drawing, box_width_for, cut, draw_map
from essayplan.tui.messages import AddLink, DeleteLink, ReverseLink, SetLinkHow, SetLinkKind
from essayplan.tui.text import clean

MAP_MOST = 8  # more factors than this: a list instead of boxes
LIST_ROOM = 32  # columns the list of links needs beside the map; with less it goes under


HINT = "Drag a factor onto another, or Enter on a factor, to link them."
LIFTED = "Link {source} → {target}?"
LIFTED_KEYS = "↑/↓ choose the factor it acts on · Enter · Esc cancels"
PICK = "What did {source} do to {target}?"


class LinkMap(Widget, can_focus=True):
    """Boxes, arrows and the numbered list of links; a cursor on a factor or a link."""

    DEFAULT_CSS = """
    LinkMap { height: auto; padding: 0 1; text-wrap: nowrap; }
    LinkMap > .linkmap--box { color: $text-muted; }
    LinkMap > .linkmap--title { text-style: bold; }
    LinkMap > .linkmap--arrow { color: $accent; }
    LinkMap > .linkmap--lane-number { color: $warning; text-style: bold; }
    LinkMap > .linkmap--cursor { background: $block-cursor-blurred-background; text-style: bold; }
    LinkMap:focus > .linkmap--cursor { background: $block-cursor-background; color: $block-cursor-foreground; }
    LinkMap > .linkmap--lifted { background: $warning 40%; text-style: bold; }
    LinkMap > .linkmap--target { background: $success 40%; text-style: bold; }
    LinkMap > .linkmap--hint { color: $text-muted; text-style: italic; }
    LinkMap > .linkmap--kind { text-style: bold reverse; }
    LinkMap > .linkmap--no-how { color: $warning; text-style: italic; }
    """
    COMPONENT_CLASSES = {
        f"linkmap--{look}"
        for look in ("box", "title", "arrow", "lane-number", "cursor", "lifted", "target", "hint", "kind", "no-how")
    }
    ALLOW_SELECT = False
    BINDINGS = [
        Binding("up", "step(-1)", "Up", show=False),
        Binding("down", "step(1)", "Down", show=False),
        Binding("left", "kind_step(-1)", "Kind", show=False),
        Binding("right", "kind_step(1)", "Kind", show=False),
        *[Binding(str(n), f"kind_pick({n - 1})", KINDS[n - 1], show=False) for n in range(1, len(KINDS) + 1)],
        Binding("enter,space", "activate", "Link/edit"),
        Binding("k", "kind", "Kind"),
        Binding("r", "reverse", "Reverse"),
        Binding("d,delete", "delete", "Delete"),
        Binding("escape", "cancel", "Cancel", show=False),
    ]

    def __init__(self, pack: Pack, plan: Plan) -> None:
        super().__init__(id="link-map")
        self.pack, self.plan = pack, plan
        self.cursor: tuple = self.items[0] if self.items else ("none",)
        self.lifted: str | None = None  # the factor a new link starts from
        self.target: str | None = None  # where it would go
        self.picking: tuple[str, str, bool] | None = None  # (source, target, new?) while the kind is chosen
        self.kind = 0  # the kind under the picker's cursor
        self._pressed: tuple | None = None  # the box the mouse went down on
        self._drawn: Drawing | None = None
        self._picker: list[tuple[int, int, int]] = []  # (x0, x1, kind index) on the picker line

    # -- what it shows ----------------------------------------------------------------

    @property
    def factors(self) -> list[str]:
        return [r.factor for r in self.plan.ranking]

    @property
    def items(self) -> list[tuple]:
        return [("factor", f) for f in self.factors] + [("link", k.source, k.target) for k in self.plan.links]

    def title(self, factor: str) -> str:
        return clean(factor_title(self.pack, factor, self.plan))

    def sync(self, plan: Plan, pack: Pack) -> None:
        self.plan, self.pack = plan, pack
        items = self.items
        if self.cursor not in items:
            self.cursor = items[0] if items else ("none",)
        for factor in (self.lifted, self.target):
            if factor is not None and factor not in self.factors:
                self.action_cancel()
        self.refresh(layout=True)

    def select(self, item: tuple) -> None:
        if item in self.items and item != self.cursor:
            self.cursor = item
            self.refresh_bindings()
            self.refresh()

    # -- drawing ----------------------------------------------------------------------

    def get_content_height(self, container, viewport, width: int) -> int:
        return len(self.draw(width).lines)

    def draw(self, width: int) -> Drawing:
        width = max(30, width)
        drawing = Drawing(width)
        self._top = Drawing(width)
        self._draw_top(self._top)
        factors, links = self.factors, self.plan.links
        index = {f: i for i, f in enumerate(factors)}
        pairs = [(index[k.source], index[k.target]) for k in links if k.source in index and k.target in index]
        titles = [self.title(f) for f in factors]
        top = 0
        if len(factors) <= MAP_MOST and len(pairs) == len(links):
            # The map leaves room for the list beside it when it can (80 columns can).
            most = 34 if width < 110 else 48  # wide screens show long titles whole
            box = box_width_for(titles, width - LIST_ROOM if width - LIST_ROOM >= 40 else width, len(links), most)
            bottom = draw_map(drawing, titles, pairs, box, top)
        else:  # too many to draw legibly: the factors as a numbered list
            for i, title in enumerate(titles):
                drawing.write(top + i, 0, cut(f"{i + 1} {title}", width), "title", ("factor", i))
            drawing.map_width = max((len(t) for t in titles), default=0) + 3
            bottom = top + len(titles)
        beside = width - drawing.map_width - 3 >= LIST_ROOM
        x, y = (drawing.map_width + 3, top) if beside else (0, bottom + 1)
        self._draw_list(drawing, x, y, width - x)
        # Indexes to the items they stand for, and the looks of what is selected.
        hits = []
        for hy, x0, x1, (kind, i) in drawing.hits:
            item = ("factor", factors[i]) if kind == "factor" else ("link", links[i].source, links[i].target)
            hits.append((hy, x0, x1, item))
        drawing.hits = hits
        marks = {self.cursor: "cursor"}
        if self.lifted is not None:
            marks[("factor", self.lifted)] = "lifted"
        if self.target is not None:
            marks[("factor", self.target)] = "target"
        for hy, x0, x1, item in hits:
            look = marks.get(item)
            if look is not None:
                row = drawing.row(hy)
                for cx in range(x0, min(x1, width)):
                    row[cx] = (row[cx][0], look)
        self._drawn = drawing
        return drawing

    def _draw_top(self, drawing: Drawing) -> None:
        """The first two lines: what to do, the lifted link, or the picker of kinds."""
        self._picker = []
        if self.picking is not None:
            source, target, _new = self.picking
            drawing.write(0, 0, cut(PICK.format(source=self.title(source), target=self.title(target)), drawing.width))
            x = 0
            for number, kind in enumerate(KINDS):
                label = f" {number + 1} {kind} "
                start = x
                x = drawing.write(1, x, label, "kind" if number == self.kind else "")
                self._picker.append((start, x, number))
                x += 1
            drawing.write(1, x + 1, cut("←/→ Enter · Esc", max(0, drawing.width - x - 1)), "hint")
        elif self.lifted is not None:
            target = self.title(self.target) if self.target else "?"
            drawing.write(0, 0, cut(LIFTED.format(source=self.title(self.lifted), target=target), drawing.width), "target")
            drawing.write(1, 0, cut(LIFTED_KEYS, drawing.width), "hint")
        else:
            drawing.write(0, 0, cut(HINT, drawing.width), "hint")
        drawing.row(1)

    def _draw_list(self, drawing: Drawing, x: int, y: int, width: int) -> None:
        if not self.plan.links:
            drawing.write(y, x, cut("No links yet.", width), "hint")
            return
        drawing.write(y, x, "Links", "title")
        y += 1
        for number, link in enumerate(self.plan.links):
            head = f"{number + 1} {self.title(link.source)} ─{link.kind}→ {self.title(link.target)}"
            for line in textwrap.wrap(head, max(10, width), subsequent_indent="  ") or [head]:
                drawing.write(y, x, line, "", ("link", number))
                y += 1
            how = clean(link.how)
            if how:
                for line in textwrap.wrap(f"“{how}”", max(10, width - 2)):
                    drawing.write(y, x + 2, line, "", ("link", number))
                    y += 1
            else:
                drawing.write(y, x + 2, cut("(no sentence yet: Enter writes it)", width - 2), "no-how", ("link", number))
                y += 1

    def render(self) -> Text:
        drawing = self.draw(self.content_region.width or self.size.width)
        for hint in self._hints():
            hint.update(self._text(self._top))
        return self._text(drawing)

    def _hints(self):
        for view in self.ancestors:
            if isinstance(view, LinksView):
                return view.query(LinkHint)
        return []

    def _text(self, drawing: Drawing) -> Text:
        text = Text(no_wrap=True, overflow="crop")
        looks: dict[str, object] = {}
        for number, row in enumerate(drawing.lines):
            if number:
                text.append("\n")
            run, look = "", None
            for char, cell_look in row:
                if cell_look != look and run:
                    text.append(run, style=self._look(looks, look))
                    run = ""
                run, look = run + char, cell_look
            if run.rstrip() or look:
                text.append(run if look else run.rstrip(), style=self._look(looks, look))
        return text

    def _look(self, looks: dict, name: str | None):
        if not name:
            return ""
        if name not in looks:
            looks[name] = self.get_component_rich_style(f"linkmap--{name}", partial=True)
        return looks[name]

    # -- keys ------------------------------------------------------------------------

    @property
    def current_link(self):
        if self.cursor[0] == "link":
            return self.plan.link(self.cursor[1], self.cursor[2])
        return None

    def check_action(self, action: str, parameters) -> bool | None:
        if action in ("kind", "reverse", "delete"):
            return self.current_link is not None and self.picking is None and self.lifted is None
        if action in ("kind_step", "kind_pick"):
            return self.picking is not None
        return True

    def action_step(self, delta: int) -> None:
        if self.picking is not None:
            return
        if self.lifted is not None:  # choosing the target: the other factors only
            choices = [f for f in self.factors if f != self.lifted]
            at = choices.index(self.target) if self.target in choices else -1
            self.target = choices[(at + delta) % len(choices)] if at >= 0 or delta > 0 else choices[-1]
            self.refresh()
            return
        items = self.items
        if self.cursor in items:
            at = max(0, min(len(items) - 1, items.index(self.cursor) + delta))
            self.select(items[at])
            self.scroll_to_cursor()

    def scroll_to_cursor(self) -> None:
        drawing = self._drawn
        if drawing is None:
            return
        rows = [hy for hy, _x0, _x1, item in drawing.hits if item == self.cursor]
        if rows and self.parent is not None:  # the map is the scrolling parent's only child
            from textual.geometry import Region

            self.parent.scroll_to_region(Region(0, min(rows), 1, max(rows) - min(rows) + 1), animate=False)

    def action_activate(self) -> None:
        if self.picking is not None:
            self.choose_kind(self.kind)
        elif self.lifted is not None:
            if self.target is not None:
                self.start_picking(self.lifted, self.target)
        elif self.cursor[0] == "factor" and len(self.factors) > 1:
            self.lifted = self.cursor[1]
            self.target = next(f for f in self.factors[self.factors.index(self.lifted) + 1 :] + self.factors if f != self.lifted)
            self.refresh_bindings()
            self.refresh()
        elif self.cursor[0] == "link":
            self.edit_sentence(self.cursor[1], self.cursor[2])

    def start_picking(self, source: str, target: str) -> None:
        """A new link's ends are chosen: now its kind (an existing link: change its kind)."""
        existing = self.plan.link(source, target)
        self.lifted = self.target = None
        self.picking = (source, target, existing is None)
        self.kind = KINDS.index(existing.kind) if existing else 0
        self.refresh_bindings()
        self.refresh(layout=True)

    def action_kind(self) -> None:
        link = self.current_link
        if link is not None:
            self.start_picking(link.source, link.target)

    def action_kind_step(self, delta: int) -> None:
        self.kind = (self.kind + delta) % len(KINDS)
        self.refresh()

    def action_kind_pick(self, kind: int) -> None:
        self.choose_kind(kind)

    def choose_kind(self, kind: int) -> None:
        source, target, new = self.picking
        self.picking = None
        self.refresh_bindings()
        self.refresh(layout=True)
        if new:
            self.post_message(AddLink(source, target, KINDS[kind]))
            self.cursor = ("link", source, target)  # where the sync after it will find it
            self.edit_sentence(source, target, KINDS[kind])
        elif self.plan.link(source, target).kind != KINDS[kind]:
            self.post_message(SetLinkKind(source, target, KINDS[kind]))

    def edit_sentence(self, source: str, target: str, kind: str | None = None) -> None:
        for view in self.ancestors:
            if isinstance(view, LinksView):
                view.open_sentence(source, target, kind)

    def action_reverse(self) -> None:
        link = self.current_link
        if link is not None:
            self.post_message(ReverseLink(link.source, link.target))
            self.cursor = ("link", link.target, link.source)

    def action_delete(self) -> None:
        link = self.current_link
        if link is not None:
            self.post_message(DeleteLink(link.source, link.target))

    def action_cancel(self) -> None:
        self.lifted = self.target = self.picking = None
        self._pressed = None
        self.refresh_bindings()
        self.refresh(layout=True)

    # -- the mouse -------------------------------------------------------------------

    def item_at(self, event) -> tuple | None:
        offset = event.get_content_offset_capture(self)
        drawing = self._drawn
        return None if drawing is None else drawing.item_at(offset.x, offset.y)

    def click_hint(self, x: int, y: int) -> None:
        """A click on the hint above the map: a kind in the picker chooses it."""
        self.focus()
        if self.picking is not None and y == 1:
            for x0, x1, kind in self._picker:
                if x0 <= x < x1:
                    self.choose_kind(kind)

    def on_mouse_down(self, event) -> None:
        self.focus()
        item = self.item_at(event)
        if item is None:
            return
        self.select(item)
        if item[0] == "factor" and self.picking is None:
            self._pressed = item
            self.capture_mouse()

    def on_mouse_move(self, event) -> None:
        if self._pressed is None:
            return
        item = self.item_at(event)
        target = item[1] if item is not None and item[0] == "factor" and item != self._pressed else None
        if target != self.target or self.lifted != self._pressed[1]:
            self.lifted, self.target = (self._pressed[1], target) if target else (None, None)
            self.refresh()

    def on_mouse_up(self, event) -> None:
        if self._pressed is None:
            return
        source = self._pressed[1]
        self._pressed = None
        self.release_mouse()
        item = self.item_at(event)
        self.lifted = self.target = None
        if item is not None and item[0] == "factor" and item[1] != source:
            self.start_picking(source, item[1])  # a drag from one box onto another
        else:
            self.refresh()


class LinkHint(Static):
    """What to do now, the link being made, or the picker of kinds: above the map, never scrolled away."""

    DEFAULT_CSS = "LinkHint { height: 2; padding: 0 1; }"
    ALLOW_SELECT = False

    def on_mouse_down(self, event) -> None:
        offset = event.get_content_offset(self)
        if offset is not None:
            self.parent.query_one(LinkMap).click_hint(offset.x, offset.y)


class LinksView(Vertical):
    """The hint, the map (scrolling) and, while a sentence is typed, its field at the bottom."""

    DEFAULT_CSS = """
    LinksView { height: 1fr; }
    LinksView > VerticalScroll { height: 1fr; }
    LinksView > #link-how { display: none; dock: bottom; }
    """

    def __init__(self, pack: Pack, plan: Plan, *, id: str | None = "links") -> None:
        super().__init__(id=id)
        self.pack, self.plan = pack, plan
        self.editing: tuple[str, str] | None = None  # the link whose sentence is typed

    def compose(self):
        yield LinkHint()
        with VerticalScroll():
            yield LinkMap(self.pack, self.plan)
        yield Input(placeholder="How? e.g. “As General Secretary he packed the congresses, so …”", id="link-how")

    def on_show(self) -> None:
        if self.editing is None:  # shown: the keys typed next are the map's
            self._focus_map()

    def takes_keys(self) -> Widget | None:
        """What has the focus as the view is shown: the map (the sentence field while it is typed)."""
        if self.editing is not None:
            return self.query_one("#link-how", Input)
        found = self.query(LinkMap)
        return found.first() if found else None

    def on_hide(self) -> None:
        for found in self.query(LinkMap):
            found.action_cancel()  # a link half made is dropped when the view is left

    def on_mount(self) -> None:
        if self.display:  # the first showing: the map is mounted now
            self._focus_map()

    def _focus_map(self) -> None:
        for found in self.query(LinkMap):
            found.focus()

    @property
    def map(self) -> LinkMap:
        return self.query_one(LinkMap)

    def sync(self, plan: Plan, pack: Pack) -> None:
        self.plan, self.pack = plan, pack
        maps = self.query(LinkMap)
        if not maps:
            return  # not composed yet: the map is made from the plan just stored
        maps.first().sync(plan, pack)
        if self.editing is not None:
            link = plan.link(*self.editing)
            field = self.query_one("#link-how", Input)
            if link is None:
                self.close_sentence()
            elif field.value != link.how:  # an undo while typing: the field shows the plan
                field.value = link.how

    def open_sentence(self, source: str, target: str, kind: str | None = None) -> None:
        field = self.query_one("#link-how", Input)
        self.editing = (source, target)
        link = self.plan.link(source, target)
        with field.prevent(Input.Changed):
            field.value = link.how if link is not None else ""
        kind = kind or (link.kind if link is not None else KINDS[0])
        field.border_title = Text(f"How {self.map.title(source)} {kind} {self.map.title(target)}:")
        field.display = True
        field.focus()

    def close_sentence(self) -> None:
        field = self.query_one("#link-how", Input)
        self.editing = None
        field.display = False
        self.map.focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        if self.editing is not None:
            self.post_message(SetLinkHow(*self.editing, event.value))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.close_sentence()

    def on_key(self, event) -> None:
        if event.key == "escape" and self.editing is not None:
            event.stop()
            self.close_sentence()
