"""Shared test set-up: every test gets its own user folders; the run is laid out for parallel workers."""

from __future__ import annotations

import compileall
import os
import sys
from pathlib import Path

import pytest

from paths import FACTORS, REPO

os.environ.setdefault("TEXTUAL_ANIMATION", "none")

# Tests sharing one costly set-up run in one xdist worker (`--dist loadgroup`), so it is made once.
ONE_WORKER = {"rendered": "libreoffice", "wheel": "wheel"}
# Tests that take many seconds start first, so that the workers finish together.
FIRST = ("tests/tui/test_monkey.py", "tests/tui/test_resize.py", "tests/terminal/", "tests/tui/test_safety_text.py")


def pytest_configure(config) -> None:
    # Where PYTHONDONTWRITEBYTECODE is set (as on our machines) every worker would rewrite every
    # test module's asserts again (~2.5 s each), and every app or command a test starts would
    # compile essayplan again (~60 ms each): keep the rewritten tests (gitignored __pycache__),
    # and compile our code once, before the workers start. The children only read it.
    sys.dont_write_bytecode = False
    if not hasattr(config, "workerinput"):
        compileall.compile_dir(REPO / "src" / "essayplan", quiet=1)


@pytest.hookimpl(tryfirst=True)  # before xdist reads the marks
def pytest_collection_modifyitems(items) -> None:
    for item in items:
        for fixture, group in ONE_WORKER.items():
            if fixture in getattr(item, "fixturenames", ()):
                item.add_marker(pytest.mark.xdist_group(group))

    def rank(item) -> int:
        return next((i for i, start in enumerate(FIRST) if item.nodeid.startswith(start)), len(FIRST))

    items.sort(key=rank)  # stable: the rest keep their order


def pytest_xdist_auto_num_workers(config) -> int:
    """`-n auto`: three workers per core. The tests wait more than they compute (Pilot letting
    the app settle, child processes, tmux, LibreOffice): one worker per core leaves cores idle,
    and with two the cores were still idle a sixth of the run (measured: 4:07 with 4 workers,
    3:49 with 6, on 2 cores)."""
    if os.environ.get("PYTEST_XDIST_AUTO_NUM_WORKERS", "").isdigit():
        return int(os.environ["PYTEST_XDIST_AUTO_NUM_WORKERS"])
    return 3 * len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 3 * (os.cpu_count() or 1)


@pytest.fixture(autouse=True)
def user_home(tmp_path_factory, monkeypatch) -> Path:
    """Point the user's data and config folders at a fresh temporary folder."""
    home = tmp_path_factory.mktemp("essayplan-home")
    monkeypatch.setenv("ESSAYPLAN_HOME", str(home))
    return home


@pytest.fixture(autouse=True)
def typing_clock(monkeypatch):
    """Typing's undo steps end at a sentence, or at a pause of a second on this clock, which
    moves only when a test moves it (helpers.FakeClock): on a loaded machine a second could
    pass between two keys of one word and split it into two steps."""
    from essayplan import typing_steps
    from helpers import FakeClock

    clock = FakeClock()
    monkeypatch.setattr(typing_steps, "now", clock)
    return clock


@pytest.fixture
def bundled_pack():
    from samples import stalin_pack

    return stalin_pack()


@pytest.fixture
def bundled(tmp_path, monkeypatch) -> Path:
    """A copy of the bundled folder, so that a bug can never write to the real one."""
    import shutil

    from essayplan import paths

    folder = tmp_path / "bundled-factors"
    shutil.copytree(FACTORS, folder)
    monkeypatch.setattr(paths, "bundled_factors", lambda: folder)
    monkeypatch.chdir(tmp_path)  # nor find the real one as ./factors
    return folder / "stalin-rise.toml"


@pytest.fixture
def elsewhere(tmp_path, monkeypatch) -> Path:
    """Run from an empty folder, so ./factors is not the repo's bundled folder."""
    folder = tmp_path / "cwd"
    folder.mkdir()
    monkeypatch.chdir(folder)
    return folder
