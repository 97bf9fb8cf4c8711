"""The status line: the latest message, one line above the key bar.

Textual's notifications float over the work (the ranking's last factor, the help) and
stack; here every `notify` lands on one line that takes its own row, so nothing is ever
under it. One message at a time: the next replaces it. After its time it fades (shown
dimmed until the next one); an error stays bright until the next key, so it is read.
"""

from __future__ import annotations

import weakref

from rich.text import Text
from textual.widgets import Static

from essayplan.records import record
from essayplan.tui.text import clean

SECONDS = 5.0  # how long a message stays bright when its sender gives no time
KEPT = 100  # the messages remembered (the app's `said`, for tests and the curious)
# The lines showing an error until the next key: most keys find none and need not
# look for the screen's line (a query over the whole screen, ~3 ms in a full plan).
_WAITING: weakref.WeakSet[StatusLine] = weakref.WeakSet()
# A message said before the app's first screen had its line (a plan whose pack has changed), by
# app: the line shows it as it is mounted, so the first layout already gives it its height
# (shown after the first frame, a long message took the whole screen's layout again).
_EARLY: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


@record
class Said:
    """One message, cleaned: what the student reads."""

    text: str
    title: str = ""
    severity: str = "information"  # information, warning or error (Textual's levels)

    def line(self) -> Text:
        words = " · ".join(part for part in self.text.splitlines() if part.strip()) or self.text
        line = Text(no_wrap=False)
        if self.title:
            line.append(f"{self.title}: ", style="bold")
        line.append(words)
        return line


class StatusLine(Static):
    """The latest message, in its severity's colour; dimmed once read."""

    DEFAULT_CSS = """
    StatusLine {
        height: auto;
        min-height: 1;
        max-height: 3;
        padding: 0 1;
        color: $text-muted;
        background: $panel;
    }
    StatusLine.-information { color: $text; background: $primary-background; }
    StatusLine.-warning { color: $text; background: $warning 35%; }
    StatusLine.-error { color: $text; background: $error 45%; text-style: bold; }
    """

    def __init__(self) -> None:
        super().__init__(id="status")
        self.said: Said | None = None
        self.waits_for_key = False  # an error: bright until the next key
        self._timer = None

    def on_mount(self) -> None:
        _show_early(self.app, self)

    def show(self, said: Said, seconds: float | None) -> None:
        self.said = said
        self.update(said.line())
        self.set_classes(f"-{said.severity}")
        self._stop_timer()
        self.waits_for_key = said.severity == "error"
        if self.waits_for_key:
            _WAITING.add(self)
        else:
            _WAITING.discard(self)
            self._timer = self.set_timer(seconds if seconds is not None else SECONDS, self.fade)

    def fade(self) -> None:
        """The message has been seen: it stays, dimmed, until the next."""
        self._stop_timer()
        self.waits_for_key = False
        _WAITING.discard(self)
        self.set_classes("")

    def key_pressed(self) -> None:
        if self.waits_for_key:
            self.fade()

    def clear(self) -> None:
        self._stop_timer()
        self.said, self.waits_for_key = None, False
        _WAITING.discard(self)
        self.update("")
        self.set_classes("")

    def _stop_timer(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None


def status_line(app) -> StatusLine | None:
    """The line on the top screen that has one (a dialog shows over the plan screen's)."""
    for screen in reversed(app.screen_stack):
        lines = screen.query(StatusLine)
        if lines:
            return lines.first()
    return None


def say(app, message: object, title: object = "", severity: str = "information", timeout: float | None = None) -> Said:
    """Show a message on the status line, cleaned (file, pack and card names are shown
    literally, never as markup or escapes), and remember it in `app.said`."""
    said = Said(clean(message, multiline=True), clean(title), severity if severity in ("warning", "error") else "information")
    app.said.append(said)
    del app.said[:-KEPT]
    line = status_line(app)
    if line is not None:
        line.show(said, timeout)
    else:  # said while the first screen is still being built: shown by its line when mounted
        _EARLY[app] = (said, timeout)
        app.call_after_refresh(_show_late, app)  # or after the first frame, if no line was
    return said


def _show_late(app) -> None:
    line = status_line(app)
    if line is not None:
        _show_early(app, line)


def _show_early(app, line: StatusLine) -> None:
    """The message said before `line` existed, once, if nothing has been said since."""
    early = _EARLY.pop(app, None)
    if early is not None and app.said and app.said[-1] is early[0]:
        line.show(*early)


def key_pressed(app) -> None:
    """Any key: an error that was waiting to be read fades."""
    if not _WAITING:
        return
    line = status_line(app)
    if line is not None:
        line.key_pressed()


def clear(app) -> None:
    for screen in app.screen_stack:
        for line in screen.query(StatusLine):
            line.clear()
