"""Load test of `essayplan serve`: a class of simulated students at once on loopback.

Each student is a browser tab without the browser (textual-serve's websocket
protocol, tests/serve_harness.py): it opens the link, types a name, goes to the
ranking and writes a reason one key a second for a minute. Measured: time to the
first bytes and to the first screen, every change on disk (and how long after it
was typed), memory per app process, and whether the server still answers a new
page meanwhile. Not part of the test suite.

    .venv/bin/python tests/bench/bench_serve.py                # 30 students, 60 s
    .venv/bin/python tests/bench/bench_serve.py --students 5 --seconds 10
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]

from benchlib import scratch_home  # noqa: E402
from serve_harness import ENTER, Student, descendants, layout, running, wait_for  # noqa: E402

FIRST_SCREEN = 5000  # bytes: the name screen drawn (the first bytes are only the terminal's set-up)
LETTERS = "abcdefghijklmnopqrstuvwxyz"


def memory_kib(pid: int) -> tuple[int, int] | None:
    """(RSS, PSS) of one process in KiB; PSS shares the pages apps have in common fairly."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
        rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return None
    argv = cmdline.split(b"\0")
    if b"python" not in Path(argv[0].decode()).name.encode() or b"essayplan.tui.classroom" not in argv:
        return None  # the shell textual-serve starts the app with, or another process
    rss = next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:"))
    pss = next(int(line.split()[1]) for line in rollup.splitlines() if line.startswith("Pss:"))
    return rss, pss


class Pupil:
    def __init__(self, number: int, session, served, folder: Path, reason_line: tuple[int, int]) -> None:
        self.reason_line = reason_line
        self.name = f"Student {number:02d}"
        self.plan = folder / f"student-{number:02d}" / "stalin-rise.toml"
        self.tab = Student(session, served.websocket)
        self.typed = ""
        self.typed_at: list[float] = []  # when each letter was sent
        self.saved_at: dict[int, float] = {}  # letters on disk → when first seen there
        self.first_bytes = self.first_screen = None

    async def run(self, seconds: float) -> None:
        start = time.monotonic()
        await self.tab.open()
        await asyncio.wait_for(self.tab.first_frame.wait(), 120)
        self.first_bytes = time.monotonic() - start
        await wait_for(lambda: self.tab.received >= FIRST_SCREEN, 120)
        self.first_screen = time.monotonic() - start
        await self.tab.settled()
        mark = len(self.tab.screen)
        await self.tab.type(self.name + ENTER)
        await self.tab.sees("Ranking", since=mark)  # the board is drawn
        await self.tab.settled()
        # A click on the first factor's ✎ line opens its reason field, whatever had the cursor.
        await self.tab.click(*self.reason_line)
        await self.tab.settled()
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            letter = LETTERS[len(self.typed) % len(LETTERS)]
            self.typed += letter
            self.typed_at.append(time.monotonic())
            await self.tab.type(letter)
            await asyncio.sleep(1.0)

    def look(self) -> None:
        """Note when the file on disk first held each number of letters."""
        from essayplan.plans import load_plan

        try:
            reason = load_plan(self.plan).ranking[0].reason
        except Exception:
            return  # not there yet, or mid-replace (never: saves are atomic; counted below)
        if self.typed.startswith(reason):
            self.saved_at.setdefault(len(reason), time.monotonic())


async def class_of(count: int, seconds: float, folder: Path, served, reason_line: tuple[int, int]) -> dict:
    import aiohttp

    answers: list[float] = []
    stop = asyncio.Event()

    async def watch(pupils: list[Pupil]) -> None:
        while not stop.is_set():
            for pupil in pupils:
                pupil.look()
            await asyncio.sleep(0.5)

    async def still_answering() -> None:
        while not stop.is_set():
            began = time.monotonic()
            status = await asyncio.to_thread(lambda: urllib.request.urlopen(served.link, timeout=30).status)
            assert status == 200
            answers.append(time.monotonic() - began)
            await asyncio.sleep(2)

    memory: list[tuple[int, int]] = []

    async def sample_memory() -> None:
        await asyncio.sleep(seconds / 2 + 20)  # all apps running and working
        for pid in descendants(served.process.pid):
            found = memory_kib(pid)
            if found:
                memory.append(found)

    async with aiohttp.ClientSession() as session:
        pupils = [Pupil(n, session, served, folder, reason_line) for n in range(1, count + 1)]
        helpers = [asyncio.create_task(job) for job in (watch(pupils), still_answering(), sample_memory())]
        began = time.monotonic()
        await asyncio.gather(*(pupil.run(seconds) for pupil in pupils))
        await asyncio.sleep(3)  # the last autosave (a second after the last key)
        for pupil in pupils:
            pupil.look()
        stop.set()
        await asyncio.gather(*helpers, return_exceptions=True)
        status = urllib.request.urlopen(served.link, timeout=30).status
        for pupil in pupils:
            await pupil.tab.close()
    from essayplan.plans import load_plan

    lags = []
    for pupil in pupils:
        for letters, seen in pupil.saved_at.items():
            if letters:
                lags.append(seen - pupil.typed_at[letters - 1])
    return {
        "pupils": pupils,
        "wall": time.monotonic() - began,
        "changes": sum(len(p.typed) for p in pupils),
        "all_saved": sum(load_plan(p.plan).ranking[0].reason == p.typed for p in pupils),
        "lags": lags,
        "memory": memory,
        "answers": answers,
        "status": status,
    }


def main() -> int:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--students", type=int, default=30)
    options.add_argument("--seconds", type=float, default=60)
    args = options.parse_args()
    home = scratch_home()
    scratch = Path(tempfile.mkdtemp(prefix="essayplan-class-"))
    folder = scratch / "class"
    reason_line = layout((100, 30), scratch)["reason"]  # the harness's tabs are 100 × 30
    with running(folder, home=home, max_apps=max(40, args.students)) as served:
        result = asyncio.run(class_of(args.students, args.seconds, folder, served, reason_line))
    pupils, lags, memory = result["pupils"], sorted(result["lags"]), result["memory"]
    firsts = sorted(p.first_bytes for p in pupils)
    screens = sorted(p.first_screen for p in pupils)
    rss = [r / 1024 for r, _ in memory]
    pss = [p / 1024 for _, p in memory]

    def q(values, fraction):
        return values[min(len(values) - 1, int(fraction * len(values)))] if values else float("nan")

    print(f"{args.students} students for {args.seconds:g} s ({result['wall']:.0f} s in all)")
    print(f"first bytes:  median {statistics.median(firsts):.2f} s, max {max(firsts):.2f} s")
    print(f"first screen: median {statistics.median(screens):.2f} s, max {max(screens):.2f} s")
    print(f"changes typed: {result['changes']}; plans whose file holds every change at the end: {result['all_saved']}/{len(pupils)}")
    print(f"change on disk after: median {statistics.median(lags):.2f} s, p95 {q(lags, 0.95):.2f} s, max {max(lags):.2f} s ({len(lags)} seen)")
    print(f"memory per app ({len(memory)} apps): RSS median {statistics.median(rss):.1f} MiB, max {max(rss):.1f} MiB; "
          f"PSS median {statistics.median(pss):.1f} MiB; PSS total {sum(pss):.0f} MiB")  # fmt: skip
    print(f"a new page meanwhile: {len(result['answers'])} requests, median {statistics.median(result['answers']) * 1000:.0f} ms, "
          f"max {max(result['answers']) * 1000:.0f} ms; after: HTTP {result['status']}")  # fmt: skip
    for pupil in pupils:
        from essayplan.plans import load_plan

        on_disk = load_plan(pupil.plan).ranking[0].reason
        if on_disk != pupil.typed:
            evidence = [p.evidence for p in load_plan(pupil.plan).paragraphs]
            print(f"  {pupil.name}: typed {pupil.typed!r}, on disk {on_disk!r}; cards attached: {evidence}")
    ok = result["all_saved"] == len(pupils) and result["status"] == 200
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
