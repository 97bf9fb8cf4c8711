"""Where things live: the bundled folders and the user's folders."""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _bundled(name: str) -> Path:
    # A wheel carries the folder inside the package (hatch force-include);
    # an editable install or a checkout finds it at the top of the repo.
    inside = _PACKAGE / name
    if inside.is_dir():
        return inside
    return _PACKAGE.parent.parent / name


def bundled_factors() -> Path:
    return _bundled("factors")


def bundled_templates() -> Path:
    return _bundled("templates")


def _user_dir(kind: str) -> Path:
    # ESSAYPLAN_HOME puts every user folder under one place (tests, portable use).
    home = os.environ.get("ESSAYPLAN_HOME")
    if home:
        return Path(home) / kind
    import platformdirs

    if kind == "config":
        return Path(platformdirs.user_config_dir("essayplan", appauthor=False))
    if kind == "cache":
        return Path(platformdirs.user_cache_dir("essayplan", appauthor=False))
    return Path(platformdirs.user_data_dir("essayplan", appauthor=False))


def user_data() -> Path:
    """Autosaved plans and the app's state."""
    return _user_dir("data")


def user_packs() -> Path:
    """Packs the user made or imported."""
    return _user_dir("data") / "packs"


def user_config() -> Path:
    return _user_dir("config")


def user_cache() -> Path:
    """What can be made again from the user's files (safe to delete)."""
    return _user_dir("cache")


def expand(path: str | Path) -> Path:
    """A path with ~ expanded; an unknown ~user is the user's mistake, not a crash."""
    try:
        return Path(path).expanduser()
    except RuntimeError:
        from essayplan.errors import UserError

        raise UserError(f"{path}: cannot expand ~ (no such user)") from None


def user_documents() -> Path:
    """Where a student keeps documents: ~/Documents when it exists, else home."""
    import platformdirs

    documents = Path(platformdirs.user_documents_dir())
    return documents if documents.is_dir() else Path.home()


def display(path: Path) -> str:
    """A path as short as it can be shown: relative to the home folder when inside it."""
    try:
        return "~" + os.sep + str(Path(path).resolve().relative_to(Path.home()))
    except (ValueError, RuntimeError):
        return str(path)


