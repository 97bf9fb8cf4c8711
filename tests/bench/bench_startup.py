"""Start-up to the first drawn frame: the board against a bare Textual app.

    .venv/bin/python tests/bench/bench_startup.py              # bundled pack, goals ≤ 1.10× time, ≤ 1.15× memory
    .venv/bin/python tests/bench/bench_startup.py --pack big   # 40 factors × 50 cards, goals ≤ 1.15× time, ≤ 1.15× memory

Both apps run headless at 120×40 in their own process with the same
auto-pilot, which exits after the first frame. The parent times each child
from start to exit; peak memory is the child's own ru_maxrss (os.wait4).
Then, in this process, the widgets mounted per drop and the time of one drag
move and one drop, big pack against the bundled one.
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import time

import benchlib

SIZE = (120, 40)
AUTO = """
async def auto(pilot):
    await pilot.pause()
    pilot.app.exit()
"""
OURS = AUTO + """
import sys
from essayplan.tui import EssayPlanApp
EssayPlanApp(pack=sys.argv[1]).run(headless=True, auto_pilot=auto, size=(120, 40))
"""
BARE = AUTO + """
from textual.app import App
from textual.widgets import Footer, Static

class Bare(App):
    def compose(self):
        yield Static("Hello")
        yield Footer()

Bare().run(headless=True, auto_pilot=auto, size=(120, 40))
"""


def main() -> int:
    p = benchlib.parser(__doc__.splitlines()[0])
    p.add_argument("--pack", choices=("bundled", "big"), default="bundled")
    args = p.parse_args()
    benchlib.scratch_home()
    # The big pack goes in the user's pack folder (found by id, as a student's own pack is).
    pack = str(benchlib.BUNDLED) if args.pack == "bundled" else benchlib.user_big_pack()
    goal_time, goal_memory = (1.10, 1.15) if args.pack == "bundled" else (1.15, 1.15)  # issue 18

    ours = benchlib.Runs(f"essayplan ({args.pack} pack)", [sys.executable, "-c", OURS, pack])
    base = benchlib.Runs("bare Textual app (Static + Footer)", [sys.executable, "-c", BARE])
    benchlib.alternate(ours, base, args.rounds)  # the first round creates the plan; the rest reopen it

    print(f"start-up to the first frame, {args.rounds} alternating rounds, medians ({args.pack} pack):")
    for runs in (ours, base):
        print(f"  {runs.name}: {benchlib.spread(runs.times)} s; peak RSS {runs.peak_mib:.1f} MiB")
    ok = benchlib.verdict("time", ours.time, base.time, goal_time)
    ok &= benchlib.verdict("memory", ours.peak_mib, base.peak_mib, goal_memory, "MiB")

    print("responsiveness (in this process, Pilot at 120×40; medians of 9):")
    small = asyncio.run(responsiveness(str(benchlib.BUNDLED)))
    big = asyncio.run(responsiveness(pack)) if args.pack == "big" else None
    for name, figures in (("bundled", small), ("big", big)):
        if figures is None:
            continue
        print(
            f"  {name:<8} drag move {figures['move'] * 1000:6.1f} ms   drop {figures['drop'] * 1000:6.1f} ms   "
            f"scroll {figures['scroll'] * 1000:6.1f} ms   widgets mounted per drop: {figures['mounts']}  "
            f"(board: {figures['widgets']} widgets)"
        )
    if big is not None:
        print(f"  big/bundled: drag move {big['move'] / small['move']:.2f}×, drop {big['drop'] / small['drop']:.2f}×")
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


async def responsiveness(pack: str) -> dict:
    """Mounts per drop, and the time of a drag move, a drop and a scroll step."""
    from essayplan.tui import EssayPlanApp
    from essayplan.tui.board import Bank, Ladder
    from essayplan.tui.drag import Payload, Place
    from essayplan.tui.messages import Drop

    app = EssayPlanApp(pack=pack)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        widgets = len(list(app.screen.walk_children()))
        bank, ladder = app.query_one(Bank), app.query_one(Ladder)
        cards = [e.key[1] for e in bank.entries if e.key[0] == "card"][:9]
        first, last = app.plan.ranking[0].factor, app.plan.ranking[-1].factor

        # Drag move: press on a card, pass the threshold, then sway between two rungs.
        start = bank.offset_of(("card", cards[0]))
        await pilot.mouse_down(bank, offset=start)
        await pilot.hover(bank, offset=start + (4, 1))
        rungs = [ladder.offset_of(("factor", r.factor), 4) for r in app.plan.ranking[:2]]
        moves = []
        for index in range(9):
            begin = time.perf_counter()
            await pilot.hover(ladder, offset=rungs[index % 2])
            moves.append(time.perf_counter() - begin)
        await pilot.press("escape")
        await pilot.mouse_up(ladder, offset=rungs[0])
        await pilot.pause()

        # Drops: attach a card to the first factor, then re-rank it; count what mounts.
        drops, per_drop = [], []
        for card in cards:
            for payload, place in (
                (Payload("card", "card", evidence=card), Place("paragraph", "", factor=first)),
                (Payload("factor", "factor", factor=last), Place("rank", "", position=0)),
            ):
                before = set(app.screen.walk_children())
                begin = time.perf_counter()
                app.screen.post_message(Drop(payload, place))  # as a drag's end posts it
                await pilot.pause()
                drops.append(time.perf_counter() - begin)
                # Widgets on the screen now that were not before the drop: what it mounted.
                per_drop.append(sum(1 for w in app.screen.walk_children() if w not in before))
                first, last = last, app.plan.ranking[-1].factor

        scrolls = []
        for _ in range(9):
            begin = time.perf_counter()
            bank.scroll_relative(y=3, animate=False)
            await pilot.pause()
            scrolls.append(time.perf_counter() - begin)
        app.exit()
    return {
        "move": statistics.median(moves),
        "drop": statistics.median(drops),
        "scroll": statistics.median(scrolls),
        "mounts": f"median {statistics.median(per_drop):g}, max {max(per_drop)}",
        "widgets": widgets,
    }


if __name__ == "__main__":
    sys.exit(main())
