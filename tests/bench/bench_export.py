"""`essayplan export` of a full plan against python-docx opening the same template and saving it.

    .venv/bin/python tests/bench/bench_export.py     # goal ≤ 1.15× (issue 18)

The plan fills every field and attaches every card of the bundled pack. Both
sides run as child processes, in alternating rounds; the parent times each
from start to exit.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import benchlib

BARE = """
import sys
import docx
docx.Document(sys.argv[1]).save(sys.argv[2])
"""


def main() -> int:
    args = benchlib.parser(__doc__.splitlines()[0]).parse_args()
    benchlib.scratch_home()
    from essayplan.packs import load_pack
    from essayplan.plans import save_plan

    work = Path(tempfile.mkdtemp(prefix="essayplan-bench-export-"))
    plan = work / "full-plan.toml"
    save_plan(benchlib.full_plan(load_pack(benchlib.BUNDLED)), plan)

    ours = benchlib.Runs(
        "essayplan export (full plan)",
        [*benchlib.essayplan_command(), "export", str(plan), "-o", str(work / "ours.docx"), "--force"],
    )
    base = benchlib.Runs(
        "python-docx: open templates/plan.docx, save",
        [sys.executable, "-c", BARE, str(benchlib.TEMPLATE), str(work / "bare.docx")],
    )
    benchlib.alternate(ours, base, args.rounds)

    print(f"export, {args.rounds} alternating rounds, medians:")
    for runs in (ours, base):
        print(f"  {runs.name}: {benchlib.spread(runs.times)} s; peak RSS {runs.peak_mib:.1f} MiB")
    size = (work / "ours.docx").stat().st_size
    print(f"  (the export is {size / 1024:.0f} KiB)")
    ok = benchlib.verdict("time", ours.time, base.time, 1.15)
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
