"""Shared test set-up: every test gets its own user folders."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from paths import FACTORS

os.environ.setdefault("TEXTUAL_ANIMATION", "none")

# Tests sharing one costly set-up run in one xdist worker (`--dist loadgroup`), so it is made once.
ONE_WORKER = {"rendered": "libreoffice", "wheel": "wheel"}


@pytest.hookimpl(tryfirst=True)  # before xdist reads the marks
def pytest_collection_modifyitems(items) -> None:
    for item in items:
        for fixture, group in ONE_WORKER.items():
            if fixture in getattr(item, "fixturenames", ()):
                item.add_marker(pytest.mark.xdist_group(group))


@pytest.fixture(autouse=True)
def user_home(tmp_path_factory, monkeypatch) -> Path:
    """Point the user's data and config folders at a fresh temporary folder."""
    home = tmp_path_factory.mktemp("essayplan-home")
    monkeypatch.setenv("ESSAYPLAN_HOME", str(home))
    return home


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
