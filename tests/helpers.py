"""Helpers shared by several test modules."""

from __future__ import annotations

from pathlib import Path


def expected_lines(path: Path) -> list[str]:
    """The `# expect: ` header of a broken file, with {path} filled in."""
    lines = []
    for raw in path.read_bytes().split(b"\n"):
        if not raw.startswith(b"# expect: "):
            break
        lines.append(raw.decode("utf-8").removeprefix("# expect: ").replace("{path}", str(path)))
    assert lines, f"{path.name} has no '# expect:' header"
    return lines


# A second essayplan process holding a plan's lock until a line comes on its stdin.
LOCK_HOLDER = r"""
import sys
from essayplan.session import open_session
session = open_session(sys.argv[1])
session.take_lock()
print("ready", flush=True)
sys.stdin.readline()
session.release_lock()
"""


class FakeClock:
    """A clock for typing_steps that moves only when told: tests pause without sleeping."""

    def __init__(self) -> None:
        self.time = 1000.0

    def __call__(self) -> float:
        return self.time

    def advance(self, seconds: float) -> None:
        self.time += seconds


async def wait_until(pilot, condition, timeout: float = 20.0, what: str = "the condition") -> None:
    """Let the app run until `condition()` holds; fail after `timeout` seconds (a slow machine, not a fixed sleep)."""
    import time

    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        await pilot.pause(0.02)
