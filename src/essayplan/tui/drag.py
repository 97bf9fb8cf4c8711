"""Drag and drop, by mouse and by keyboard, for every board in the app.

A drag carries a Payload (what moves) to a Place (where it lands). Widgets
only describe payloads and places; the controller belongs to a screen and
posts a `Drop` message, which the plan screen turns into one operation, so a
cancelled drag changes nothing.
"""

from __future__ import annotations

import time

from textual.geometry import Offset
from textual.widget import Widget
from textual.widgets import Static

from essayplan.drops import Payload, Place  # noqa: F401  (plain data, in the core; views import them from here)
from essayplan.tui.messages import Drop
from essayplan.tui.text import literal

THRESHOLD = 2  # cells the pointer moves before a press becomes a drag


def drag_of(widget: Widget) -> "DragController":
    """The drag controller of a widget's screen (made on first use: any screen can host a board)."""
    screen = widget.screen
    drag = getattr(screen, "drag", None)
    if drag is None:
        drag = screen.drag = DragController(screen)
    return drag


class Draggable:
    """Mixin for widgets that can be picked up."""

    def drag_payload(self) -> Payload | None:
        raise NotImplementedError

    def on_mouse_down(self, event) -> None:
        if event.button == 1 and self.drag_payload() is not None:  # type: ignore[attr-defined]
            drag_of(self).press(self, event.screen_offset)  # type: ignore[arg-type]
            self.capture_mouse()  # type: ignore[attr-defined]

    def on_mouse_move(self, event) -> None:
        drag = drag_of(self)  # type: ignore[arg-type]
        if drag.source is self:
            drag.move(event.screen_offset)

    def on_mouse_up(self, event) -> None:
        drag = drag_of(self)  # type: ignore[arg-type]
        if drag.source is self:
            self.release_mouse()  # type: ignore[attr-defined]
            drag.release(event.screen_offset)


class DropTarget:
    """Mixin for widgets a payload can land on."""

    def drop_place(self, payload: Payload, offset: Offset) -> Place | None:
        raise NotImplementedError


class Ghost(Static):
    """The card that follows the pointer during a drag."""

    DEFAULT_CSS = """
    Ghost {
        layer: overlay;
        display: none;
        position: absolute;
        width: auto;
        max-width: 40;
        height: 1;
        padding: 0 1;
        text-wrap: nowrap;
        text-overflow: ellipsis;
        background: $accent 80%;
        color: $text;
        text-style: bold;
    }
    """


class DragController:
    """The one drag in progress on a screen, started by the mouse or the keyboard.

    The screen (`owner`) may give keyboard places (`places_for`, `start_index`)
    and a hint line (`show_drag_hint`); drops are posted to it as `Drop`."""

    def __init__(self, owner: Widget) -> None:
        self.owner = owner
        self.source: Widget | None = None
        self.payload: Payload | None = None
        self.start: Offset | None = None
        self.dragging = False  # mouse drag past the threshold
        self.lifted = False  # keyboard lift
        self.place: Place | None = None
        self.target: Widget | None = None
        self.places: list[tuple[Place, Widget]] = []
        self.index = 0
        self._ended: tuple[Offset, float] | None = None  # where and when the last mouse drag ended

    @property
    def active(self) -> bool:
        return self.dragging or self.lifted

    # -- mouse ---------------------------------------------------------------

    def press(self, source: Widget, offset: Offset) -> None:
        if self.lifted:
            self.cancel()
        self.source, self.start = source, offset
        self.payload = source.drag_payload()  # type: ignore[attr-defined]

    def move(self, offset: Offset) -> None:
        if self.source is None or self.start is None or self.lifted:
            return
        if not self.dragging:
            if abs(offset.x - self.start.x) < THRESHOLD and abs(offset.y - self.start.y) < THRESHOLD:
                return
            self.dragging = True
            self.source.add_class("-dragging")
            self.source.refresh()
            ghost = self._ghost()
            ghost.update(literal(f"⠿ {self.payload.label}"))
            ghost.display = True
        self._place_ghost(offset)
        self._aim(*self._place_at(offset))
        self._autoscroll(offset)

    def release(self, offset: Offset) -> None:
        if not self.dragging:
            # A press without a drag is a click: focus what was pressed.
            source = self.source
            self._reset()
            if source is not None and source.can_focus:
                source.focus()
            return
        place, _target = self._place_at(offset)
        payload = self.payload
        self._reset()
        self._ended = (offset, time.monotonic())
        if place is None:
            self.owner.notify("Dropped where nothing can land: nothing changed.", timeout=2)
        else:
            self.owner.post_message(Drop(payload, place))

    def ends_a_drag(self, click) -> bool:
        """Whether a click is the one the terminal sends with the release that ended a drag
        (within one widget, a press and a release make a click): it must not act again."""
        ended, self._ended = self._ended, None
        return ended is not None and ended[0] == click.screen_offset and time.monotonic() - ended[1] < 1

    def _place_ghost(self, offset: Offset) -> None:
        """Beside the pointer, inside the panel under it: never over its border or off the screen."""
        ghost = self._ghost()
        area = self.owner.region
        widget = self._widget_at(offset)
        for node in widget.ancestors_with_self if widget is not None else ():
            if isinstance(node, DropTarget) or getattr(node, "is_scrollable", False):
                area = node.content_region
                break
        width = max(4, min(len(self.payload.label) + 4, 40, area.width))
        ghost.styles.width = width
        x = max(area.x, min(offset.x + 2, area.right - width))
        y = offset.y + 1 if offset.y + 1 < area.bottom else offset.y - 1  # above the pointer on the last line
        ghost.styles.offset = (x, max(area.y, y))

    def _widget_at(self, offset: Offset) -> Widget | None:
        """The widget under the pointer, looking through the ghost."""
        for widget, _region in self.owner.get_widgets_at(offset.x, offset.y):
            if not isinstance(widget, Ghost):
                return widget
        return None

    def _place_at(self, offset: Offset) -> tuple[Place | None, Widget | None]:
        widget = self._widget_at(offset)
        if widget is None:
            return None, None
        for node in widget.ancestors_with_self:
            if isinstance(node, DropTarget):
                place = node.drop_place(self.payload, offset)
                if place is not None:
                    return place, node
        return None, None

    def _autoscroll(self, offset: Offset) -> None:
        # Near the top or bottom edge of a scrolling panel, scroll it a line.
        widget = self._widget_at(offset)
        if widget is None:
            return
        for node in widget.ancestors_with_self:
            if getattr(node, "is_scrollable", False) and node.allow_vertical_scroll:
                region = node.region
                if offset.y <= region.y:
                    node.scroll_relative(y=-1, animate=False)
                elif offset.y >= region.bottom - 1:
                    node.scroll_relative(y=1, animate=False)
                return

    # -- keyboard ------------------------------------------------------------

    def lift(self, source: Widget) -> bool:
        """Pick up the focused widget; arrows choose a place, Enter drops."""
        payload = source.drag_payload()  # type: ignore[attr-defined]
        if payload is None:
            return False
        places_for = getattr(self.owner, "places_for", None)
        places = places_for(payload) if places_for else []
        if not places:
            self.owner.notify("There is nowhere to move this to.", timeout=2)
            return False
        self.source, self.payload, self.lifted = source, payload, True
        self.places = places
        self.index = self.owner.start_index(payload, places)
        source.add_class("-dragging")
        source.refresh()  # a list draws what is lifted greyed out
        self._aim(*self.places[self.index])
        return True

    def step(self, delta: int) -> None:
        if self.lifted and self.places:
            self.index = (self.index + delta) % len(self.places)
            self._aim(*self.places[self.index])

    def choose(self, index: int) -> bool:
        """Aim a keyboard move at its `index`th place (False: there is none)."""
        if not self.lifted or not 0 <= index < len(self.places):
            return False
        self.index = index
        self._aim(*self.places[index])
        return True

    def drop(self) -> None:
        if not self.lifted:
            return
        place = self.place
        payload = self.payload
        source = self.source
        self._reset()
        if place is not None:
            self.owner.post_message(Drop(payload, place))
        if source is not None and source.is_attached:
            source.focus()

    # -- both ----------------------------------------------------------------

    def cancel(self) -> None:
        if self.active:
            self.owner.notify("Move cancelled: nothing changed.", timeout=2)
        self._reset()

    def _aim(self, place: Place | None, target: Widget | None) -> None:
        if target is not self.target:
            if self.target is not None:
                self.target.remove_class("-drop-target")
                self.target.border_subtitle = None
                self.target.refresh()
            if target is not None:
                target.add_class("-drop-target")
        self.place, self.target = place, target
        if target is not None and place is not None:
            target.border_subtitle = literal(f"↓ {place.hint}")
            if self.lifted:
                if hasattr(target, "show_place"):
                    target.show_place(place)  # a list: scroll to the place's lines
                else:
                    target.scroll_visible(animate=False)
        if target is not None:
            target.refresh()  # a list draws the place's lines lit up
        self._hint(self.payload, place)

    def _hint(self, payload: Payload | None, place: Place | None) -> None:
        show = getattr(self.owner, "show_drag_hint", None)
        if show is not None:
            show(payload, place)

    def _ghost(self) -> Ghost:
        # On the drag's own screen, even while a dialog is on top of it; mounted on the first drag.
        ghosts = self.owner.query(Ghost)
        if ghosts:
            return ghosts.first()
        ghost = Ghost()
        self.owner.mount(ghost)
        return ghost

    def _reset(self) -> None:
        if self.source is not None:
            self.source.remove_class("-dragging")
            self.source.refresh()
        if self.target is not None:
            self.target.remove_class("-drop-target")
            self.target.border_subtitle = None
            self.target.refresh()
        ended = [w for w in (self.source, self.target) if w is not None and hasattr(w, "show_status")]
        if self.owner.is_attached:
            for ghost in self.owner.query(Ghost):
                ghost.display = False
        was_active = self.active
        self.source = self.payload = self.start = self.place = self.target = None
        self.dragging = self.lifted = False
        self.places = []
        if was_active:
            self._hint(None, None)
        for widget in ended:  # the border the drag borrowed says again what it said
            widget.show_status()
