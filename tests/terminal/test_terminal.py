"""The app in a real terminal: tmux runs it, SGR mouse sequences drag a card."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from essayplan.plans import load_plan

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


class Terminal:
    def __init__(self, home: Path, width: int = 80, height: int = 24) -> None:
        self.socket = f"essayplan-test-{os.getpid()}"
        env = f"ESSAYPLAN_HOME={home} TEXTUAL_ANIMATION=none"
        command = f"env {env} {sys.executable} -m essayplan"
        self.tmux("new-session", "-d", "-s", "t", "-x", str(width), "-y", str(height), command)

    def tmux(self, *args: str) -> str:
        done = subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True, text=True, timeout=20)
        return done.stdout

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "t")

    def wait_for(self, text: str, seconds: float = 20) -> str:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.2)
        raise AssertionError(f"{text!r} never appeared on screen:\n{self.screen()}")

    def find(self, text: str) -> tuple[int, int]:
        """1-based column and row of text on screen, as mouse sequences count."""
        for row, line in enumerate(self.screen().splitlines(), start=1):
            if text in line:
                return line.index(text) + 1, row
        raise AssertionError(f"{text!r} is not on screen:\n{self.screen()}")

    def send(self, raw: str) -> None:
        self.tmux("send-keys", "-t", "t", "-l", raw)
        time.sleep(0.15)

    def drag(self, start: tuple[int, int], end: tuple[int, int]) -> None:
        (x0, y0), (x1, y1) = start, end
        self.send(f"\x1b[<0;{x0};{y0}M")  # press
        self.send(f"\x1b[<32;{x0 + 3};{y0 + 1}M")  # move with the button held
        self.send(f"\x1b[<32;{x1};{y1}M")
        self.send(f"\x1b[<0;{x1};{y1}m")  # release

    def wait_until_closed(self, seconds: float = 15) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            if subprocess.run(["tmux", "-L", self.socket, "has-session", "-t", "t"], capture_output=True).returncode:
                return
            time.sleep(0.2)
        raise AssertionError(f"the app did not quit:\n{self.screen()}")

    def close(self) -> None:
        self.tmux("kill-server")


@pytest.fixture
def terminal(user_home):
    term = Terminal(user_home)
    try:
        term.wait_for("Evidence bank")
        yield term
    finally:
        term.close()


def test_drag_a_card_and_rerank_with_the_mouse(terminal, user_home):
    card = terminal.find("December 1924  Stalin first")
    target = terminal.find("Weakness of the opposition")
    mid_drag_target = (target[0] + 4, target[1] + 1)
    terminal.drag(card, mid_drag_target)
    terminal.wait_for("✓ used in ¶2")

    first = terminal.find("1 ⠿")
    third = terminal.find("3 ⠿")
    terminal.drag((third[0] + 4, third[1]), (first[0] + 4, first[1]))
    terminal.wait_for("1 ⠿ Stalin's personality")

    terminal.send("\x11")  # ctrl+q saves and quits
    terminal.wait_until_closed()
    plan = load_plan(user_home / "data" / "plans" / "stalin-rise.toml")
    assert plan.paragraph("opposition").evidence == ("socialism-in-one-country",)
    assert [r.factor for r in plan.ranking] == ["personality", "policies", "opposition", "legacy"]


def test_fast_typing_in_a_reason_keeps_every_letter(terminal, user_home):
    x, y = terminal.find("Why this rank?")
    terminal.send(f"\x1b[<0;{x + 2};{y}M")
    terminal.send(f"\x1b[<0;{x + 2};{y}m")  # a click in the first reason
    terminal.send("Trotsky misjudged Stalin")  # one burst, as fast as a paste
    time.sleep(0.5)
    terminal.send(" again")
    terminal.wait_for("Trotsky misjudged Stalin again")
    terminal.send("\x11")
    terminal.wait_until_closed()
    plan = load_plan(user_home / "data" / "plans" / "stalin-rise.toml")
    assert plan.ranking[0].reason == "Trotsky misjudged Stalin again"


def test_typing_at_once_on_a_factors_line_keeps_every_letter_and_space(terminal, user_home):
    x, y = terminal.find("2 ⠿")
    terminal.send(f"\x1b[<0;{x + 4};{y}M")
    terminal.send(f"\x1b[<0;{x + 4};{y}m")  # select the factor ranked 2
    time.sleep(0.3)
    # One burst: the first letter opens the reason's field, the rest arrive before it has the focus.
    terminal.send("Trotsky was arrogant and never built support")
    terminal.wait_for("built support")
    terminal.send("\r\x11")  # Enter closes the field; ctrl+q saves and quits
    terminal.wait_until_closed()
    plan = load_plan(user_home / "data" / "plans" / "stalin-rise.toml")
    assert plan.ranking[1].reason == "Trotsky was arrogant and never built support"
    assert [r.factor for r in plan.ranking] == ["policies", "opposition", "personality", "legacy"]  # space did not lift it


def test_ctrl_q_right_after_typing_a_reason_keeps_it(user_home):
    # ctrl+q jumps ahead of the keys still waiting in the widgets: the app lets them land first.
    for attempt in range(4):
        term = Terminal(user_home)
        try:
            term.wait_for("Evidence bank")
            x, y = term.find(f"{attempt % 3 + 1} ⠿")
            term.tmux("send-keys", "-t", "t", "-l", f"\x1b[<0;{x + 4};{y}M\x1b[<0;{x + 4};{y}m")
            time.sleep(0.3)
            term.tmux("send-keys", "-t", "t", "-l", f"Zinoviev too {attempt}.\x11")  # one burst, then quit
            term.wait_until_closed()
        finally:
            term.close()
        plan = load_plan(user_home / "data" / "plans" / "stalin-rise.toml")
        assert plan.ranking[attempt % 3].reason.endswith(f"Zinoviev too {attempt}."), plan.ranking
