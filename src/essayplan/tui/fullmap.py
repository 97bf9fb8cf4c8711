"""Textual's compositor keeps the whole screen's map after a layout.

`Compositor.reflow` lays out every widget, on screen or not, and keeps that map, but
leaves the flag that says the map is out of date as it was. So the next time a widget
off the screen is refreshed (its size is asked), the compositor lays the whole screen
out a second time to build the very map it already holds. Opening the Plan view with
40 factors did that 5 times (~20 ms; issue 18). The map a reflow builds is the full
map, from the same root and size: marking it up to date cannot serve a stale one; the
compositor marks it out of date again when widgets change or scroll, as before.

Textual 8.2 (checked on 8.2.8); if Textual changes this method, it is left alone.
"""

from __future__ import annotations

from textual._compositor import Compositor

_reflow = Compositor.reflow


def _reflow_keeping_map(self: Compositor, parent, size):
    result = _reflow(self, parent, size)
    self._full_map_invalidated = False  # the map reflow just built covers all widgets
    return result


if hasattr(Compositor, "_full_map_invalidated") or "_full_map_invalidated" in Compositor.__init__.__code__.co_names:
    Compositor.reflow = _reflow_keeping_map
