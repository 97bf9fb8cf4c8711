"""Short labels for hints, ghosts and one-line entries."""

from essayplan.names import short  # noqa: F401  (in the core: paragraph labels are cut the same way)
