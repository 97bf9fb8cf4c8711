"""Gestures on the 2,000-card board: keys against Textual's own OptionList, a drag against the bundled pack.

    .venv/bin/python tests/bench/bench_gestures.py             # both; goals ≤ 1.3× (keys), ≤ 1.2× (drag)
    .venv/bin/python tests/bench/bench_gestures.py --only keys
    .venv/bin/python tests/bench/bench_gestures.py --only drag

keys: on the generated 40 × 50 pack, 200 cursor moves in the bank, 20 attaches
(key 1: the card under the cursor to the factor ranked first) and 20 undos
(ctrl+z), interleaved as a student works (6 down, 4 up, attach, undo; twenty
times), against 200 cursor moves (down) in an OptionList of 2,000 options.
drag: press on a card in the bank, 20 mouse moves across the board to the
ladder's first factor, release (the card is attached), on the 2,000-card pack
against the same on the bundled pack.

Each side runs headless under Pilot at 120×40 in its own process; the child times
only the gesture (from the first key or press to the screen being idle after
the last) and prints it. Rounds alternate ours and the baseline; medians.
"""

from __future__ import annotations

import sys

import benchlib

KEYS = """
import asyncio, sys, time
from essayplan.tui import EssayPlanApp
from essayplan.tui.board import Bank

async def main():
    app = EssayPlanApp(pack=sys.argv[1])
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        bank = app.query_one(Bank)
        bank.focus()  # a new plan starts on its question
        await pilot.pause()
        moves = 0
        with Timer() as timer:
            for _ in range(20):
                for key in ["down"] * 6 + ["up"] * 4:
                    await pilot.press(key)
                    moves += 1
                card = bank.current.key[1]
                await pilot.press("ctrl+a")  # attach to the factor ranked 1
                assert app.plan.uses(card), "the attach did not happen"
                await pilot.press("ctrl+z")
                assert not app.plan.uses(card), "the undo did not happen"
            await pilot.pause()
        assert moves == 200
        app.exit()
    print(timer)

asyncio.run(main())
"""

OPTIONS = """
import asyncio, time
from textual.app import App
from textual.widgets import Footer, OptionList

class Options(App):
    def compose(self):
        yield OptionList(*[f"Option {n}: a line of a realistic length for a card" for n in range(2000)])
        yield Footer()

async def main():
    app = Options()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        options = app.query_one(OptionList)
        options.focus()
        await pilot.pause()
        with Timer() as timer:
            for _ in range(200):
                await pilot.press("down")
            await pilot.pause()
        assert options.highlighted == 200, options.highlighted
        app.exit()
    print(timer)

asyncio.run(main())
"""

DRAG = """
import asyncio, sys, time
from textual.geometry import Offset
from essayplan.tui import EssayPlanApp
from essayplan.tui.board import Bank, Ladder

async def main():
    app = EssayPlanApp(pack=sys.argv[1])
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        bank, ladder = app.query_one(Bank), app.query_one(Ladder)
        card = next(e.key[1] for e in bank.entries if e.key[0] == "card" and not app.plan.uses(e.key[1]))
        first = app.plan.ranking[0].factor
        start = bank.region.offset + bank.offset_of(("card", card))
        end = ladder.region.offset + ladder.offset_of(("factor", first), 4)
        with Timer() as timer:
            await pilot.mouse_down(None, offset=start)
            for step in range(1, 21):  # across the board, from the card to the first rung
                x = start.x + (end.x - start.x) * step // 20
                y = start.y + (end.y - start.y) * step // 20
                await pilot.hover(None, offset=(x, y))
            await pilot.mouse_up(None, offset=end)
            await pilot.pause()
        assert card in app.plan.paragraph(first).evidence, "the drop did not attach the card"
        app.exit()
    print(timer)

asyncio.run(main())
"""


def main() -> int:
    p = benchlib.parser(__doc__.splitlines()[0], rounds=9)
    p.add_argument("--only", choices=("keys", "drag"))
    args = p.parse_args()
    benchlib.scratch_home()
    big = benchlib.user_big_pack()
    ok = True
    if args.only in (None, "keys"):
        ours = benchlib.Runs("200 moves + 20 attaches + 20 undos, 2,000 cards", [sys.executable, "-c", benchlib.TIMER + KEYS, big])
        base = benchlib.Runs("200 moves in an OptionList of 2,000", [sys.executable, "-c", benchlib.TIMER + OPTIONS])
        benchlib.alternate_reported(ours, base, args.rounds)
        ok &= benchlib.report("keys on the board", ours, base, 1.3, args.rounds)
    if args.only in (None, "drag"):
        ours = benchlib.Runs("drag on the 2,000-card pack", [sys.executable, "-c", benchlib.TIMER + DRAG, big])
        base = benchlib.Runs("drag on the bundled pack", [sys.executable, "-c", benchlib.TIMER + DRAG, str(benchlib.BUNDLED)])
        benchlib.alternate_reported(ours, base, args.rounds)
        ok &= benchlib.report("a drag across the board (press, 20 moves, release)", ours, base, 1.2, args.rounds)
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
