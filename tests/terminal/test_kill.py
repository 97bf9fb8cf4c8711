"""SIGKILL at random moments: the plan file is always whole and loads.

SIGKILL cannot be caught, so nothing in the app gets a chance to tidy up:
only the atomic write (temporary file, fsync, os.replace) keeps the file whole.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from essayplan.packs import load_pack
from essayplan.plans import load_plan
from paths import BUNDLED_PACK

BUNDLED = BUNDLED_PACK

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX only")

# The app, headless, making random changes as fast as it can; autosave runs
# every 20 ms instead of every second so kills often land inside a save.
APP_DRIVER = r"""
import os, random, sys
from essayplan import ops
from essayplan.tui import app as app_module
from essayplan.tui import EssayPlanApp

app_module.AUTOSAVE_SECONDS = 0.02
rng = random.Random(int(sys.argv[1]))
app = EssayPlanApp(plan=sys.argv[2])
save = app.save

def say(word):  # one write to the pipe: a kill never splits a line (Textual captures print)
    os.write(1, (word + "\n").encode())

def saved(quiet=True):  # each save says so: the test kills after a number of them
    done = save(quiet)
    say("saved")
    return done

app.save = saved
TEXT = "Stalin's “grey blur” \\ \"quoted\"\nline two — 1929 ✓ "

def change():
    plan, pack = app.plan, app.pack
    factor = rng.choice(pack.factors).id
    card = rng.choice([c for f in pack.factors for c in f.evidence]).id
    roll = rng.random()
    if roll < 0.2:
        app.run_op(ops.move_factor, factor, rng.randrange(len(plan.ranking)))
    elif roll < 0.45:
        app.run_op(ops.attach, pack, factor, card)
    elif roll < 0.6:
        used = [(p.factor, c) for p in plan.paragraphs for c in p.evidence]
        if used:
            app.run_op(ops.detach, *rng.choice(used))
    elif roll < 0.9:
        name = rng.choice(["point", "explain", "link", "counter", "reason"])
        app.edit_text(name, TEXT * rng.randrange(1, 400), factor)
        app.session.history.seal()
    else:
        app.action_undo()

async def auto(pilot):
    await pilot.pause()
    say("ready")
    while True:
        change()
        await pilot.pause(0.005)

app.run(headless=True, auto_pilot=auto, size=(120, 40))
"""

# save_plan in a tight loop with big plans: every field carries the round's
# number, so a file mixing two rounds would show. It says "saving" as each file is
# written, so that the kills land inside the write.
SAVE_DRIVER = r"""
import os, sys
from dataclasses import replace
from essayplan.model import Paragraph, Plan, Ranked
from essayplan.plans import save_plan

import essayplan.plans
write_atomic = essayplan.plans.write_atomic

def announced(path, data):  # said as the file is written: the test kills inside the write
    os.write(1, b"saving\n")  # one write: a kill never splits a line
    write_atomic(path, data)

essayplan.plans.write_atomic = announced
path = sys.argv[1]
factors = [f"factor-{i}" for i in range(40)]
round_ = 0
while True:
    mark = f"[round {round_}]"
    body = (mark + " Stalin's \"grey blur\" \\ — “quotes”\n") * 300
    plan = Plan(
        pack="big",
        question=mark,
        introduction=body,
        conclusion=body,
        ranking=tuple(Ranked(f, mark) for f in factors),
        paragraphs=tuple(
            Paragraph(f, point=mark, evidence=tuple(f"{f}-card-{j}" for j in range(50)), explain=body)
            for f in factors
        ),
    )
    save_plan(plan, path)
    os.write(1, b"ready\n" if round_ == 0 else b"saved\n")
    round_ += 1
"""


# One process imports the app once and forks a fresh driver for each round (a new Python
# per round spent ~0.3 s of CPU importing Textual). The fork is killed as a process started
# anew would be: SIGKILL, nothing tidied up. It says its pid, then how it ended.
FORKER = r"""
import os, sys
import essayplan.ops, essayplan.plans, essayplan.tui, essayplan.tui.app  # what every driver imports

driver = compile(sys.argv[1], "driver", "exec")
for line in sys.stdin:
    sys.stdout.flush()
    pid = os.fork()
    if pid == 0:
        sys.argv = ["driver", *line.split()]
        try:
            exec(driver, {"__name__": "__main__"})
        finally:
            os._exit(0)
    print("pid", pid, flush=True)
    print("exit", os.waitpid(pid, 0)[1], flush=True)
"""


class Drivers:
    """Rounds of a driver script, each in a fresh fork, killed at a random moment."""

    def __init__(self, code: str, home: Path, inside_saves: bool = False) -> None:
        self.inside_saves = inside_saves
        env = {**os.environ, "ESSAYPLAN_HOME": str(home), "TEXTUAL_ANIMATION": "none"}
        self.process = subprocess.Popen(
            [sys.executable, "-c", FORKER, code],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True,
        )  # fmt: skip
        self.pid = None
        self.gap = 0.05  # seconds between two saves (or a save's length), as last measured

    def __enter__(self) -> Drivers:
        return self

    def __exit__(self, *exc) -> None:
        self.process.stdin.close()
        if exc[0] is not None:
            self.process.kill()
        self.process.wait(30)

    def line(self) -> str:
        while True:
            line = self.process.stdout.readline()
            if not line:
                self.process.kill()
                pytest.fail(f"the driver stopped:\n{self.process.stderr.read()}")
            if line.startswith("pid "):
                self.pid = int(line.split()[1])
            else:
                return line.strip()

    def start(self, *args: str) -> None:
        self.pid = None
        self.process.stdin.write(" ".join(args) + "\n")
        self.process.stdin.flush()
        while (line := self.line()) == "saving":
            pass
        assert line == "ready", f"the driver did not start: {line!r}"

    def kill_at_random(self, rng: random.Random, saves: int) -> None:
        """Let the driver save `saves` more times (0: kill in its first round), then kill it at a
        random moment: of its next round of changes and save (the gap between two saves is about
        a round), or, for a driver that says "saving" as it starts to write, inside its next write.
        Counting saves, not seconds, puts the kills there however loaded the machine is."""
        started = time.monotonic()
        for _ in range(saves):
            while (line := self.line()) == "saving":
                started = time.monotonic()
            assert line == "saved", f"the driver stopped: {line!r}"
            now = time.monotonic()
            self.gap, started = now - started, now
        if self.inside_saves:
            assert self.line() == "saving"
        time.sleep(rng.uniform(0.0, self.gap))
        os.kill(self.pid, signal.SIGKILL)
        while (line := self.line()) in ("saved", "saving"):
            pass  # what it said before the kill
        status = int(line.removeprefix("exit "))
        assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, "the driver ended before it was killed"


def check_invariants(plan, pack) -> None:
    assert sorted(r.factor for r in plan.ranking) == sorted(f.id for f in pack.factors)
    for paragraph in plan.paragraphs:
        assert len(set(paragraph.evidence)) == len(paragraph.evidence)
        assert all(pack.evidence(card) is not None for card in paragraph.evidence)


def test_killing_the_app_at_random_moments_never_breaks_the_plan(tmp_path, user_home):
    rng = random.Random(7)
    pack = load_pack(BUNDLED)
    path = tmp_path / "plan.toml"
    seen = set()
    with Drivers(APP_DRIVER, user_home) as drivers:
        for round_ in range(20):
            drivers.start(str(round_), str(path))
            drivers.kill_at_random(rng, saves=rng.randrange(0, 6))
            plan = load_plan(path)  # whole, and it loads
            check_invariants(plan, pack)
            seen.add(plan)
            # The next round reopens what the kill left, beside any stray temporary file.
    assert len(seen) > 10, "the app barely changed the plan: the test would not catch a torn write"


def test_killing_save_plan_in_a_tight_loop_never_leaves_a_torn_file(tmp_path, user_home):
    rng = random.Random(11)
    path = tmp_path / "big-plan.toml"
    rounds = set()
    with Drivers(SAVE_DRIVER, user_home, inside_saves=True) as drivers:
        for _ in range(30):
            drivers.start(str(path))
            drivers.kill_at_random(rng, saves=rng.randrange(0, 4))  # on disk: round 0 to 4
            plan = load_plan(path)
            mark = plan.question
            assert mark.startswith("[round ")
            assert plan.introduction.startswith(mark) and plan.conclusion == plan.introduction
            assert all(r.reason == mark for r in plan.ranking) and len(plan.ranking) == 40
            assert all(p.point == mark and len(p.evidence) == 50 for p in plan.paragraphs)
            rounds.add(mark)
    assert len(rounds) > 3, "kills landed only on the first save: the loop is too slow to test anything"
