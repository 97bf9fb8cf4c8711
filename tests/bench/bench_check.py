"""`essayplan check` of 200 plans in one call against tomllib reading the same 200 files: ≤ 3×.

    .venv/bin/python tests/bench/bench_check.py     # goal ≤ 3×

The plans are full plans of the bundled pack (every field filled, every card
attached; benchlib.full_plan), each its own file, with different questions and
rankings so that the advice differs, and every sentence different from every
other plan's. Ours checks them all (the plan, its pack, the advice); the
baseline only parses them with tomllib. Both are child processes, in alternating
rounds; the parent times each from start to exit.
"""

from __future__ import annotations

import sys
import tempfile
from dataclasses import replace
from pathlib import Path

import benchlib

PLANS = 200
BARE = """
import sys, tomllib
for name in sys.argv[1:]:
    with open(name, "rb") as file:
        tomllib.load(file)
"""


def main() -> int:
    args = benchlib.parser(__doc__.splitlines()[0], rounds=9).parse_args()
    benchlib.scratch_home()
    from essayplan.packs import load_pack
    from essayplan.plans import save_plan

    pack = load_pack(benchlib.BUNDLED)
    full = benchlib.full_plan(pack)
    work = Path(tempfile.mkdtemp(prefix="essayplan-bench-check-"))
    files = []
    for n in range(PLANS):
        path = work / f"plan-{n:03}.toml"
        plan = replace(full, question=pack.questions[n % len(pack.questions)], ranking=_rotated(full.ranking, n))
        save_plan(_own_words(plan, n), path)
        files.append(str(path))

    ours = benchlib.Runs(f"essayplan check ({PLANS} plans)", [*benchlib.essayplan_command(), "check", *files])
    base = benchlib.Runs(f"tomllib reads the {PLANS} files", [sys.executable, "-c", BARE, *files])
    benchlib.alternate(ours, base, args.rounds, warmup=1)
    ok = benchlib.report(f"check of {PLANS} full plans", ours, base, 3.0, args.rounds)
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


def _own_words(plan, n: int):
    """Every sentence of plan n its own (no two students write the same), so nothing one
    plan's advice works out can serve another's."""

    def vary(text: str) -> str:
        return text.replace("loyal men", f"loyal men of cell {n}").replace("ranked here", f"ranked here by student {n}")

    return replace(
        plan,
        introduction=vary(plan.introduction),
        criteria=vary(plan.criteria),
        conclusion=vary(plan.conclusion),
        ranking=tuple(replace(r, reason=vary(r.reason)) for r in plan.ranking),
        paragraphs=tuple(
            replace(p, **{part: vary(getattr(p, part)) for part in ("point", "explain", "link", "counter")})
            for p in plan.paragraphs
        ),
    )


def _rotated(ranking: tuple, n: int) -> tuple:
    n %= len(ranking)
    return ranking[n:] + ranking[:n]


if __name__ == "__main__":
    sys.exit(main())
