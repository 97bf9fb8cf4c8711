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
import random, sys
from essayplan import ops
from essayplan.tui import app as app_module
from essayplan.tui import EssayPlanApp

app_module.AUTOSAVE_SECONDS = 0.02
rng = random.Random(int(sys.argv[1]))
app = EssayPlanApp(plan=sys.argv[2])
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
    print("ready", flush=True)
    while True:
        change()
        await pilot.pause(0.005)

app.run(headless=True, auto_pilot=auto, size=(120, 40))
"""

# save_plan in a tight loop with big plans: every field carries the round's
# number, so a file mixing two rounds would show.
SAVE_DRIVER = r"""
import sys
from dataclasses import replace
from essayplan.model import Paragraph, Plan, Ranked
from essayplan.plans import save_plan

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
    if round_ == 0:
        print("ready", flush=True)
    round_ += 1
"""


def spawn(code: str, *args: str, home: Path) -> subprocess.Popen:
    env = {**os.environ, "ESSAYPLAN_HOME": str(home), "TEXTUAL_ANIMATION": "none"}
    return subprocess.Popen(
        [sys.executable, "-c", code, *args],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, env=env, text=True,
    )  # fmt: skip


def wait_ready(process: subprocess.Popen) -> None:
    line = process.stdout.readline()
    if line.strip() != "ready":
        process.kill()
        _, err = process.communicate()
        pytest.fail(f"the driver did not start: {line!r}\n{err}")


def kill(process: subprocess.Popen) -> None:
    process.send_signal(signal.SIGKILL)
    process.communicate(timeout=30)
    assert process.returncode == -signal.SIGKILL, "the process ended before it was killed"


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
    for round_ in range(20):
        process = spawn(APP_DRIVER, str(round_), str(path), home=user_home)
        wait_ready(process)
        time.sleep(rng.uniform(0.0, 0.8))
        kill(process)
        plan = load_plan(path)  # whole, and it loads
        check_invariants(plan, pack)
        seen.add(plan)
        # The next round reopens what the kill left, beside any stray temporary file.
    assert len(seen) > 10, "the app barely changed the plan: the test would not catch a torn write"


def test_killing_save_plan_in_a_tight_loop_never_leaves_a_torn_file(tmp_path, user_home):
    rng = random.Random(11)
    path = tmp_path / "big-plan.toml"
    rounds = set()
    for _ in range(30):
        process = spawn(SAVE_DRIVER, str(path), home=user_home)
        wait_ready(process)
        time.sleep(rng.uniform(0.0, 0.6))  # a save takes ~0.1 s, twice that on a loaded machine
        kill(process)
        plan = load_plan(path)
        mark = plan.question
        assert mark.startswith("[round ")
        assert plan.introduction.startswith(mark) and plan.conclusion == plan.introduction
        assert all(r.reason == mark for r in plan.ranking) and len(plan.ranking) == 40
        assert all(p.point == mark and len(p.evidence) == 50 for p in plan.paragraphs)
        rounds.add(mark)
    assert len(rounds) > 3, "kills landed only on the first save: the loop is too slow to test anything"
