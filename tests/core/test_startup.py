"""Start-up objects are kept out of the collector's way once per process."""

from __future__ import annotations


def test_start_up_objects_are_frozen_once_per_process(monkeypatch):
    import gc

    from essayplan import startup

    monkeypatch.setattr(startup, "_frozen", False)
    startup.freeze_once()
    frozen = gc.get_freeze_count()
    assert frozen > 0
    garbage = [[] for _ in range(1000)]  # a later freeze would keep these for good
    startup.freeze_once()
    assert gc.get_freeze_count() == frozen
    del garbage
