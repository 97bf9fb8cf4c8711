"""Start-up objects out of the cyclic collector's way, once per process."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

_frozen = False
_held: bool | None = None  # None: not yet; True: held while the first screen is built; False: done


def freeze_once() -> None:
    """Modules and data loaded at start-up live as long as the process: freezing them
    spares every later collection from scanning them (a full one costs ~10 ms).

    Once per process only: a later freeze would also keep whatever garbage
    is waiting then (a test run opens hundreds of apps).
    """
    global _frozen
    if not _frozen:
        _frozen = True
        gc.freeze()


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic collection while a file becomes data: parsing a plan and building its model
    make tens of thousands of dicts, lists and dataclasses and no cycles, so each collection
    the allocations trigger finds nothing, and walks them all (a plan of 3,000 factors: ~35 ms
    of start-up). What is garbage meanwhile is freed by reference counting as ever."""
    if not gc.isenabled():
        yield  # paused already, by whoever will resume it
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def hold_collector() -> None:
    """The first screen is being built: its widgets, styles and drawn lines live as long as
    the app, and the collector would walk them again and again as they are made (about a
    tenth of building it). It waits until `screen_drawn`. Once per process, as freeze_once."""
    global _held
    if _held is None:
        _held = gc.isenabled()
        gc.disable()


def screen_drawn() -> None:
    """The first screen is drawn: what it made joins the frozen start-up objects, and the
    collector runs again (as it was before). Safe to call more than once."""
    global _held
    if _held:
        _held = False
        gc.freeze()
        gc.enable()
