"""The app's one-line bars: views and save state on top, the question, the keys below.

Each bar is a single widget that draws its parts as text and maps a click
to the part under the pointer: a screen of few widgets starts fast.
"""

from __future__ import annotations

from typing import NamedTuple

from rich.text import Text
from textual.binding import Binding
from textual.reactive import reactive
from textual.widgets import Static

from essayplan import paths
from essayplan.classroom import policy_of
from essayplan.tui.messages import ChooseQuestion, ShowView
from essayplan.tui.text import clean, literal
from essayplan.tui.views import VIEWS


class SaveStatus(NamedTuple):
    """What the top bar says about the plan's file."""

    state: str  # saved, unsaved…, read-only
    where: str  # the file, shortened
    topic: str  # the pack's title, shown when there is room
    path: str  # the whole path, in the tooltip


def save_status(session, pack) -> SaveStatus:
    state = "unsaved…" if session.dirty else "saved"
    if session.read_only:
        state = "read-only: use Save as" if session.dirty else "read-only"
    where = clean(paths.display(session.path))
    if session.in_data_folder:
        where = f"{clean(session.path.name)} in your data folder"
    return SaveStatus(state, where, clean(pack.title), str(session.path))


class ClickableBar(Static):
    """A line of text whose parts answer clicks: `parts` maps [start, end) columns to a value."""

    ALLOW_SELECT = False

    def __init__(self, *, id: str) -> None:
        super().__init__(id=id)
        self.parts: list[tuple[int, int, str]] = []

    def part_at(self, x: int) -> str | None:
        return next((value for start, end, value in self.parts if start <= x < end), None)


class TopBar(ClickableBar):
    """The views as tabs (click one to switch), then the plan's save state and file."""

    COMPONENT_CLASSES = {"topbar--tab", "topbar--active"}

    view: reactive[str] = reactive(VIEWS[0].id)  # the tab shown as current
    status: reactive[SaveStatus | None] = reactive(None)  # the plan's file and whether it is saved

    def __init__(self) -> None:
        super().__init__(id="topbar")

    def render(self) -> Text:
        line, self.parts = Text(no_wrap=True, overflow="ellipsis"), []
        for view in VIEWS:
            look = "topbar--active" if view.id == self.view else "topbar--tab"
            start = len(line)
            key = policy_of(self.app).key_label(view.key)  # in a browser, the key that works there
            line.append(f" {view.name} {key} ", style=self.get_component_rich_style(look, partial=False))
            self.parts.append((start, len(line), view.id))
        room = self.size.width - len(line) - 1
        status = Text()
        if self.status is not None:
            where = self.status.where
            room_for_where = room - len(self.status.state) - 3
            if len(where) > room_for_where > 1:  # a long path loses its start, never the file's name
                where = "…" + where[len(where) - room_for_where + 1 :]
            status = Text.assemble((self.status.state, "italic"), " · ", where)
            topic = len(self.status.topic) + 3
            if self.size.width >= 100 and len(status) + topic <= room:  # the file matters more than the topic
                status.append_text(Text.assemble(" · ", (self.status.topic, "bold")))
        status.truncate(max(0, room), overflow="ellipsis")
        line.append(" " * max(1, room - len(status) + 1))
        line.append_text(status)
        return line

    def watch_status(self, status: SaveStatus | None) -> None:
        if status is not None:
            self.tooltip = literal(f"The plan is saved to {status.path}")

    def on_click(self, event) -> None:
        view = self.part_at(event.x)
        if view is not None:
            self.post_message(ShowView(view))


class QuestionBar(Static):
    """The question; click it or press Enter on it to choose or type another."""

    can_focus = True
    ALLOW_SELECT = False
    BINDINGS = [Binding("enter,space", "app.choose_question", "Change question")]

    def on_click(self) -> None:
        self.post_message(ChooseQuestion())


class KeyBar(ClickableBar):
    """The keys for what has the focus, on one line; click one to press it.

    Textual's Footer mounts a widget per key, and mounts them all again on
    every focus or cursor move; this draws one line.
    """

    COMPONENT_CLASSES = {"keybar--key", "keybar--disabled"}

    def __init__(self) -> None:
        super().__init__(id="keys")

    def on_mount(self) -> None:
        self.drawn: list[tuple[str, str, str, bool]] | None = None  # the keys last drawn
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_updated)

    def _bindings_updated(self, _screen) -> None:
        # The bindings are updated after every focus move and key, and three times as the app
        # starts, mostly to the same keys: only different keys are drawn again.
        if self.keys() != self.drawn:
            self.refresh()

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def keys(self) -> list[tuple[str, str, str, bool]]:
        """(key, how it is shown, what it does, enabled) for each key to show, as Footer chooses them."""
        shown, actions = [], set()
        bindings = self.screen.active_bindings
        for node, binding, enabled, _tip in bindings.values():
            if binding.show and binding.action not in actions:  # one key per action
                actions.add(binding.action)
                label = getattr(node, "key_label", None)  # a widget may word its key for the moment
                description = label(binding.action, binding.description) if label else binding.description
                shown.append((binding.key, self.app.get_key_display(binding), description, enabled))
        palette = bindings.get(self.app.COMMAND_PALETTE_BINDING)
        if palette is not None and self.app.ENABLE_COMMAND_PALETTE:
            binding = palette[1]
            shown.append((binding.key, self.app.get_key_display(binding), "Commands", palette[2]))
        return shown

    def render(self) -> Text:
        line, self.parts = Text(no_wrap=True, overflow="ellipsis"), []
        self.drawn = self.keys()
        for key, display, description, enabled in self.drawn:
            if len(line) + len(display) + len(description) + 3 > self.size.width:
                break  # whole keys only: a key cut in half says nothing
            look = "keybar--key" if enabled else "keybar--disabled"
            start = len(line)
            line.append(f" {display} ", style=self.get_component_rich_style(look, partial=False))
            line.append(f"{description} ")
            self.parts.append((start, len(line), key))
        return line

    def on_click(self, event) -> None:
        key = self.part_at(event.x)
        if key is not None:
            self.app.simulate_key(key)
