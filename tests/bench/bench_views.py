"""Views that grow with the plan: the Plan view with 40 factors, a plan naming 3,000 lost factors.

    .venv/bin/python tests/bench/bench_views.py                 # both; goals ≤ 1.5× each
    .venv/bin/python tests/bench/bench_views.py --only plan     # F3 with 40 factors against 3
    .venv/bin/python tests/bench/bench_views.py --only unknown  # 3,000 unknown factors against none

plan: a full plan (every field filled, 5 cards attached to each paragraph) of a
generated pack of 40 factors × 5 cards, against the same with 3 factors; the child
opens the board, then times F3 until the Plan view is drawn (Pilot, 120×40).
unknown: start-up to the first frame (as bench_startup.py) of a full plan of the
bundled pack that also ranks 3,000 factors, each with a paragraph, that the pack
no longer has, against the same plan without them.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import benchlib

F3 = """
import asyncio, sys
from essayplan.tui import EssayPlanApp

async def main():
    app = EssayPlanApp(plan=sys.argv[1])
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        with Timer() as timer:
            await pilot.press("f3")
            await pilot.pause()
        assert app.query_one("#plan").display and app.plan_screen.current == "plan"
        app.exit()
    print(timer)

asyncio.run(main())
"""

FIRST_FRAME = """
import sys
from essayplan.tui import EssayPlanApp

async def auto(pilot):
    await pilot.pause()
    pilot.app.exit()

EssayPlanApp(plan=sys.argv[1]).run(headless=True, auto_pilot=auto, size=(120, 40))
"""


def main() -> int:
    p = benchlib.parser(__doc__.splitlines()[0], rounds=9)
    p.add_argument("--only", choices=("plan", "unknown"))
    args = p.parse_args()
    benchlib.scratch_home()
    from essayplan.packs import load_pack
    from essayplan.plans import save_plan

    work = Path(tempfile.mkdtemp(prefix="essayplan-bench-views-"))
    ok = True
    if args.only in (None, "plan"):
        plans = {}
        for factors in (40, 3):
            folder = work / f"factors-{factors}"
            folder.mkdir()
            pack = load_pack(benchlib.big_pack(folder, factors=factors, cards=5, id=f"gen-{factors}"))
            plans[factors] = folder / "plan.toml"  # the pack beside it is found by id
            save_plan(benchlib.full_plan(pack), plans[factors])
        ours = benchlib.Runs("F3, a full plan of 40 factors", [sys.executable, "-c", benchlib.TIMER + F3, str(plans[40])])
        base = benchlib.Runs("F3, a full plan of 3 factors", [sys.executable, "-c", benchlib.TIMER + F3, str(plans[3])])
        benchlib.alternate_reported(ours, base, args.rounds)
        ok &= benchlib.report("opening the Plan view", ours, base, 1.5, args.rounds)
    if args.only in (None, "unknown"):
        pack = load_pack(benchlib.BUNDLED)
        lost, none = work / "lost.toml", work / "none.toml"
        save_plan(benchlib.plan_with_unknown(pack, 3000), lost)
        save_plan(benchlib.full_plan(pack), none)
        ours = benchlib.Runs("a full plan + 3,000 unknown factors", [sys.executable, "-c", FIRST_FRAME, str(lost)])
        base = benchlib.Runs("the same plan without them", [sys.executable, "-c", FIRST_FRAME, str(none)])
        benchlib.alternate(ours, base, args.rounds, warmup=1)
        ok &= benchlib.report("start-up to the first frame", ours, base, 1.5, args.rounds)
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
