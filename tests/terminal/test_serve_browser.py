"""`essayplan serve` in a real browser: Debian's chromium driven by Selenium.

A student opens the link, types a name, drags a card with the mouse, writes a
reason and exports (the file arrives as a download); a second student cannot
reach the first one's plan; no key, no app; `../../x` stays in the class folder.
Screenshots go to $ESSAYPLAN_ARTEFACTS (else the test's tmp folder): look at them.
"""

from __future__ import annotations

import os
import re
import shutil
import time
from pathlib import Path

import pytest

from essayplan.plans import load_plan

webdriver = pytest.importorskip("selenium.webdriver")
pytest.importorskip("textual_serve")
CHROMIUM, DRIVER = shutil.which("chromium"), shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(not (CHROMIUM and DRIVER), reason="needs Debian's chromium and chromium-driver")

from selenium.webdriver.common.action_chains import ActionChains  # noqa: E402
from selenium.webdriver.common.actions.action_builder import ActionBuilder  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from serve_harness import layout, running  # noqa: E402

WINDOW = (1200, 800)


def wait(condition, timeout: float = 30.0, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.1)


class Browser:
    """One headless chromium with its own download folder."""

    def __init__(self, downloads: Path, screens: Path, name: str) -> None:
        from selenium.webdriver.chrome.service import Service

        options = webdriver.ChromeOptions()
        options.binary_location = CHROMIUM
        for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", f"--window-size={WINDOW[0]},{WINDOW[1]}"):
            options.add_argument(argument)
        downloads.mkdir(parents=True, exist_ok=True)
        options.add_experimental_option("prefs", {"download.default_directory": str(downloads), "download.prompt_for_download": False})
        self.driver = webdriver.Chrome(service=Service(DRIVER), options=options)
        self.driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
        self.downloads, self.screens, self.name = downloads, screens, name

    def shot(self, step: str) -> Path:
        path = self.screens / f"{self.name}-{step}.png"
        self.driver.save_screenshot(str(path))
        print(f"screenshot: {path}")
        return path

    def open(self, link: str) -> None:
        self.driver.get(link)
        wait(lambda: self.driver.find_elements(By.CSS_SELECTOR, "body.-first-byte"), what="the app's first bytes")

    def keys(self, *keys: str) -> None:
        self.driver.find_element(By.CSS_SELECTOR, ".xterm-helper-textarea").send_keys(*keys)

    def type(self, text: str, gap: float = 0.04) -> None:
        """Typed as a quick student types, a key every `gap` seconds. (Keys a few milliseconds
        apart, faster than any hand, can lose letters as the reason field opens: reported.)"""
        actions = ActionChains(self.driver)
        for character in text:
            actions.send_keys(character).pause(gap)
        actions.perform()

    def cell(self, grid: tuple[int, int], x: int, y: int) -> tuple[int, int]:
        """The page point at the middle of a terminal cell."""
        box = self.driver.execute_script("const r = document.querySelector('.xterm-screen').getBoundingClientRect(); return [r.left, r.top, r.width, r.height];")
        left, top, width, height = box
        return int(left + (x + 0.5) * width / grid[0]), int(top + (y + 0.5) * height / grid[1])

    def drag(self, start: tuple[int, int], end: tuple[int, int], steps: int = 12) -> None:
        """Press, move in steps (Textual starts a drag after two cells), release: a real mouse's events."""
        actions = ActionBuilder(self.driver)
        mouse = actions.pointer_action
        mouse.move_to_location(*start)
        mouse.pointer_down()
        for step in range(1, steps + 1):
            mouse.move_to_location(start[0] + (end[0] - start[0]) * step // steps, start[1] + (end[1] - start[1]) * step // steps)
            mouse.pause(0.05)
        mouse.pointer_up()
        actions.perform()

    def click(self, point: tuple[int, int]) -> None:
        actions = ActionBuilder(self.driver)
        actions.pointer_action.move_to_location(*point).click()
        actions.perform()

    def quit(self) -> None:
        self.driver.quit()


def grid_of(log: str) -> tuple[int, int]:
    """The browser's terminal size, as the server's log says when the app starts."""
    width, height = re.findall(r"running;(\d+)x(\d+)\)", re.sub(r"\s+", "", log))[-1]
    return int(width), int(height)


@pytest.fixture
def screens(tmp_path) -> Path:
    folder = Path(os.environ.get("ESSAYPLAN_ARTEFACTS") or tmp_path / "screens")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_a_class_in_the_browser(tmp_path, screens):
    folder = tmp_path / "class"
    with running(folder, home=tmp_path / "teacher") as served:
        ana = Browser(tmp_path / "downloads-ana", screens, "ana")
        ben = Browser(tmp_path / "downloads-ben", screens, "ben")
        try:
            # No key: a plain page, no app.
            ana.driver.get(served.base + "/")
            assert "No class here" in ana.driver.page_source
            assert not ana.driver.find_elements(By.CSS_SELECTOR, ".xterm-screen")
            ana.shot("0-no-key")

            ana.open(served.link)
            ana.shot("1-name")
            ana.keys("Ana Smith", Keys.ENTER)
            plan_path = folder / "ana-smith" / "stalin-rise.toml"
            wait(plan_path.is_file, what="Ana's plan")
            grid = grid_of(served.log())
            where = layout(grid, tmp_path)
            time.sleep(0.5)  # fixed wait only for the screenshot to show the board drawn
            ana.shot("2-board")

            # Drag the card onto the first factor with the mouse.
            ana.drag(ana.cell(grid, *where["card"]), ana.cell(grid, *where["factor"]))
            wait(lambda: "true-socialism" in load_plan(plan_path).paragraphs[0].evidence, what="the dragged card saved")
            ana.shot("3-dragged")

            # A reason for the first factor: click its ✎ line, type, Enter.
            ana.click(ana.cell(grid, *where["reason"]))
            time.sleep(0.3)
            ana.type("It kept the party on side")
            ana.keys(Keys.ENTER)
            wait(lambda: load_plan(plan_path).ranking[0].reason == "It kept the party on side", what="the reason saved")
            ana.shot("4-reason")

            # Export: a download in the browser, nothing written beside the plan.
            ana.keys(Keys.CONTROL, "e")
            time.sleep(0.5)
            ana.shot("5-export-dialog")
            ana.keys(Keys.ENTER)  # Download has the focus
            document = wait(lambda: [p for p in ana.downloads.glob("*.docx")], what="the download")[0]
            wait(lambda: document.stat().st_size > 0 and not list(ana.downloads.glob("*.crdownload")), what="the whole file")
            assert document.name == "ana-smith-stalin-rise.docx"
            assert document.read_bytes()[:2] == b"PK"
            from docx2python import docx2python

            with docx2python(document) as read:
                text = read.text
            assert "It kept the party on side" in text
            ana.shot("6-downloaded")
            assert sorted(p.name for p in plan_path.parent.iterdir() if not p.name.startswith(".")) == ["stalin-rise.toml"]

            # A second student: their own plan, nothing of Ana's.
            ben.open(served.link)
            ben.keys("Ben Jones", Keys.ENTER)
            ben_plan = folder / "ben-jones" / "stalin-rise.toml"
            wait(ben_plan.is_file, what="Ben's plan")
            time.sleep(0.5)
            ben.shot("1-board")
            assert not any(p.evidence for p in load_plan(ben_plan).paragraphs)
            assert "It kept the party" not in ben_plan.read_text("utf-8")
            assert load_plan(plan_path).ranking[0].reason == "It kept the party on side"

            # A name like a path: inside the class folder all the same.
            ben.open(served.link)
            ben.keys("../../x", Keys.ENTER)
            wait((folder / "x" / "stalin-rise.toml").is_file, what="the plan of ../../x")
            time.sleep(0.5)
            ben.shot("2-dotdot")
            assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
                ["class", "teacher", "layout", "layout-homes", "downloads-ana", "downloads-ben"] + (["screens"] if screens.parent == tmp_path else [])
            )
        except BaseException:
            for path in folder.glob("*/*.toml"):
                print(path, load_plan(path).ranking[0], [p.evidence for p in load_plan(path).paragraphs])
            ana.shot("failed")  # what the student saw when it went wrong
            ben.shot("failed")
            raise
        finally:
            ana.quit()
            ben.quit()
    assert sorted(p.name for p in folder.iterdir()) == ["ana-smith", "ben-jones", "x"]
