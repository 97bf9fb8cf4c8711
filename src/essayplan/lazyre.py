"""Regular expressions compiled when first used, not at import.

Compiling a pattern is pure Python (re._parser, re._compiler) and the advice's modules hold
dozens: a command that imports them but uses a few (`essayplan export`, the app's start-up)
paid for all of them. A `Lazy` stands where a compiled pattern stood: the first use of one of
its methods compiles it (into re's own cache too) and keeps the compiled pattern's methods on
the instance, so later calls cost what they cost before.
"""

from __future__ import annotations

import functools
import re
from typing import Any


class Lazy:
    """re.compile(pattern, flags), done on first use."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = flags

    @functools.cached_property
    def compiled(self) -> re.Pattern[str]:
        return re.compile(self.pattern, self.flags)

    def __getattr__(self, name: str) -> Any:
        # Only names the instance lacks reach here: after the first, the compiled pattern's
        # bound method is an ordinary attribute of the instance.
        if name.startswith("__"):
            raise AttributeError(name)
        value = getattr(self.compiled, name)
        setattr(self, name, value)
        return value

    def __repr__(self) -> str:
        return f"Lazy({self.pattern!r}, {self.flags!r})"
