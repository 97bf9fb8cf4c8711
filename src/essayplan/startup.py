"""Start-up objects out of the cyclic collector's way, once per process."""

from __future__ import annotations

import gc

_frozen = False


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
