"""A seeded monkey: thousands of random keys, clicks and drags through Pilot.

After every action the plan's invariants hold; the app never crashes; and at
the end, undoing everything gives back the plan we started with (and redoing
everything gives back where the monkey left it). A failure prints the seed
and the last actions, so it replays exactly.

MONKEY_STEPS=5000 in the environment runs a longer monkey.
"""

from __future__ import annotations

import os
import random
from collections import deque
from dataclasses import replace
from pathlib import Path

import pytest

from essayplan.plans import load_plan
from essayplan.tui import EssayPlanApp
from essayplan.tui.bars import KeyBar
from essayplan.tui.board import Ladder

STEPS = int(os.environ.get("MONKEY_STEPS", "250"))  # 8 seeds: 2,000 actions in CI, in shorter runs that share the cores

# Every key the app or its widgets bind, and some they do not. Left out: ctrl+q
# (quits), ctrl+e (exports to a file), ctrl+p (the palette can quit or export).
KEYS = (
    ["tab", "shift+tab", "up", "down", "left", "right", "enter", "space", "escape"] * 4
    + ["ctrl+up", "ctrl+down", "shift+up", "shift+down", "a", "d", "delete", "backspace"] * 2
    + ["ctrl+z"] * 3 + ["ctrl+y"] * 2
    + ["1", "2", "3", "4", "9", "f1", "question_mark", "f2", "f3", "f4", "ctrl+s", "home", "end",
       "pageup", "pagedown", "ctrl+n", "ctrl+o", "ctrl+l", "ctrl+t", "ctrl+g", "q"]
)  # fmt: skip
TYPED = list("abcxyz AZ019.,'\"\\-é—✓") + ["enter"]


def check_invariants(app) -> None:
    plan, pack = app.plan, app.pack
    factors = sorted(f.id for f in pack.factors)
    assert sorted(r.factor for r in plan.ranking) == factors, "the ranking is not a permutation of the factors"
    assert sorted(p.factor for p in plan.paragraphs) == factors, "paragraphs do not match the factors"
    for paragraph in plan.paragraphs:
        assert len(set(paragraph.evidence)) == len(paragraph.evidence), f"a card is attached twice: {paragraph}"
        assert all(pack.evidence(card) for card in paragraph.evidence), f"unknown card in {paragraph}"


def check_ladder(app) -> None:
    """The ladder on screen is in ranking order."""
    ladder = app.query_one(Ladder)
    assert [e.key[1] for e in ladder.entries if e.key[0] == "factor"] == [r.factor for r in app.plan.ranking]


# Keys a student can click in the key bar, but not in a test: they quit, export, or open the palette.
FORBIDDEN_KEYS = {"ctrl+q", "ctrl+e", "ctrl+p"}


def visible_widgets(app) -> list:
    screen = app.screen
    area = screen.region
    return [
        w
        for w in screen.walk_children()
        if w.display and w.region.area and area.overlaps(w.region)
    ]


def forbidden(app, x: int, y: int) -> bool:
    widget, region = app.get_widget_at(x, y)
    return isinstance(widget, KeyBar) and widget.part_at(x - region.x) in FORBIDDEN_KEYS


def point_in(rng: random.Random, app, widget=None) -> tuple[int, int]:
    """A random screen point, inside `widget`'s visible part when given."""
    width, height = app.size
    if widget is not None:
        region = widget.region.intersection(app.screen.region)
        if region.area:
            return rng.randrange(region.x, region.right), rng.randrange(region.y, region.bottom)
    return rng.randrange(width), rng.randrange(height)


async def act(pilot, rng: random.Random, log: deque) -> None:
    app = pilot.app
    roll = rng.random()
    if len(app.screen_stack) > 1 and roll < 0.25:
        log.append("escape (leave the modal)")
        await pilot.press("escape")
    elif roll < 0.5:
        key = rng.choice(KEYS)
        log.append(f"press {key}")
        await pilot.press(key)
    elif roll < 0.65:
        key = rng.choice(TYPED)
        log.append(f"type {key!r}")
        await pilot.press(key)
    elif roll < 0.8:
        widgets = visible_widgets(app)
        if not widgets:
            return
        widget = rng.choice(widgets)
        x, y = point_in(rng, app, widget)
        if forbidden(app, x, y):
            return
        log.append(f"click {x},{y} on {widget!r}")
        await pilot.click(offset=(x, y))
    else:
        widgets = visible_widgets(app)
        if not widgets:
            return
        source, target = rng.choice(widgets), rng.choice(widgets)
        start = point_in(rng, app, source)
        end = point_in(rng, app, target)
        width, height = app.size
        past = (min(max(start[0] + rng.choice((-3, 3)), 0), width - 1), min(start[1] + rng.choice((0, 1)), height - 1))
        if any(forbidden(app, *p) for p in (start, past, end)):
            return
        cancel = rng.random() < 0.1
        log.append(f"drag {start} -> {past} -> {end} from {source!r} to {target!r}{' (cancelled)' if cancel else ''}")
        await pilot.mouse_down(offset=start)
        await pilot.hover(offset=past)
        await pilot.hover(offset=end)
        if cancel:
            await pilot.press("escape")
        await pilot.mouse_up(offset=end)


async def run_monkey(seed: int, size: tuple[int, int], plan_path: Path, steps: int = STEPS) -> None:
    rng = random.Random(seed)
    log: deque[str] = deque(maxlen=15)
    app = EssayPlanApp(plan=plan_path)
    try:
        async with app.run_test(size=size) as pilot:
            start = app.plan
            await pilot.pause()
            for step in range(steps):
                await act(pilot, rng, log)
                assert app.is_running, "the app quit"
                check_invariants(app)
                if step % 25 == 0 and len(app.screen_stack) == 1:
                    await pilot.pause()
                    check_ladder(app)
            # Back to the board with no drag or modal in the way; redo what the
            # monkey left undone, so `end` is the newest plan; then undo everything.
            while len(app.screen_stack) > 1:
                await pilot.press("escape")
            await pilot.press("escape")
            while app.session.history.can_redo:
                await pilot.press("ctrl+y")
            end = app.plan
            undos = 0
            while app.session.history.can_undo:
                await pilot.press("ctrl+z")
                undos += 1
                assert undos <= steps, "undo never ends"
            check_invariants(app)
            assert app.plan == start, "undoing everything does not give back the starting plan"
            while app.session.history.can_redo:
                await pilot.press("ctrl+y")
            assert app.plan == end, "redoing everything does not give back the last plan"

            # What is saved is what is shown.
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert replace(load_plan(plan_path), modified=end.modified) == end
    except BaseException as error:
        trail = "\n  ".join(log)
        raise AssertionError(f"monkey seed={seed} size={size}: {error!r}\nlast actions:\n  {trail}") from error


@pytest.mark.parametrize(
    ("seed", "size"),
    [(seed, (80, 24)) for seed in (1, 2, 5, 6)] + [(seed, (120, 40)) for seed in (3, 4, 7, 8)],
    ids=lambda value: f"{value[0]}x{value[1]}" if isinstance(value, tuple) else f"seed{value}",
)
async def test_monkey(seed, size, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # anything the app writes beside "here" stays in tmp
    # Pilot waits for the app to go idle in slices of 20 ms (textual._wait): a slice in which
    # the process used under 5% of it is idle. Slices of 5 ms with the same 5% do for the monkey
    # (its actions are random, its invariants hold whenever the app stops) and wait 4 times less.
    # Not for the other tests: some assert right after one pause, and 20 ms is what they had.
    from textual import _wait

    monkeypatch.setattr(_wait, "SLEEP_GRANULARITY", 0.005)
    monkeypatch.setattr(_wait, "SLEEP_IDLE", 0.005 / 20)
    await run_monkey(seed, size, tmp_path / "plan.toml")


# -- what the monkey found ------------------------------------------------------
# AdviceView.go_to once crashed (NoMatches: PlanView) before the Plan view was built.


async def test_following_advice_before_the_plan_view_was_opened_does_not_crash(tmp_path):
    from textual.widgets import ContentSwitcher

    app = EssayPlanApp(plan=tmp_path / "plan.toml")
    async with app.run_test(size=(120, 40)) as pilot:
        # With a question, the first piece of advice is a part of the plan (without one, it is the question).
        app.run_op(__import__("essayplan.ops", fromlist=["set_question"]).set_question, "Why did Stalin win by 1929?")
        await pilot.press("f4")  # the Check view: its advice list has the focus
        await pilot.press("enter")  # follow the first piece of advice
        await pilot.pause()
        assert app.is_running
        assert app.query_one(ContentSwitcher).current == "plan"
