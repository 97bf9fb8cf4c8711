"""Run `essayplan serve` in a process for the tests and the load bench, and speak to it.

`running` starts a class server on a free loopback port and yields its link;
`Student` is a browser tab without the browser: textual-serve's websocket
protocol (["stdin", text], ["resize", {...}]) in, terminal bytes out.
"""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

KEY = "test-class-key-1"

# Keys as a terminal (xterm.js) sends them.
ENTER, DOWN, UP, TAB = "\r", "\x1b[B", "\x1b[A", "\t"
CTRL_S, CTRL_E = "\x13", "\x05"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Served:
    link: str
    port: int
    process: subprocess.Popen
    folder: Path
    output: list[str] = field(default_factory=list)

    @property
    def base(self) -> str:
        return f"http://localhost:{self.port}"

    @property
    def websocket(self) -> str:
        return self.link.replace("http://", "ws://") + "ws"

    def log(self) -> str:
        return "".join(self.output)


@contextmanager
def running(folder: Path, *, key: str = KEY, max_apps: int = 40, idle_minutes: float = 30, packs=("stalin-rise",), home: Path | None = None):
    """A class server in its own process, stopped (its apps saved) when the block ends."""
    port = free_port()
    env = dict(os.environ)
    if home is not None:
        env["ESSAYPLAN_HOME"] = str(home)
    env["COLUMNS"] = "200"  # the server's log lines unwrapped
    command = [sys.executable, "-m", "essayplan", "serve", str(folder), "--port", str(port), "--key", key,
               "--max", str(max_apps), "--idle", str(idle_minutes)]  # fmt: skip
    if packs:
        command += ["--pack", *packs]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    served = Served("", port, process, Path(folder))

    def drain() -> None:  # the log never fills the pipe (the server would stop answering)
        for line in process.stdout:
            served.output.append(line)

    threading.Thread(target=drain, daemon=True).start()
    try:
        deadline = time.monotonic() + 30
        while not served.link:
            lines = [line for line in list(served.output) if "students open:" in line]
            if lines:
                served.link = lines[0].split("students open:")[1].strip()
            elif process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the server did not start:\n{served.log()}")
            else:
                time.sleep(0.05)
        # The link is printed before the server listens: wait until it takes a connection.
        while not _listening(port):
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the server did not listen on {port}:\n{served.log()}")
            time.sleep(0.05)
        yield served
    finally:
        process.terminate()
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _listening(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False


def descendants(pid: int) -> list[int]:
    """Every process under `pid` (from /proc: no extra package)."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def layout(grid: tuple[int, int], tmp: Path) -> dict[str, tuple[int, int]]:
    """Where things are drawn on a new plan at this terminal size (the bank's card
    true-socialism, the first factor's line and its reason's): the same app at the same
    size, run here with Textual's Pilot (its layout is the same)."""
    from essayplan.classroom import Policy
    from essayplan.tui.board import Bank, Ladder
    from essayplan.tui.classroom import ClassroomApp

    repo = Path(__file__).resolve().parents[1]
    app = ClassroomApp(Policy(folder=tmp / "layout", packs=(repo / "factors" / "stalin-rise.toml",), homes=tmp / "layout-homes"))

    async def measure() -> dict[str, tuple[int, int]]:
        async with app.run_test(size=grid) as pilot:
            app.screen.query_one("#name").value = "layout"
            await pilot.press("enter")
            for _ in range(200):
                await pilot.pause(0.02)
                if app.session is not None and app.screen.query(Bank):
                    break
            await pilot.pause()
            bank, ladder = app.screen.query_one(Bank), app.screen.query_one(Ladder)
            places = {
                "card": bank.region.offset + bank.offset_of(("card", "true-socialism"), 3),
                "factor": ladder.region.offset + ladder.offset_of(("factor", "policies"), 6),
                "reason": ladder.region.offset + ladder.offset_of(("reason", "policies"), 6),
            }
            return {name: (offset.x, offset.y) for name, offset in places.items()}

    return asyncio.run(measure())


class Student:
    """One browser tab speaking textual-serve's websocket protocol."""

    def __init__(self, session, url: str, width: int = 100, height: int = 30) -> None:
        self.session, self.url, self.size = session, url, (width, height)
        self.ws = None
        self.received = 0  # bytes of screen
        self.screen = bytearray()  # all of them, to look for a word drawn
        self.closed = asyncio.Event()
        self.first_frame = asyncio.Event()
        self._reader = None

    async def open(self) -> None:
        width, height = self.size
        self.ws = await self.session.ws_connect(f"{self.url}?width={width}&height={height}")
        await self.ws.send_json(["resize", {"width": width, "height": height}])
        await self.ws.send_json(["focus"])  # as a browser does when its terminal takes the focus
        self._reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        import aiohttp

        async for message in self.ws:
            if message.type == aiohttp.WSMsgType.BINARY:
                self.received += len(message.data)
                self.screen += message.data
                self.first_frame.set()
        self.closed.set()

    async def settled(self, quiet: float = 0.5, timeout: float = 60.0) -> None:
        """Until the screen has been drawn and little more came for `quiet` seconds: a blinking
        cursor at most (the app waits for keys: keys sent before its first screen is up would
        reach no field)."""
        await asyncio.wait_for(self.first_frame.wait(), timeout)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            seen = self.received
            await asyncio.sleep(quiet)
            if self.received - seen < 1500 and seen > 2000:  # a blink is ~900 bytes
                return
        raise AssertionError("the screen never settled")

    async def sees(self, word: str, since: int = 0, timeout: float = 120.0) -> None:
        """Until `word` has been drawn (after the first `since` bytes)."""
        await wait_for(lambda: word.encode() in self.screen[since:], timeout)

    async def click(self, x: int, y: int) -> None:
        """A left click on a cell, as xterm.js sends it (SGR mouse: 1-based)."""
        await self.type(f"\x1b[<0;{x + 1};{y + 1}M\x1b[<0;{x + 1};{y + 1}m")

    async def press(self, text: str) -> None:
        """Send keys and wait for the screen's answer (a student looks before typing on)."""
        before = self.received
        await self.type(text)
        await wait_for(lambda: self.received > before, 60)
        await self.settled(quiet=0.3)

    async def type(self, text: str) -> None:
        await self.ws.send_json(["stdin", text])

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()
        if self._reader is not None:
            await self._reader


async def wait_for(condition, timeout: float = 20.0, step: float = 0.05) -> None:
    """Until `condition()` holds; AssertionError at the deadline."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting")
        await asyncio.sleep(step)
