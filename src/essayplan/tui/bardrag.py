"""Press on a bar and drag along it: the value follows the pointer, one change on release.

Shared by the judgement line and the Weigh panel's weight bar. The widget gives `value_at(x)`
(the value a content column stands for) and `put_value(value)` (posts the one change), and
calls `start_drag(x)` from its own mouse-down, which knows where its bar is.
"""

from __future__ import annotations


class BarDrag:
    """A mixin for a Widget: a preview while dragging, the value put once the button is released."""

    _dragging = False
    _preview: int | None = None

    def value_at(self, x: int) -> int:
        raise NotImplementedError

    def put_value(self, value: int) -> None:
        raise NotImplementedError

    def start_drag(self, x: int) -> None:
        self._dragging = True
        self._preview = self.value_at(x)
        self.capture_mouse()
        self.refresh()

    def on_mouse_move(self, event) -> None:
        if self._dragging:
            value = self.value_at(event.get_content_offset_capture(self).x)
            if value != self._preview:
                self._preview = value
                self.refresh()

    def on_mouse_up(self, event) -> None:
        if not self._dragging:
            return
        self._dragging = False
        self.release_mouse()
        self.put_value(self.value_at(event.get_content_offset_capture(self).x))
        self.refresh()
