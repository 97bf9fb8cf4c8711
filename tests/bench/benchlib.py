"""Shared pieces of the benchmark scripts: generated packs, full plans, and
side-by-side timing of child processes in alternating rounds.

Times are wall-clock seconds measured by the parent around each child
(process start to exit); memory is the child's own peak RSS from os.wait4's
rusage (ru_maxrss, KiB on Linux), so children never blur together.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
BUNDLED = REPO / "factors" / "stalin-rise.toml"
TEMPLATE = REPO / "templates" / "plan.docx"
LONG = "Stalin used the General Secretary's power of appointment — “the grey blur” — to fill the Party with loyal men. " * 4


def parser(description: str, rounds: int = 15) -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=description)
    p.add_argument("--rounds", type=int, default=rounds, help=f"rounds of each (default {rounds})")
    return p


def byte_compile() -> None:
    """Compile essayplan's modules as `pip install` does, so both sides start from bytecode.

    Textual's modules in site-packages were compiled at install time; ours, in an
    editable install, are compiled on first import, and never cached where
    PYTHONDONTWRITEBYTECODE is set (as on our CI machines), which would charge
    every start-up ~20 ms of compiling to our side only.
    """
    import compileall

    compileall.compile_dir(REPO / "src" / "essayplan", quiet=1)


def essayplan_command() -> list[str]:
    """The `essayplan` command as a student runs it: the script pip installs (else python -m)."""
    script = Path(sys.executable).parent / "essayplan"
    return [sys.executable, str(script)] if script.is_file() else [sys.executable, "-m", "essayplan"]


def scratch_home() -> Path:
    """A fresh ESSAYPLAN_HOME, so a benchmark never touches the user's folders."""
    byte_compile()
    home = Path(tempfile.mkdtemp(prefix="essayplan-bench-"))
    os.environ["ESSAYPLAN_HOME"] = str(home)
    os.environ.setdefault("TEXTUAL_ANIMATION", "none")
    return home


def big_pack(folder: Path, factors: int = 40, cards: int = 50, id: str = "big") -> Path:
    """Write a generated pack of factors × cards (2,000 by default) and return its path."""
    from essayplan.model import Evidence, Factor, Pack
    from essayplan.packs import save_pack

    pack = Pack(
        id=id,
        title=f"Generated pack: {factors} factors × {cards} cards",
        subject="History",
        questions=("How far was factor 1 the main reason?",),
        factors=tuple(
            Factor(
                id=f"factor-{f}",
                title=f"Factor {f}: a cause with a title of a realistic length",
                summary="What this factor is about, in a sentence a student can read.",
                evidence=tuple(
                    Evidence(
                        id=f"f{f}-card-{c}",
                        text=f"Card {c} of factor {f}: " + LONG[: 60 + (c * 7) % 120],
                        group=f"Group {c // 10}",
                        date=str(1917 + c % 13),
                    )
                    for c in range(cards)
                ),
            )
            for f in range(factors)
        ),
    )
    path = Path(folder) / f"{id}.toml"
    save_pack(pack, path)
    return path


def user_big_pack() -> str:
    """The generated pack, saved in the user's pack folder; returns its id."""
    from essayplan import paths

    folder = paths.user_packs()
    folder.mkdir(parents=True, exist_ok=True)
    big_pack(folder)
    return "big"


def full_plan(pack):
    """Every text filled, every card attached to its own factor's paragraph."""
    from essayplan import ops

    plan = ops.set_question(ops.new_plan(pack), pack.questions[0] if pack.questions else "Why?")
    for name in ("introduction", "criteria", "conclusion"):
        plan = ops.set_text(plan, name, f"{name}: {LONG}\nA second line.")
    for factor in pack.factors:
        plan = ops.set_text(plan, "reason", f"{factor.title} ranked here because {LONG[:80]}", factor.id)
        for part in ("point", "explain", "link", "counter"):
            plan = ops.set_text(plan, part, f"{part} for {factor.id}: {LONG}", factor.id)
        for card in factor.evidence:
            plan = ops.attach(plan, pack, factor.id, card.id)
    return plan


@dataclass
class Runs:
    name: str
    argv: list[str]
    times: list[float] = field(default_factory=list)
    peaks_kib: list[int] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)  # CPU seconds, when the child reports them
    before: object = None  # called before each run, untimed (e.g. to remove the last run's output)

    @property
    def time(self) -> float:
        return statistics.median(self.times)

    @property
    def peak_mib(self) -> float:
        return statistics.median(self.peaks_kib) / 1024


def run_child(argv: list[str], env: dict[str, str] | None = None) -> tuple[float, int]:
    """(wall seconds, peak RSS KiB) of one child; fails loudly if it fails."""
    start = time.perf_counter()
    child = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, env=env)
    _pid, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    out, err = child.stdout.read(), child.stderr.read()
    if child.returncode != 0:
        sys.exit(f"{' '.join(argv)} failed ({child.returncode}):\n{out.decode()}\n{err.decode()}")
    return elapsed, usage.ru_maxrss


def alternate(ours: Runs, base: Runs, rounds: int, warmup: int = 2) -> None:
    """Run both in alternating order (ours first on even rounds) so drift hits both."""
    for round_ in range(warmup + rounds):
        pair = (ours, base) if round_ % 2 == 0 else (base, ours)
        for runs in pair:
            if runs.before is not None:
                runs.before()
            elapsed, peak = run_child(runs.argv)
            if round_ >= warmup:
                runs.times.append(elapsed)
                runs.peaks_kib.append(peak)


def verdict(label: str, ours: float, base: float, goal: float, unit: str = "s") -> bool:
    ratio = ours / base
    ok = ratio <= goal
    print(f"  {label:<8} ours {ours:8.3f} {unit:<3}  baseline {base:8.3f} {unit:<3}  ratio {ratio:5.2f}×  goal ≤ {goal}×  {'PASS' if ok else 'FAIL'}")
    return ok


def spread(values: list[float]) -> str:
    return f"min {min(values):.3f} / median {statistics.median(values):.3f} / max {max(values):.3f}"


# -- Gestures and views: the child measures itself ------------------------------
#
# For a gesture inside a running app, the start-up would drown the figure: the child
# times only the gesture (perf_counter around it) and prints the seconds on its last
# line of output. Each round is still a fresh process, ours and the baseline alternating.


def run_reported(argv: list[str]) -> tuple[float, float]:
    """(wall, CPU) seconds a child reports on its last line of output; it fails loudly if it fails."""
    child = subprocess.run(argv, capture_output=True, stdin=subprocess.DEVNULL, text=True)
    if child.returncode != 0:
        sys.exit(f"{' '.join(argv)} failed ({child.returncode}):\n{child.stdout}\n{child.stderr}")
    wall, cpu = child.stdout.strip().splitlines()[-1].split()
    return float(wall), float(cpu)


# The child's last line: wall and CPU seconds of what it timed.
TIMER = """
import time
class Timer:
    def __enter__(self):
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        return self
    def __exit__(self, *exc):
        self.wall, self.cpu = time.perf_counter() - self.wall, time.process_time() - self.cpu
    def __str__(self):
        return f"{self.wall} {self.cpu}"
"""


def alternate_reported(ours: Runs, base: Runs, rounds: int, warmup: int = 1) -> None:
    """`alternate` for children that time themselves (see run_reported)."""
    for round_ in range(warmup + rounds):
        pair = (ours, base) if round_ % 2 == 0 else (base, ours)
        for runs in pair:
            wall, cpu = run_reported(runs.argv)
            if round_ >= warmup:
                runs.times.append(wall)
                runs.cpu.append(cpu)


def report(title: str, ours: Runs, base: Runs, goal: float, rounds: int, label: str = "time") -> bool:
    print(f"{title}, {rounds} alternating rounds, medians:")
    for runs in (ours, base):
        cpu = f"; CPU median {statistics.median(runs.cpu):.3f} s" if runs.cpu else ""
        print(f"  {runs.name}: {spread(runs.times)} s{cpu}")
    if ours.cpu and base.cpu:
        print(f"  (CPU ratio {statistics.median(ours.cpu) / statistics.median(base.cpu):.2f}×, for information: the goal is on wall time)")
    return verdict(label, ours.time, base.time, goal)


def generated_card(lines: int) -> str:
    """A revision card of about `lines` lines, laid out like tests/cards/tsar-time-organised.txt:
    a section heading every 51 lines, four sub-headings ending in ":", eleven points under each,
    with dates."""
    out = ["Causes of a very long war", "Created by: Bench", ""]
    section = 0
    while len(out) < lines:
        section += 1
        out += [f"Cause number {section}", ""]
        for group in range(1, 5):
            out.append(f"Aspect {group} of cause {section}:")
            for point in range(11):
                year = 1900 + (section * 7 + point) % 120
                out.append(f"- Point {point} on aspect {group} of cause {section} happened in {year} and mattered")
        out.append("")
    return "\n".join(out[:lines]) + "\n"


def plan_with_unknown(pack, unknown: int):
    """A full plan of `pack` that also ranks `unknown` factors (with paragraphs) the pack does not have."""
    from dataclasses import replace

    from essayplan.model import Paragraph, Ranked

    plan = full_plan(pack)
    gone = [f"gone-factor-{n}" for n in range(unknown)]
    return replace(
        plan,
        ranking=plan.ranking + tuple(Ranked(f, f"reason for {f}") for f in gone),
        paragraphs=plan.paragraphs + tuple(Paragraph(f, point=f"point on {f}", evidence=(f"gone-card-{f}",)) for f in gone),
    )
