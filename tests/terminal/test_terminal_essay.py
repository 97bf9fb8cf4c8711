"""A whole essay planned in a real terminal (tmux), as a new student would, at a fast typist's speed:
once with the keys alone at 80×24, once with the mouse alone at 120×40 (#15).

Each ends by saving; the plan file must then equal the expected file in tests/data/essays/ exactly
(bar its two timestamps). Every step waits for what the student would wait for on screen.
"""

from __future__ import annotations

import difflib
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from paths import ESSAYS

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")



class Terminal:
    """The app in a tmux pane of its own server."""

    def __init__(self, home: Path, width: int, height: int) -> None:
        self.socket = f"essayplan-essay-{os.getpid()}-{width}"
        env = f"ESSAYPLAN_HOME={home} TEXTUAL_ANIMATION=none"
        # (COLUMNS and LINES, which pytest may set, would win over the pane's size.)
        command = f"env -u COLUMNS -u LINES {env} {sys.executable} -m essayplan"
        self.tmux("new-session", "-d", "-s", "t", "-x", str(width), "-y", str(height), command)

    def tmux(self, *args: str) -> str:
        return subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True, text=True, timeout=20).stdout

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "t")

    def wait(self, condition, what: str, seconds: float = 20) -> str:
        """Poll the screen until `condition(screen)` holds."""
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            screen = self.screen()
            if condition(screen):
                return screen
            time.sleep(0.05)
        raise AssertionError(f"never on screen: {what}\n{self.screen()}")

    def wait_for(self, text: str, seconds: float = 20) -> str:
        return self.wait(lambda screen: text in screen, repr(text), seconds)

    def wait_gone(self, text: str, seconds: float = 20) -> str:
        return self.wait(lambda screen: text not in screen, f"{text!r} gone", seconds)

    def keys(self, *names: str) -> None:
        """Named keys (Enter, Tab, BTab, Down, C-Down, M-3, F3, C-s…), sent at once."""
        self.tmux("send-keys", "-t", "t", *names)

    def type(self, text: str) -> None:
        """A fast typist: each word in one burst, the next as soon as it is sent."""
        for word in re.findall(r"\S+\s*", text):
            self.tmux("send-keys", "-t", "t", "-l", word)

    def find(self, text: str) -> tuple[int, int]:
        """1-based column and row of text on screen, as mouse sequences count."""
        for row, line in enumerate(self.screen().splitlines(), start=1):
            if text in line:
                return line.index(text) + 1, row
        raise AssertionError(f"{text!r} is not on screen:\n{self.screen()}")

    def click(self, text: str, dx: int = 0) -> None:
        x, y = self.find(text)
        self.tmux("send-keys", "-t", "t", "-l", f"\x1b[<0;{x + dx};{y}M\x1b[<0;{x + dx};{y}m")

    def drag(self, start: tuple[int, int], end: tuple[int, int]) -> None:
        (x0, y0), (x1, y1) = start, end
        self.tmux("send-keys", "-t", "t", "-l", f"\x1b[<0;{x0};{y0}M\x1b[<32;{x0 + 3};{y0 + 1}M")
        self.wait(lambda screen: "Moving" in screen, "the drag's status line")
        self.tmux("send-keys", "-t", "t", "-l", f"\x1b[<32;{x1};{y1}M")
        self.wait(lambda screen: "Moving" in screen and "nowhere" not in screen.splitlines()[-1], "a place to drop")
        self.tmux("send-keys", "-t", "t", "-l", f"\x1b[<0;{x1};{y1}m")
        self.wait_gone("Moving")

    def closed(self) -> bool:
        return bool(subprocess.run(["tmux", "-L", self.socket, "has-session", "-t", "t"], capture_output=True).returncode)

    def wait_until_closed(self, seconds: float = 20) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end and not self.closed():
            time.sleep(0.05)
        assert self.closed(), f"the app did not quit:\n{self.screen()}"

    def close(self) -> None:
        self.tmux("kill-server")


def saved_plan(home: Path) -> str:
    """The plan file as saved, its creation and change times set apart."""
    text = (home / "data" / "plans" / "stalin-rise.toml").read_text(encoding="utf-8")
    return re.sub(r"^(created|modified) = .*$", r"\1 = <time>", text, flags=re.MULTILINE)


def assert_saved_as(home: Path, name: str) -> None:
    """The saved plan equals tests/data/essays/NAME (bar the times), or the difference is shown."""
    actual, path = saved_plan(home), ESSAYS / name
    if os.environ.get("ESSAYPLAN_WRITE_EXPECTED"):  # (to make the file again after a deliberate change)
        path.write_text(actual, encoding="utf-8")
    wanted = path.read_text(encoding="utf-8")
    assert actual == wanted, "\n".join(difflib.unified_diff(wanted.splitlines(), actual.splitlines(), name, "saved", lineterm=""))


@pytest.fixture
def terminal(request, user_home):
    width, height = request.param
    term = Terminal(user_home, width, height)
    try:
        term.wait_for("Evidence bank")
        yield term
    finally:
        term.close()


@pytest.mark.parametrize("terminal", [(80, 24)], indirect=True)
def test_a_whole_essay_with_the_keys_alone_at_80_by_24(terminal, user_home):
    t = terminal
    # The question: a new plan starts on it; Enter, the first of the pack's questions.
    t.keys("Enter")
    t.wait_for("Choose the question")
    t.keys("Enter")
    t.wait_for("Question: Why was Stalin able")
    t.keys("Tab")  # back to the bank

    # Cards found by typing: Enter lifts the match, Enter drops it on the factor ranked 1 (↓: the next).
    t.type("socialism in one")
    t.wait_for("Search: socialism in one▏")
    t.keys("Enter", "Enter")
    t.wait_for("• December 1924 Stalin")
    t.keys("Escape")
    t.wait_for("type to search")
    t.type("ban on factions")
    t.wait_for("Search: ban on factions▏")
    t.keys("Enter", "Down", "Enter")
    t.wait_for("✓ used in ¶2")
    t.keys("Escape")
    t.wait_for("type to search")
    t.type("grey blur")
    t.wait_for("Search: grey blur▏")
    t.keys("Enter", "3", "Enter")  # lifted, 3 aims at the factor ranked 3, Enter drops
    t.wait_for("✓ used in ¶3")
    t.keys("Escape")
    t.wait_for("type to search")

    # The ranking: typing on a factor writes its reason; Enter closes it and the arrows work at once.
    t.keys("Tab")
    t.wait_for("⏎ Lift/drop")
    t.type("His policies won over the party")
    t.wait_for("won over the party")
    t.keys("Enter", "Down", "Down")
    t.type("Trotsky, Zinoviev and Bukharin misjudged him")
    t.wait_for("misjudged him")
    t.keys("Enter", "C-Down")  # the opposition down to #3
    t.wait_for("3 ⠿ Weakness of the opposition")

    # The plan: the introduction and the criteria, Tab between them.
    t.keys("F3")
    t.wait_for("Line of argument")
    t.type("Stalin rose because he controlled the party.")
    t.keys("Tab")
    t.type("Which factor could work without the others?")
    t.wait_for("without the others?")
    t.keys("C-s")
    t.wait_for("Saved to")
    t.keys("C-q")
    t.wait_until_closed()
    assert_saved_as(user_home, "essay-keys.toml")


@pytest.mark.parametrize("terminal", [(120, 40)], indirect=True)
def test_a_whole_essay_with_the_mouse_alone_at_120_by_40(terminal, user_home):
    t = terminal
    t.click("Question:")
    t.wait_for("Choose the question")
    t.click("How far was the weakness of the opposition")
    t.wait_for("Question: How far was the weakness")
    t.wait_for("not at all")  # the judgement line under a how-far question: the board moved down

    # Cards dragged onto factors, a factor dragged up the ranking.
    opposition = t.find("2 ⠿ Weakness of the opposition")
    t.drag(t.find("December 1924  Stalin first"), (opposition[0] + 6, opposition[1]))
    t.wait_for("• December 1924 Stalin")
    personality = t.find("3 ⠿ Stalin's personality")
    t.drag(t.find("1925–27  From 1925 to 1927"), (personality[0] + 6, personality[1]))
    t.wait_for("• 1925–27 From 1925")
    first, third = t.find("1 ⠿"), t.find("3 ⠿")
    t.drag((third[0] + 4, third[1]), (first[0] + 4, first[1]))
    t.wait_for("1 ⠿ Stalin's personality")

    # A reason: a click on its line, words at a typist's speed, a click out of it.
    t.click("Why this rank?", 2)
    t.type("As General Secretary he chose who came to congresses")
    t.wait_for("who came to congresses")
    t.click("Evidence bank")
    t.wait_for("✎ As General Secretary")

    # The plan view by its tab; a click in each field, then typing.
    t.click("Plan F3")
    t.wait_for("Line of argument")
    t.click("Line of argument", 22)  # from 100 columns the field is beside its label
    t.type("The opposition was weak, but Stalin made it weaker.")
    t.wait_for("made it weaker.")
    t.click("Criteria", 22)
    t.type("Could the others have worked without it?")
    t.wait_for("worked without it?")
    t.click("^q Quit", 1)  # the key bar: save and quit
    t.wait_until_closed()
    assert_saved_as(user_home, "essay-mouse.toml")
