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
