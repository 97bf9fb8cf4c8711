"""A plain install and an editable install both find the bundled pack and templates."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from paths import REPO


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """Built once, offline: hatchling comes from the dev environment (no build isolation)."""
    out = tmp_path_factory.mktemp("wheel")
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index", "-q", "-w", str(out), str(REPO)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    if result.returncode != 0 and "No module named pip" in result.stderr:
        pytest.skip("pip is not available in this environment")
    assert result.returncode == 0, result.stderr
    (built,) = out.glob("essayplan-*.whl")
    return built


@pytest.mark.slow
def test_the_wheel_carries_the_packs_and_templates(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "essayplan/factors/stalin-rise.toml" in names
    assert "essayplan/templates/peel.toml" in names
    assert any(n.startswith("essayplan/templates/") for n in names)
    assert "essayplan/cli.py" in names and "essayplan/tui/__init__.py" in names


@pytest.mark.slow
def test_a_plain_install_finds_the_bundled_pack_from_another_folder(wheel, tmp_path):
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--no-index", "-q", "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    # The dev environment's python resolves the dependencies; PYTHONPATH puts the
    # installed copy first, ahead of the editable one.
    env = {**os.environ, "PYTHONPATH": str(target)}
    code = (
        "import essayplan, essayplan.paths as p\n"
        "print(essayplan.__file__); print(p.bundled_factors()); print(p.bundled_templates())"
    )
    where = subprocess.run([sys.executable, "-c", code], env=env, cwd=elsewhere, capture_output=True, text=True, check=True)
    module, factors, templates = where.stdout.splitlines()
    for path in (module, factors, templates):
        assert Path(path).is_relative_to(target), path
    assert (Path(templates) / "peel.toml").is_file()

    result = subprocess.run(
        [sys.executable, "-m", "essayplan", "packs"], env=env, cwd=elsewhere, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert "  1924–29    stalin-rise          Stalin's Rise to Power — 4 factors, 38 evidence cards — " in result.stdout
    assert f"{target / 'essayplan' / 'factors' / 'stalin-rise.toml'} [bundled]" in result.stdout


def test_the_editable_install_finds_the_bundled_pack_from_another_folder(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    result = subprocess.run(
        [sys.executable, "-m", "essayplan", "packs"], env=env, cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert f"{REPO / 'factors' / 'stalin-rise.toml'} [bundled]" in result.stdout
    templates = subprocess.run(
        [sys.executable, "-c", "import essayplan.paths as p; print(p.bundled_templates())"],
        env=env, cwd=tmp_path, capture_output=True, text=True, check=True,
    )
    assert Path(templates.stdout.strip()) == REPO / "templates"
