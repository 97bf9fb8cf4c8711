"""`essayplan import` of a 40,000-line card against a 10,000-line card: linear, so ≤ 4.5×.

    .venv/bin/python tests/bench/bench_import.py              # goal ≤ 4.5× (4× the lines)
    .venv/bin/python tests/bench/bench_import.py --rounds 3

The cards are generated (benchlib.generated_card): numbered sections, sub-headings
ending in ":", lettered points with dates. Both sides run the `essayplan` script as
child processes, in alternating rounds; the parent times each from start to exit.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import benchlib

SMALL, BIG = 10_000, 40_000


def main() -> int:
    args = benchlib.parser(__doc__.splitlines()[0], rounds=5).parse_args()
    benchlib.scratch_home()
    work = Path(tempfile.mkdtemp(prefix="essayplan-bench-import-"))
    runs = {}
    for lines in (BIG, SMALL):
        card = work / f"card-{lines}.txt"
        card.write_text(benchlib.generated_card(lines), encoding="utf-8")
        out = work / f"pack-{lines}.toml"
        # import never replaces a file: the last round's pack is removed first (untimed).
        runs[lines] = benchlib.Runs(
            f"import {lines:,}-line card",
            [*benchlib.essayplan_command(), "import", str(card), "-o", str(out)],
            before=lambda out=out: out.unlink(missing_ok=True),
        )
    benchlib.alternate(runs[BIG], runs[SMALL], args.rounds, warmup=1)
    ok = benchlib.report(f"essayplan import, {BIG:,} lines against {SMALL:,}", runs[BIG], runs[SMALL], 4.5, args.rounds)
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
