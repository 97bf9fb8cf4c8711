"""Start-up objects are kept out of the collector's way once per process."""

from __future__ import annotations

import pytest


def test_start_up_objects_are_frozen_once_per_process(monkeypatch):
    import gc

    from essayplan import startup

    monkeypatch.setattr(startup, "_frozen", False)
    startup.freeze_once()
    assert gc.get_freeze_count() > 0
    # A later freeze would keep the garbage waiting then for good. (Counting frozen objects
    # again cannot tell: another thread, as in an xdist worker, frees some of them meanwhile.)
    again = []
    monkeypatch.setattr(gc, "freeze", lambda: again.append("freeze"))
    startup.freeze_once()
    assert again == []


def test_the_collector_is_paused_while_a_plan_is_read_and_resumed_after():
    import gc

    from essayplan.startup import collector_paused

    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(ValueError), collector_paused():
        raise ValueError("a broken file")
    assert gc.isenabled()  # even when reading fails
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()  # left as it was found
    finally:
        gc.enable()


def test_the_collector_waits_for_the_first_screen_once_per_process(monkeypatch):
    import gc

    from essayplan import startup

    monkeypatch.setattr(startup, "_held", None)
    monkeypatch.setattr(gc, "freeze", lambda: None)  # (a real freeze here would keep this test's garbage)
    assert gc.isenabled()
    try:
        startup.hold_collector()
        assert not gc.isenabled()
        startup.screen_drawn()
        assert gc.isenabled()
        startup.screen_drawn()  # drawn and closed: no harm
        assert gc.isenabled()
        startup.hold_collector()  # the next app's screen builds with the collector on
        assert gc.isenabled()
    finally:
        gc.enable()


def test_a_collector_that_was_off_stays_off(monkeypatch):
    import gc

    from essayplan import startup

    monkeypatch.setattr(startup, "_held", None)
    gc.disable()
    try:
        startup.hold_collector()
        startup.screen_drawn()
        assert not gc.isenabled()
    finally:
        gc.enable()
